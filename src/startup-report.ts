// What an operator needs to see at start to know this instance is wired as intended: one line
// each for the store, Redis and mail. Addresses only: a URL's user and password never reach the log.
import path from 'node:path';
import type { Config } from './config.js';
import { SQLITE_FILE } from './db/database.js';

export function storeLine(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  if (!config.databaseUrl) return `store: SQLite ${path.resolve(config.dataDir, SQLITE_FILE)}`;
  const url = new URL(config.databaseUrl);
  return `store: PostgreSQL ${hostOf(url)}${url.pathname}`;
}

/** `connected`: whether Redis answered during start-up (it reconnects by itself later). */
export function redisLine(config: Pick<Config, 'redisUrl'>, connected: boolean): string {
  if (!config.redisUrl)
    return 'Redis: not set (REDIS_URL): rate limits and revocations stay in this instance';
  const host = hostOf(new URL(config.redisUrl));
  return connected
    ? `Redis: connected to ${host}: rate limits, revocations and events are shared`
    : `Redis: not reachable at ${host}: this instance counts alone until it is`;
}

export function mailLine(config: Pick<Config, 'smtpUrl'>): string {
  return config.smtpUrl
    ? `mail: SMTP ${hostOf(new URL(config.smtpUrl))}`
    : 'mail: printed to the log, codes included (SMTP_URL is not set)';
}

function hostOf(url: URL): string {
  return url.port ? `${url.hostname}:${url.port}` : url.hostname;
}
