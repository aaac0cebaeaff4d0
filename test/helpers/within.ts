import assert from 'node:assert/strict';

/**
 * Polls until `check` holds and returns how long it took; fails if a check that started after
 * `limitMs` still does not hold.
 */
export async function within(limitMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  for (;;) {
    const checkStarted = performance.now() - started;
    if (await check()) return performance.now() - started;
    if (checkStarted > limitMs) assert.fail(`not within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
