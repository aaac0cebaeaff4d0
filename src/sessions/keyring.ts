import fs from 'node:fs';
import path from 'node:path';
import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import { ConfigError, DEFAULT_KID, type Config, type JwtKey } from '../config.js';
import { randomHex32 } from '../lib/crypto.js';

export const GENERATED_SECRET_FILE = 'jwt-secret';

export interface Keyring {
  /** The key new login tokens are signed with. */
  readonly signing: { readonly kid: string; readonly key: KeyObject };
  /** Every key a login token may have been signed with, by kid. */
  readonly verifying: ReadonlyMap<string, KeyObject>;
  /** Keys the HMAC of one-time codes, so a copy of the store can't be searched offline. */
  readonly otpKey: Buffer;
}

const SHARED_STORE_WITHOUT_SECRET =
  'DATABASE_URL is set but JWT_SECRETS (or JWT_SECRET) is not: each instance would sign with a secret of its own, and codes and login tokens from the others would be refused';

/**
 * JWT_SECRET / JWT_SECRETS as configured, else a secret generated once into DATA_DIR (0600).
 * The HMAC key is the secret's UTF-8 bytes as given, so any JWT library can check a token.
 * A generated secret is local to one machine: with a shared store, instances would disagree, so
 * production refuses to start and development says so.
 */
export function loadKeyring(
  config: Pick<Config, 'jwtKeys' | 'dataDir' | 'databaseUrl' | 'nodeEnv'>,
  logger?: Logger,
): Keyring {
  if (!config.jwtKeys && config.databaseUrl) {
    if (config.nodeEnv === 'production')
      throw new ConfigError(`${SHARED_STORE_WITHOUT_SECRET}. Set JWT_SECRETS.`);
    logger?.warn(`${SHARED_STORE_WITHOUT_SECRET}; production refuses to start like this.`);
  }
  const keys = config.jwtKeys ?? [{ kid: DEFAULT_KID, secret: generatedSecret(config.dataDir) }];
  return keyringFrom(keys);
}

export function keyringFrom(keys: readonly JwtKey[]): Keyring {
  const [first] = keys;
  if (!first) throw new Error('a keyring needs at least one key');
  const verifying = new Map(keys.map((k) => [k.kid, createSecretKey(Buffer.from(k.secret))]));
  const otpKey = Buffer.from(hkdfSync('sha256', first.secret, '', 'keyward one-time codes', 32));
  return { signing: { kid: first.kid, key: verifying.get(first.kid)! }, verifying, otpKey };
}

function generatedSecret(dataDir: string): string {
  const file = path.join(dataDir, GENERATED_SECRET_FILE);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails if the file exists, so two processes starting together keep one secret.
    fs.writeFileSync(file, randomHex32(), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return fs.readFileSync(file, 'utf8').trim();
}
