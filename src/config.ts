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
  /**
   * How long verify may answer from memory, in ms (0: never). At most 1000: that is how soon
   * every instance must refuse a token revoked on another one, even without Redis.
   */
  readonly authCacheTtlMs: number;
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
  /** Prefix of every key keyward writes to Redis, so deployments can share one server. */
  readonly redisKeyPrefix: string;
  /** Request budgets; a limit that is null is off. */
  readonly rateLimits: RateLimitsConfig;
  /** Browser origins allowed to call the API (CORS); empty: CORS off. */
  readonly corsOrigins: readonly string[];
  /** After SIGTERM, how long requests in flight may run before their connections are cut, in ms. */
  readonly shutdownGraceMs: number;
  /** Wait before the first retry of a failed mail, in ms; each next wait is 4 times longer. */
  readonly mailRetryBaseMs: number;
  /** How often expired codes, ended sessions and old audit events are purged, in ms; 0: never. */
  readonly housekeepingIntervalMs: number;
  /** Audit events older than this many days are purged; 0 keeps them forever. */
  readonly auditRetentionDays: number;
}

export interface LoadConfigOptions {
  /**
   * False for commands that never send mail (the admin CLI but `serve`): they must not need
   * SMTP_URL in production.
   */
  readonly sendsMail?: boolean;
}

/** `points` requests per `seconds`-long window. */
export interface RateLimit {
  readonly points: number;
  readonly seconds: number;
}

export interface RateLimitsConfig {
  /** Codes mailed per address (login and sign-up step 1 together). */
  readonly otpSendPerAddress: RateLimit | null;
  /** Code requests per client IP. */
  readonly otpSendPerIp: RateLimit | null;
  /** Code checks (login and sign-up step 2) per client IP. */
  readonly otpCheckPerIp: RateLimit | null;
  /** Wrong codes per address, across resends; spending it locks the address. */
  readonly otpWrongPerAddress: RateLimit | null;
  /** How long that lock lasts, in seconds. */
  readonly otpLockSeconds: number;
  /** API tokens minted per user. */
  readonly generateTokenPerUser: RateLimit | null;
  /** Failed verifies per client IP; off by default (verify is what other services call). */
  readonly verifyFailedPerIp: RateLimit | null;
}

/** Every rate-limit setting with its default, as the environment spells it (README table). */
export const RATE_LIMIT_DEFAULTS = {
  RATE_LIMIT_OTP_SEND_PER_ADDRESS: '5/1h',
  RATE_LIMIT_OTP_SEND_PER_IP: '30/5m',
  RATE_LIMIT_OTP_CHECK_PER_IP: '30/5m',
  RATE_LIMIT_OTP_WRONG_PER_ADDRESS: '10/1h',
  RATE_LIMIT_OTP_LOCK: '15m',
  RATE_LIMIT_GENERATE_TOKEN_PER_USER: '100/1m',
  RATE_LIMIT_VERIFY_FAILED_PER_IP: 'off',
} as const;

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

export function loadConfig(env: Env = process.env, options: LoadConfigOptions = {}): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const smtpUrl = nonEmpty(env.SMTP_URL);
  if (nodeEnv === 'production' && !smtpUrl && options.sendsMail !== false) {
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
    authCacheTtlMs: integer(env, 'AUTH_CACHE_TTL_MS', 1000, 0, 1000),
    smtpUrl,
    mailFrom: env.MAIL_FROM ?? 'keyward <no-reply@localhost>',
    loginTokenTtl: integer(env, 'LOGIN_TOKEN_TTL', 86400, 1, 10 * 365 * 86400),
    sessionIdleTtl: integer(env, 'SESSION_IDLE_TTL', 7200, 0, 10 * 365 * 86400),
    jwtKeys: jwtKeys(env),
    trustProxy: trustProxy(env.TRUST_PROXY),
    logLevel,
    redisKeyPrefix: env.REDIS_KEY_PREFIX ?? 'keyward:',
    rateLimits: rateLimits(env),
    corsOrigins: corsOrigins(env.CORS_ORIGINS),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    mailRetryBaseMs: integer(env, 'MAIL_RETRY_BASE_MS', 2000, 1, 60_000),
    housekeepingIntervalMs: integer(env, 'HOUSEKEEPING_INTERVAL_MS', 3_600_000, 0, 86_400_000),
    auditRetentionDays: integer(env, 'AUDIT_RETENTION_DAYS', 365, 0, 36_500),
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

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
const MAX_WINDOW_SECONDS = 30 * 86400;

/** "90", "90s", "15m", "1h", "1d" → seconds. */
function duration(name: string, raw: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(raw);
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] || 's']! : NaN;
  if (!(seconds >= 1 && seconds <= MAX_WINDOW_SECONDS)) {
    throw new ConfigError(
      `${name} must be a duration from 1s to 30d such as 90s, 15m, 1h or 1d, got "${raw}"`,
    );
  }
  return seconds;
}

/** "COUNT/DURATION" (e.g. 5/1h, 30/5m), or "off". */
function rateLimit(env: Env, name: keyof typeof RATE_LIMIT_DEFAULTS): RateLimit | null {
  const raw = nonEmpty(env[name]) ?? RATE_LIMIT_DEFAULTS[name];
  if (raw === 'off') return null;
  const at = raw.indexOf('/');
  const points = Number(raw.slice(0, at));
  if (at <= 0 || !/^\d+$/.test(raw.slice(0, at)) || points < 1 || points > 1_000_000_000) {
    throw new ConfigError(`${name} must be "off" or COUNT/DURATION such as 5/1h, got "${raw}"`);
  }
  return { points, seconds: duration(name, raw.slice(at + 1)) };
}

function rateLimits(env: Env): RateLimitsConfig {
  return Object.freeze({
    otpSendPerAddress: rateLimit(env, 'RATE_LIMIT_OTP_SEND_PER_ADDRESS'),
    otpSendPerIp: rateLimit(env, 'RATE_LIMIT_OTP_SEND_PER_IP'),
    otpCheckPerIp: rateLimit(env, 'RATE_LIMIT_OTP_CHECK_PER_IP'),
    otpWrongPerAddress: rateLimit(env, 'RATE_LIMIT_OTP_WRONG_PER_ADDRESS'),
    otpLockSeconds: duration(
      'RATE_LIMIT_OTP_LOCK',
      nonEmpty(env.RATE_LIMIT_OTP_LOCK) ?? RATE_LIMIT_DEFAULTS.RATE_LIMIT_OTP_LOCK,
    ),
    generateTokenPerUser: rateLimit(env, 'RATE_LIMIT_GENERATE_TOKEN_PER_USER'),
    verifyFailedPerIp: rateLimit(env, 'RATE_LIMIT_VERIFY_FAILED_PER_IP'),
  });
}

/** Comma-separated origins, each exactly scheme://host[:port]. */
function corsOrigins(raw: string | undefined): string[] {
  const value = nonEmpty(raw);
  if (value === undefined) return [];
  return value.split(',').map((entry) => {
    const origin = entry.trim();
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError(
        `CORS_ORIGINS must be comma-separated origins such as https://app.example.com, got "${origin}"`,
      );
    }
    return origin;
  });
}
