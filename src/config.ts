// The only reader of process.env. Every setting is validated here, once, at start-up, so a typo
// in the environment stops the process with a clear message instead of misbehaving later.
import path from 'node:path';

export interface Config {
  readonly nodeEnv: string;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** Unset: SQLite under dataDir. */
  readonly databaseUrl: string | undefined;
  /** PostgreSQL connections per instance. */
  readonly databasePoolSize: number;
  /** PostgreSQL statement timeout, and how long to wait for a connection, in ms. */
  readonly databaseTimeoutMs: number;
  readonly redisUrl: string | undefined;
  /** Unset: mail is printed to the log (refused in production). */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** Absolute session lifetime in seconds (the login token's `exp`). */
  readonly loginTokenTtl: number;
  /** Idle timeout in seconds; 0 turns it off. */
  readonly sessionIdleTtl: number;
  /** Signing keys as given; unset means "generate one into dataDir". The first one signs. */
  readonly jwtKeys: readonly JwtKey[] | undefined;
  readonly trustProxy: boolean | string;
  readonly logLevel: string;
}

export interface JwtKey {
  readonly kid: string;
  readonly secret: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The key id a lone JWT_SECRET (or a generated secret) signs with. */
export const DEFAULT_KID = 'k1';
const MIN_SECRET_LENGTH = 32;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const smtpUrl = nonEmpty(env.SMTP_URL);
  if (nodeEnv === 'production' && !smtpUrl) {
    throw new ConfigError(
      'SMTP_URL is required when NODE_ENV=production: without it one-time codes would only be printed to the log.',
    );
  }
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const databaseUrl = nonEmpty(env.DATABASE_URL);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// URL (leave it unset for SQLite)');
  }
  return Object.freeze({
    nodeEnv,
    host: env.HOST ?? '127.0.0.1',
    port: integer(env, 'PORT', 8080, 0, 65535),
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    databaseUrl,
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    databaseTimeoutMs: integer(env, 'DATABASE_TIMEOUT_MS', 5000, 100, 600_000),
    redisUrl: nonEmpty(env.REDIS_URL),
    smtpUrl,
    mailFrom: env.MAIL_FROM ?? 'keyward <no-reply@localhost>',
    loginTokenTtl: integer(env, 'LOGIN_TOKEN_TTL', 86400, 1, 10 * 365 * 86400),
    sessionIdleTtl: integer(env, 'SESSION_IDLE_TTL', 7200, 0, 10 * 365 * 86400),
    jwtKeys: jwtKeys(env),
    trustProxy: trustProxy(env.TRUST_PROXY),
    logLevel,
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function jwtKeys(env: Env): JwtKey[] | undefined {
  const ring = nonEmpty(env.JWT_SECRETS);
  const single = env.JWT_SECRET;
  if (ring && single) throw new ConfigError('Set JWT_SECRET or JWT_SECRETS, not both');
  let keys: JwtKey[];
  if (ring) {
    keys = ring.split(',').map((pair) => {
      const at = pair.indexOf(':');
      if (at <= 0) throw new ConfigError('JWT_SECRETS must be comma-separated kid:secret pairs');
      return { kid: pair.slice(0, at).trim(), secret: pair.slice(at + 1) };
    });
    const kids = new Set(keys.map((k) => k.kid));
    if (kids.size !== keys.length) throw new ConfigError('JWT_SECRETS has a repeated kid');
  } else if (single !== undefined && single !== '') {
    keys = [{ kid: DEFAULT_KID, secret: single }];
  } else {
    return undefined;
  }
  for (const key of keys) {
    if (Buffer.byteLength(key.secret) < MIN_SECRET_LENGTH) {
      throw new ConfigError(
        `JWT secret "${key.kid}" is too short: use at least ${MIN_SECRET_LENGTH} bytes`,
      );
    }
  }
  return keys;
}

function trustProxy(raw: string | undefined): boolean | string {
  const value = nonEmpty(raw);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return value; // a comma-separated list of proxy addresses or CIDRs, as Fastify takes it
}
