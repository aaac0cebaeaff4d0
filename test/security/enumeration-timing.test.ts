// No enumeration by timing: login step 1 and sign-up
// step 1 take as long for an address with an account as for one without. Many tries of each,
// interleaved so that machine noise falls on both alike; the medians are compared relative to each
// other (never to a fixed time), within a wide margin, and printed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { signUp, uniqueEmail } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

const TRIES = 200;
const WARM_UP = 20;
/** Addresses per side; each is reused every POOL tries, the fake clock moved past its cooldown. */
const POOL = 10;
const COOLDOWN_MS = 60_000;
/** Medians may differ by this factor either way: catches a mail or a hash on the request path. */
const MAX_RATIO = 2;

let t: TestApp;
before(async () => {
  t = await createTestApp({ LOG_LEVEL: 'warn' });
});
after(() => t.close());

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** Milliseconds one step-1 request takes, answer checked. */
async function timeStep1(url: string, body: Record<string, string>): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.body, '{"message":"OTP_SENT"}');
  return ms;
}

interface Figures {
  median: number;
  p90: number;
}

/** Times `step1` for both pools, alternating which side goes first, and compares the medians. */
async function compare(
  what: string,
  known: string[],
  unknown: string[],
  step1: (email: string) => Promise<number>,
): Promise<{ known: Figures; unknown: Figures; ratio: number }> {
  const samples = { known: [] as number[], unknown: [] as number[] };
  for (let i = 0; i < WARM_UP + TRIES; i++) {
    const pair = [
      ['known', known[i % POOL]!],
      ['unknown', unknown[i % POOL]!],
    ] as const;
    for (const [side, email] of i % 2 === 0 ? pair : [...pair].reverse()) {
      const ms = await step1(email);
      if (i >= WARM_UP) samples[side].push(ms);
    }
    t.clock.advance(COOLDOWN_MS / POOL + 1);
  }
  const figures = (list: number[]): Figures => {
    const sorted = [...list].sort((a, b) => a - b);
    return { median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) };
  };
  const result = { known: figures(samples.known), unknown: figures(samples.unknown), ratio: 0 };
  result.ratio = result.known.median / result.unknown.median;
  const fmt = (f: Figures) => `median ${f.median.toFixed(3)} ms, p90 ${f.p90.toFixed(3)} ms`;
  console.log(
    `${what}, ${TRIES} tries each: known ${fmt(result.known)}; unknown ${fmt(result.unknown)}; ` +
      `median ratio known/unknown ${result.ratio.toFixed(3)}`,
  );
  return result;
}

void describe('step 1 takes as long for a known address as for an unknown one', () => {
  void it('login step 1', async () => {
    const known: string[] = [];
    for (let i = 0; i < POOL; i++) known.push((await signUp(t, uniqueEmail('timing-known'))).email);
    const unknown = Array.from({ length: POOL }, () => uniqueEmail('timing-unknown'));
    const { ratio } = await compare('login step 1', known, unknown, (email) =>
      timeStep1(ROUTES.login, { username: email }),
    );
    assert.ok(
      ratio > 1 / MAX_RATIO && ratio < MAX_RATIO,
      `median ratio ${ratio.toFixed(3)} outside ${1 / MAX_RATIO}..${MAX_RATIO}`,
    );
  });

  void it('sign-up step 1', async () => {
    const known: string[] = [];
    for (let i = 0; i < POOL; i++) known.push((await signUp(t, uniqueEmail('timing-taken'))).email);
    const unknown = Array.from({ length: POOL }, () => uniqueEmail('timing-fresh'));
    const profile = { name: 'Timing', company_name: 'Timing Co' };
    const { ratio } = await compare('sign-up step 1', known, unknown, (email) =>
      timeStep1(ROUTES.signup, { username: email, ...profile }),
    );
    assert.ok(
      ratio > 1 / MAX_RATIO && ratio < MAX_RATIO,
      `median ratio ${ratio.toFixed(3)} outside ${1 / MAX_RATIO}..${MAX_RATIO}`,
    );
  });
});
