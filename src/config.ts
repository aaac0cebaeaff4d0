// The only reader of process.env. Every setting is validated here, once, at start-up, so a typo
// in the environment stops the process with a clear message instead of misbehaving later. What
// each setting is lives in settings.ts.
import {
  ConfigError,
  RATE_LIMIT_SETTINGS,
  SETTINGS,
  readAll,
  type Env,
  type Values,
} from './settings.js';

export { ConfigError, DEFAULT_KID, type JwtKey, type RateLimit } from './settings.js';

export type Config = Values<typeof SETTINGS>;
export type RateLimitsConfig = Config['rateLimits'];

type RateLimitEnv =
  | (typeof RATE_LIMIT_SETTINGS)[keyof typeof RATE_LIMIT_SETTINGS]['env']
  | (typeof SETTINGS)['otpLockS']['env'];

/** Every rate-limit setting with its default, as the environment spells it. */
export const RATE_LIMIT_DEFAULTS = Object.fromEntries(
  [...Object.values(RATE_LIMIT_SETTINGS), SETTINGS.otpLockS].map((row) => [row.env, row.default]),
) as Readonly<Record<RateLimitEnv, string>>;

export interface LoadConfigOptions {
  /**
   * False for commands that never send mail (the admin CLI but `serve`): they must not need
   * SMTP_URL in production.
   */
  readonly sendsMail?: boolean;
}

export function loadConfig(env: Env = process.env, options: LoadConfigOptions = {}): Config {
  const config = readAll(SETTINGS, env);
  if (config.nodeEnv === 'production' && !config.smtpUrl && options.sendsMail !== false) {
    throw new ConfigError(
      'SMTP_URL is required when NODE_ENV=production: without it one-time codes would only be printed to the log.',
    );
  }
  return config;
}

/**
 * Only the named settings, read and checked as loadConfig reads them: for a command that uses a
 * few (`keyward migrate` has no use for PORT or SMTP_URL, so a bad PORT must not stop it).
 */
export function loadSettings<K extends keyof Config>(
  env: Env,
  keys: readonly K[],
): Pick<Config, K> {
  const rows = Object.fromEntries(keys.map((key) => [key, SETTINGS[key]]));
  return readAll(rows as Pick<typeof SETTINGS, K>, env) as Pick<Config, K>;
}
