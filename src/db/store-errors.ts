/**
 * Whether an error means "the store can't be reached right now" (answered 503
 * SERVICE_UNAVAILABLE, and the request can be retried) rather than a bug (500).
 */
export function isStoreUnavailable(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      // PostgreSQL: connection exceptions (08…), shutting down / can't connect now (57P0…),
      // too many connections (53300), statement timeout (57014).
      if (/^08|^57P0|^53300$|^57014$/.test(code)) return true;
      if (
        ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(
          code,
        )
      ) {
        return true;
      }
      // SQLite: locked by another process for longer than busy_timeout, or the disk failed.
      if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_FULL') {
        return true;
      }
    }
    // node-postgres says these in words only.
    if (
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
        e.message,
      )
    ) {
      return true;
    }
  }
  return false;
}
