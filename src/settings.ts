// Every setting keyward reads, declared once: its environment variable, its default as the
// environment spells it, its unit, what it means, and how it is read. The Config type, the
// parser, the documentation's settings table and the rate limiters all come from these rows.
import path from 'node:path';
import { durationSeconds, parseWindow, type RateLimit } from './lib/windows.js';

export type { RateLimit };

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface Setting<T, E extends string = string> {
  /** The environment variable (the first one, where two are read). */
  readonly env: E;
  /** As the environment spells it; undefined: unset unless given. */
  readonly default: string | undefined;
  readonly unit?: string;
  readonly meaning: string;
  readonly read: (env: Env) => T;
}

export interface JwtKey {
  readonly kid: string;
  readonly secret: string;
}

/** The key id a lone JWT_SECRET (or a generated secret) signs with. */
export const DEFAULT_KID = 'k1';
const MIN_SECRET_LENGTH = 32;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

// ---- kinds of setting -----------------------------------------------------------------------

const text = (env: string, fallback: string, meaning: string): Setting<string> => ({
  env,
  default: fallback,
  meaning,
  read: (e) => nonEmpty(e[env]) ?? fallback,
});

const optional = (
  env: string,
  meaning: string,
  check: (value: string) => void = () => undefined,
): Setting<string | undefined> => ({
  env,
  default: undefined,
  meaning,
  read: (e) => {
    const value = nonEmpty(e[env]);
    if (value !== undefined) check(value);
    return value;
  },
});

function integer(
  env: string,
  fallback: number,
  range: { min: number; max: number; unit?: string },
  meaning: string,
): Setting<number> {
  return {
    env,
    default: String(fallback),
    ...(range.unit === undefined ? {} : { unit: range.unit }),
    meaning,
    read: (e) => {
      const raw = nonEmpty(e[env]);
      if (raw === undefined) return fallback;
      const value = Number(raw);
      if (!/^\d+$/.test(raw) || value < range.min || value > range.max) {
        throw new ConfigError(
          `${env} must be a whole number from ${range.min} to ${range.max}, got "${raw}"`,
        );
      }
      return value;
    },
  };
}

function parseDuration(name: string, raw: string): number {
  const seconds = durationSeconds(raw);
  if (seconds === undefined) {
    throw new ConfigError(
      `${name} must be a duration from 1s to 24d such as 90s, 15m, 1h or 1d, got "${raw}"`,
    );
  }
  return seconds;
}

const duration = <E extends string>(
  env: E,
  fallback: string,
  meaning: string,
): Setting<number, E> => ({
  env,
  default: fallback,
  unit: 's (or 15m, 1h, 1d)',
  meaning,
  read: (e) => parseDuration(env, nonEmpty(e[env]) ?? fallback),
});

/** "COUNT/DURATION" (e.g. 5/1h, 30/5m), or "off". */
function parseRateLimit(name: string, raw: string): RateLimit | null {
  if (raw === 'off') return null;
  const window = parseWindow(raw);
  if (window === undefined) {
    throw new ConfigError(`${name} must be "off" or COUNT/DURATION such as 5/1h, got "${raw}"`);
  }
  return window;
}

const rateLimit = <E extends string>(
  env: E,
  fallback: string,
  meaning: string,
): Setting<RateLimit | null, E> => ({
  env,
  default: fallback,
  unit: 'COUNT/DURATION or off',
  meaning,
  read: (e) => parseRateLimit(env, nonEmpty(e[env]) ?? fallback),
});

// ---- the rows -------------------------------------------------------------------------------

/** Request budgets, each a COUNT/DURATION window or "off". */
export const RATE_LIMIT_SETTINGS = {
  otpSendPerAddress: rateLimit(
    'RATE_LIMIT_OTP_SEND_PER_ADDRESS',
    '5/1h',
    'Codes mailed per address (login and sign-up step 1 together).',
  ),
  otpSendPerIp: rateLimit('RATE_LIMIT_OTP_SEND_PER_IP', '30/5m', 'Code requests per client IP.'),
  otpCheckPerIp: rateLimit(
    'RATE_LIMIT_OTP_CHECK_PER_IP',
    '30/5m',
    'Code checks (login and sign-up step 2) per client IP.',
  ),
  otpWrongPerAddress: rateLimit(
    'RATE_LIMIT_OTP_WRONG_PER_ADDRESS',
    '10/1h',
    'Wrong codes per address, across resends; spending it locks the address.',
  ),
  generateTokenPerUser: rateLimit(
    'RATE_LIMIT_GENERATE_TOKEN_PER_USER',
    '100/1m',
    'API tokens minted per user.',
  ),
  verifyFailedPerIp: rateLimit(
    'RATE_LIMIT_VERIFY_FAILED_PER_IP',
    'off',
    'Failed verifies per client IP; once spent, that IP gets 429 until the window ends (off by default: verify is what other services call).',
  ),
} as const;

export const SETTINGS = {
  nodeEnv: text(
    'NODE_ENV',
    'development',
    '`production` requires `SMTP_URL` (mail is never printed to the log there).',
  ),
  host: text('HOST', '127.0.0.1', 'Address to listen on.'),
  port: integer('PORT', 8080, { min: 0, max: 65535 }, 'Port to listen on (0: any free port).'),
  dataDir: {
    env: 'DATA_DIR',
    default: 'data',
    meaning: 'Folder of the SQLite file (`keyward.sqlite`) and of the generated signing secret.',
    read: (e: Env) => path.resolve(nonEmpty(e.DATA_DIR) ?? 'data'),
  },
  databaseUrl: optional(
    'DATABASE_URL',
    '`postgres://…` selects PostgreSQL (same code and migrations); unset: SQLite under `DATA_DIR`.',
    (url) => {
      if (!/^postgres(ql)?:\/\//.test(url)) {
        throw new ConfigError('DATABASE_URL must be a postgres:// URL (leave it unset for SQLite)');
      }
    },
  ),
  databasePoolSize: integer(
    'DATABASE_POOL_SIZE',
    10,
    { min: 1, max: 1000 },
    'PostgreSQL connections per instance.',
  ),
  databaseTimeoutMs: integer(
    'DATABASE_TIMEOUT_MS',
    5000,
    { min: 100, max: 600_000, unit: 'ms' },
    'PostgreSQL statement timeout and wait for a free connection; past it: 503 `SERVICE_UNAVAILABLE`.',
  ),
  redisUrl: optional(
    'REDIS_URL',
    '`redis://…`: rate-limit budgets and change events (revocations) shared by every instance.',
  ),
  redisKeyPrefix: text(
    'REDIS_KEY_PREFIX',
    'keyward:',
    'Prefix of every Redis key and channel keyward uses, so several deployments can share one Redis.',
  ),
  authCacheTtlMs: integer(
    'AUTH_CACHE_TTL_MS',
    1000,
    { min: 0, max: 1000, unit: 'ms' },
    'How long verify may answer from memory (0: never). At most 1000: how soon every instance must refuse a token revoked on another one, even without Redis.',
  ),
  smtpUrl: optional(
    'SMTP_URL',
    '`smtp://user:pass@host:port` (nodemailer URL form). Unset: mail, codes included, is printed to the log — refused when `NODE_ENV=production`.',
  ),
  mailFrom: text('MAIL_FROM', 'keyward <no-reply@localhost>', 'Sender of every mail.'),
  loginTokenTtlS: integer(
    'LOGIN_TOKEN_TTL',
    86400,
    { min: 1, max: 10 * 365 * 86400, unit: 's' },
    "A session's absolute lifetime (the login token's `exp`).",
  ),
  sessionIdleTtlS: integer(
    'SESSION_IDLE_TTL',
    7200,
    { min: 0, max: 10 * 365 * 86400, unit: 's' },
    'A session ends after this long unused (0: never).',
  ),
  jwtKeys: {
    env: 'JWT_SECRET',
    default: undefined,
    meaning:
      'HMAC key of login tokens (≥ 32 bytes, used as its UTF-8 bytes, kid `k1`), or instead `JWT_SECRETS`: a keyring `kid:secret,kid:secret` whose first key signs and all verify (rotation). Unset: a secret is generated once into `DATA_DIR/jwt-secret` (mode 0600).',
    read: jwtKeys,
  },
  trustProxy: {
    env: 'TRUST_PROXY',
    default: 'false',
    meaning:
      "`true`, or the proxies' addresses/CIDRs, to take the client IP from `X-Forwarded-For` (rate limits, audit log).",
    read: (e: Env): boolean | string => {
      const value = nonEmpty(e.TRUST_PROXY);
      if (value === undefined || value === 'false') return false;
      return value === 'true' ? true : value;
    },
  },
  logLevel: {
    env: 'LOG_LEVEL',
    default: 'info',
    meaning: `One of ${LOG_LEVELS.map((level) => `\`${level}\``).join(' ')}.`,
    read: (e: Env) => {
      const level = nonEmpty(e.LOG_LEVEL) ?? 'info';
      if (!LOG_LEVELS.includes(level)) {
        throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
      }
      return level;
    },
  },
  corsOrigins: {
    env: 'CORS_ORIGINS',
    default: undefined,
    meaning:
      'Comma-separated browser origins (`https://app.example.com`) allowed to call the API; unset: CORS off.',
    read: (e: Env) => corsOrigins(e.CORS_ORIGINS),
  },
  rateLimits: {
    env: 'RATE_LIMIT_*',
    default: undefined,
    meaning: 'Request budgets: one row each below.',
    read: (e: Env) => readAll(RATE_LIMIT_SETTINGS, e),
  },
  otpLockS: duration(
    'RATE_LIMIT_OTP_LOCK',
    '15m',
    'How long an address stays locked once its wrong codes are spent.',
  ),
  shutdownGraceMs: integer(
    'SHUTDOWN_GRACE_MS',
    10_000,
    { min: 0, max: 600_000, unit: 'ms' },
    'After SIGTERM, how long requests in flight may run before their connections are cut.',
  ),
  mailRetryBaseMs: integer(
    'MAIL_RETRY_BASE_MS',
    2000,
    { min: 1, max: 60_000, unit: 'ms' },
    'Wait before the first retry of a mail; then 4× and 16× that (4 tries in all).',
  ),
  housekeepingIntervalMs: integer(
    'HOUSEKEEPING_INTERVAL_MS',
    3_600_000,
    { min: 0, max: 86_400_000, unit: 'ms' },
    'How often expired codes, ended sessions and old audit events are deleted (0: never; run `keyward purge` yourself).',
  ),
  eventStreamKeys: {
    env: 'EVENT_STREAM_KEYS',
    default: undefined,
    meaning:
      'Comma-separated secrets (each ≥ 32 characters) that open the event stream `GET /api/v1/global/events` (sent in the `token` header). Unset: the stream answers 404.',
    read: (e: Env) => eventStreamKeys(e.EVENT_STREAM_KEYS),
  },
  eventStreamMaxConnections: integer(
    'EVENT_STREAM_MAX_CONNECTIONS',
    1000,
    { min: 1, max: 100_000 },
    'Event streams open at once per instance; one more is refused with 503 `SERVICE_UNAVAILABLE` and `Retry-After`.',
  ),
  auditRetentionDays: integer(
    'AUDIT_RETENTION_DAYS',
    365,
    { min: 0, max: 36_500, unit: 'days' },
    'Audit events older than this are purged (0: kept forever).',
  ),
} as const;

type Rows = Record<string, Setting<unknown>>;
export type Values<R extends Rows> = { readonly [K in keyof R]: ReturnType<R[K]['read']> };

export function readAll<R extends Rows>(rows: R, env: Env): Values<R> {
  const values: Record<string, unknown> = {};
  for (const [key, row] of Object.entries(rows)) values[key] = row.read(env);
  return Object.freeze(values) as Values<R>;
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

/** Comma-separated keys, each long enough not to be guessed; none: the stream is off. */
function eventStreamKeys(raw: string | undefined): string[] {
  const value = nonEmpty(raw);
  if (value === undefined) return [];
  return value.split(',').map((entry, index) => {
    const key = entry.trim();
    if (key.length < MIN_SECRET_LENGTH) {
      throw new ConfigError(
        `EVENT_STREAM_KEYS: key ${index + 1} is too short: use at least ${MIN_SECRET_LENGTH} characters`,
      );
    }
    return key;
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

/** Every row, rate limits included, in the order the documentation lists them. */
export function settingRows(): Setting<unknown>[] {
  return Object.values(SETTINGS as Rows).flatMap((row) =>
    row.env === 'RATE_LIMIT_*' ? Object.values(RATE_LIMIT_SETTINGS as Rows) : [row],
  );
}

/** The settings as a Markdown table: the documentation's, made from the rows above. */
export function settingsTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const lines = ['| variable | default | unit | meaning |', '| --- | --- | --- | --- |'];
  for (const row of settingRows()) {
    const fallback = row.default === undefined ? '—' : `\`${row.default}\``;
    lines.push(`| \`${row.env}\` | ${fallback} | ${row.unit ?? ''} | ${cell(row.meaning)} |`);
  }
  return lines.join('\n');
}
