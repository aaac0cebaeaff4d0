import { createHmac, hash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';

export const newId = (): string => randomUUID();

/**
 * Ids for requests: a random prefix per process, so two instances never share one, and a
 * counter, which is cheaper than a UUID per request. They tie log lines and answers together;
 * nothing is protected by their being unpredictable.
 */
export function requestIds(): () => string {
  const prefix = randomUUID();
  let next = 0;
  return () => `${prefix}-${(next++).toString(36)}`;
}

/** 256 random bits as 64 lowercase hex characters. */
export const randomHex32 = (): string => randomBytes(32).toString('hex');

/** A uniformly drawn 6-digit code, leading zeros kept. */
export const sixDigitCode = (): string => randomInt(0, 1_000_000).toString().padStart(6, '0');

/** One-shot `crypto.hash`: no Hash object per call, which verify's hot path would pay for. */
export const sha256Hex = (value: string): string => hash('sha256', value, 'hex');

export const hmacSha256Hex = (key: Buffer, value: string): string =>
  createHmac('sha256', key).update(value).digest('hex');

/** Compares two hex digests without leaking where they differ. */
export function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
