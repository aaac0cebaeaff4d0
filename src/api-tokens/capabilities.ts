// What an API token may carry besides its owner: scopes, metadata and a rate limit. Stored as
// text (JSON, COUNT/DURATION), read back once per store read of the token.
import { AppError } from '../errors.js';
import { parseWindow, storedWindow, type RateLimit } from '../lib/windows.js';

export const SCOPE_PATTERN = '^[a-z0-9][a-z0-9_.:-]{0,63}$';
export const MAX_SCOPES = 32;
/** Metadata is handed back by every verify and shown in listings: it stays small. */
export const MAX_METADATA_BYTES = 1024;
export const RATE_LIMIT_PATTERN = '^[0-9]{1,10}/[0-9]{1,7}[smhd]?$';

export type Metadata = Record<string, unknown>;

/** As a client sends them; null clears (on update), undefined leaves as is. */
export interface CapabilityInput {
  scopes?: string[] | null | undefined;
  metadata?: Metadata | null | undefined;
  rate_limit?: string | null | undefined;
}

/** As stored: JSON and COUNT/DURATION text. */
export interface StoredCapabilities {
  scopes: string | null;
  metadata: string | null;
  rate_limit: string | null;
}

/** As read back. */
export interface Capabilities {
  scopes: string[] | null;
  metadata: Metadata | null;
  rateLimit: RateLimit | null;
  /** The rate limit as its owner wrote it, e.g. 1000/1m. */
  rateLimitText: string | null;
}

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', { details: [{ path, message }] });

/** The columns to write for what a client sent: only the fields it sent. */
export function storedCapabilities(input: CapabilityInput): Partial<StoredCapabilities> {
  const stored: Partial<StoredCapabilities> = {};
  if (input.scopes !== undefined) {
    stored.scopes = input.scopes === null ? null : JSON.stringify(input.scopes);
  }
  if (input.metadata !== undefined) {
    const text = input.metadata === null ? null : JSON.stringify(input.metadata);
    if (text !== null && Buffer.byteLength(text) > MAX_METADATA_BYTES) {
      throw invalid('/metadata', `must be at most ${MAX_METADATA_BYTES} bytes as JSON`);
    }
    stored.metadata = text;
  }
  if (input.rate_limit !== undefined) {
    if (input.rate_limit !== null && parseWindow(input.rate_limit) === undefined) {
      throw invalid('/rate_limit', 'must be COUNT/DURATION such as 1000/1m (1s to 24d)');
    }
    stored.rate_limit = input.rate_limit;
  }
  return stored;
}

export function readCapabilities(stored: StoredCapabilities): Capabilities {
  return {
    scopes: stored.scopes === null ? null : (JSON.parse(stored.scopes) as string[]),
    metadata: stored.metadata === null ? null : (JSON.parse(stored.metadata) as Metadata),
    rateLimit: stored.rate_limit === null ? null : (storedWindow(stored.rate_limit) ?? null),
    rateLimitText: stored.rate_limit,
  };
}

/** Whether a token holds every scope asked for: an unrestricted one holds them all. */
export const holdsScopes = (held: readonly string[] | null, asked: readonly string[]): boolean =>
  held === null || asked.every((scope) => held.includes(scope));
