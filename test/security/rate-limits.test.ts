// Rate limits: code sends per address and per IP,
// code checks per IP, wrong codes per address with a lock, generate-token per user, failed
// verifies per IP; every 429 with Retry-After and RateLimit-*; spent budgets, locks and refused API
// tokens in the audit log. The limiters count wall time, so each app gets budgets of its own (the
// defaults where they are small enough to spend, tiny ones elsewhere) and fresh addresses; only
// the resend cooldown runs on the fake clock.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, RATE_LIMIT_DEFAULTS, loadConfig } from '../../src/config.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { generateToken, signUp, uniqueEmail, type Json } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';
import { REDIS_ONLY, REDIS_URL as redisUrl } from '../helpers/test-database.js';

const COOLDOWN_MS = 60_000;
const OTP_TTL_MS = 10 * 60_000;
const PROFILE = { name: 'Rate Limited', company_name: 'Limits Co' };

interface Answer {
  status: number;
  body: Json;
  headers: Record<string, unknown>;
}

async function send(
  t: TestApp,
  url: string,
  body: unknown,
  options: { ip?: string; token?: string } = {},
): Promise<Answer> {
  const response = await t.app.inject({
    method: 'POST',
    url,
    payload: JSON.stringify(body),
    headers: {
      'content-type': 'application/json',
      ...(options.token === undefined ? {} : { token: options.token }),
    },
    ...(options.ip === undefined ? {} : { remoteAddress: options.ip }),
  });
  return { status: response.statusCode, body: response.json<Json>(), headers: response.headers };
}

const loginStep1 = (t: TestApp, email: string, ip?: string) =>
  send(t, ROUTES.login, { username: email }, { ip });
const loginStep2 = (t: TestApp, email: string, otp: string, ip?: string) =>
  send(t, ROUTES.login, { username: email, otp }, { ip });
const signupStep1 = (t: TestApp, email: string, ip?: string) =>
  send(t, ROUTES.signup, { username: email, ...PROFILE }, { ip });
const verify = (t: TestApp, token: string, ip?: string) =>
  send(t, ROUTES.verify, {}, { token, ip });

function assertLoggedIn(answer: Answer): void {
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(answer.body.message, 'LOGGEDIN');
}

function assertError(answer: Answer, status: number, code: string): void {
  assert.deepEqual(
    { status: answer.status, error: answer.body.error, message: answer.body.message },
    { status, error: true, message: code },
    `expected ${status} ${code}, got ${answer.status} ${JSON.stringify(answer.body)}`,
  );
}

/**
 * A 429 with Retry-After and RateLimit-Limit/-Remaining/-Reset, consistent with each other and
 * with the budget; returns Retry-After in seconds.
 */
function assertLimited(answer: Answer, code: string, limit: number, windowSeconds: number): number {
  assertError(answer, 429, code);
  const header = (name: string): number => {
    const value = answer.headers[name];
    assert.equal(typeof value, 'string', `${name} is set`);
    assert.match(value as string, /^\d+$/, `${name} is a whole number`);
    return Number(value);
  };
  const retryAfter = header('retry-after');
  assert.ok(
    retryAfter >= 1 && retryAfter <= windowSeconds,
    `Retry-After ${retryAfter} in 1..${windowSeconds}`,
  );
  assert.equal(header('ratelimit-limit'), limit);
  assert.equal(header('ratelimit-remaining'), 0);
  assert.equal(header('ratelimit-reset'), retryAfter);
  return retryAfter;
}

const wrongCode = (code: string, nth = 1): string =>
  String((Number(code) + nth) % 1_000_000).padStart(6, '0');

/** Audit events of one action, newest last. */
async function auditEvents(t: TestApp, action: string) {
  return t.store.db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', action)
    .orderBy('created_at')
    .execute();
}

/** How many mails went to `email`, after giving a refused one time to arrive anyway. */
async function mailsTo(t: TestApp, email: string): Promise<number> {
  await sleep(200);
  return t.smtp.mailTo(email).length;
}

void describe('rate-limit settings', () => {
  void it('defaults to the documented budgets', () => {
    const { rateLimits, otpLockS } = loadConfig({});
    assert.deepEqual(rateLimits, {
      otpSendPerAddress: { points: 5, seconds: 3600 },
      otpSendPerIp: { points: 30, seconds: 300 },
      otpCheckPerIp: { points: 30, seconds: 300 },
      otpWrongPerAddress: { points: 10, seconds: 3600 },
      generateTokenPerUser: { points: 100, seconds: 60 },
      verifyFailedPerIp: null,
    });
    assert.equal(otpLockS, 900);
  });

  void it('reads COUNT/DURATION and "off", and refuses anything else with a clear message', () => {
    const config = loadConfig({
      RATE_LIMIT_OTP_SEND_PER_ADDRESS: '3/90',
      RATE_LIMIT_OTP_SEND_PER_IP: 'off',
      RATE_LIMIT_VERIFY_FAILED_PER_IP: '1000/1d',
      RATE_LIMIT_OTP_LOCK: '2h',
    });
    assert.deepEqual(config.rateLimits.otpSendPerAddress, { points: 3, seconds: 90 });
    assert.equal(config.rateLimits.otpSendPerIp, null);
    assert.deepEqual(config.rateLimits.verifyFailedPerIp, { points: 1000, seconds: 86400 });
    assert.equal(config.otpLockS, 7200);
    for (const [name, value] of [
      ['RATE_LIMIT_OTP_SEND_PER_ADDRESS', '5'],
      ['RATE_LIMIT_OTP_SEND_PER_ADDRESS', '0/1h'],
      ['RATE_LIMIT_OTP_CHECK_PER_IP', '-1/1h'],
      ['RATE_LIMIT_OTP_CHECK_PER_IP', '10/1w'],
      ['RATE_LIMIT_GENERATE_TOKEN_PER_USER', '1.5/1m'],
      ['RATE_LIMIT_GENERATE_TOKEN_PER_USER', '10/0s'],
      ['RATE_LIMIT_OTP_LOCK', 'off'],
      ['RATE_LIMIT_OTP_LOCK', '31d'],
    ] as const) {
      assert.throws(() => loadConfig({ [name]: value }), ConfigError, `${name}=${value}`);
      assert.throws(() => loadConfig({ [name]: value }), new RegExp(name));
    }
  });

  void it('reads CORS_ORIGINS as exact origins', () => {
    assert.deepEqual(loadConfig({}).corsOrigins, []);
    assert.deepEqual(
      loadConfig({ CORS_ORIGINS: 'https://app.example.com, http://localhost:3000' }).corsOrigins,
      ['https://app.example.com', 'http://localhost:3000'],
    );
    for (const bad of ['*', 'app.example.com', 'https://app.example.com/', 'ftp://x.example']) {
      assert.throws(() => loadConfig({ CORS_ORIGINS: bad }), /CORS_ORIGINS/, bad);
    }
  });
});

void describe('code sends: per address (default 5/h) and per IP (default 30/5 min)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      RATE_LIMIT_OTP_SEND_PER_ADDRESS: RATE_LIMIT_DEFAULTS.RATE_LIMIT_OTP_SEND_PER_ADDRESS,
      RATE_LIMIT_OTP_SEND_PER_IP: RATE_LIMIT_DEFAULTS.RATE_LIMIT_OTP_SEND_PER_IP,
    });
  });
  after(() => t.close());

  void it('mails an address 5 codes an hour, then 429 TOO_MANY_REQUESTS and no mail, known or not', async () => {
    const known = (await signUp(t, uniqueEmail('send-known'), undefined)).email; // 1 send
    const unknown = uniqueEmail('send-unknown');
    assert.equal((await signupStep1(t, unknown)).status, 200); // 1 send
    // Distinct IPs, so this is the address budget and not the IP one.
    let ip = 1;
    for (let i = 2; i <= 5; i++) {
      t.clock.advance(COOLDOWN_MS);
      assert.equal((await loginStep1(t, known, `198.51.100.${ip++}`)).status, 200, `known #${i}`);
      assert.equal(
        (await loginStep1(t, unknown, `198.51.100.${ip++}`)).status,
        200,
        `unknown #${i}`,
      );
    }
    // The five codes were mailed (mail leaves off the request path, so wait for the last).
    await t.smtp.waitForMail(known, 5);
    const knownMails = await mailsTo(t, known);
    assert.equal(knownMails, 5);
    t.clock.advance(COOLDOWN_MS);
    const knownRefused = await loginStep1(t, known, `198.51.100.${ip++}`);
    const unknownRefused = await loginStep1(t, unknown, `198.51.100.${ip++}`);
    const retryAfter = assertLimited(knownRefused, 'TOO_MANY_REQUESTS', 5, 3600);
    assert.ok(retryAfter > 3500, `the hour is nearly whole: ${retryAfter}`);
    assertLimited(unknownRefused, 'TOO_MANY_REQUESTS', 5, 3600);
    const strip = ({ request_id: _, ...rest }: Json) => rest;
    assert.deepEqual(strip(unknownRefused.body), strip(knownRefused.body));
    // Sign-up step 1 draws from the same address budget.
    assertLimited(await signupStep1(t, known, '198.51.100.99'), 'TOO_MANY_REQUESTS', 5, 3600);
    assert.equal(await mailsTo(t, known), knownMails, 'a refused send mails nothing');
  });

  void it('does not charge the address for a send the 60 s cooldown refused', async () => {
    const email = uniqueEmail('send-cooldown');
    let ip = 1;
    const step1 = () => loginStep1(t, email, `198.51.101.${ip++}`);
    assert.equal((await step1()).status, 200);
    // The cooldown's 429 carries the same headers: a budget of 1 per 60 s.
    for (let i = 0; i < 3; i++) assertLimited(await step1(), 'TOO_MANY_REQUESTS', 1, 60);
    for (let i = 2; i <= 5; i++) {
      t.clock.advance(COOLDOWN_MS);
      assert.equal((await step1()).status, 200, `send #${i} still fits the budget`);
    }
    t.clock.advance(COOLDOWN_MS);
    assertLimited(await step1(), 'TOO_MANY_REQUESTS', 5, 3600);
  });

  void it('takes 30 code requests from one IP in 5 minutes, then 429; other IPs are unaffected', async () => {
    const ip = '203.0.113.10';
    for (let i = 1; i <= 30; i++) {
      const answer = await loginStep1(t, uniqueEmail('send-ip'), ip);
      assert.equal(answer.status, 200, `request #${i}: ${JSON.stringify(answer.body)}`);
    }
    const fresh = uniqueEmail('send-ip-refused');
    assertLimited(await loginStep1(t, fresh, ip), 'TOO_MANY_REQUESTS', 30, 300);
    assertLimited(await signupStep1(t, fresh, ip), 'TOO_MANY_REQUESTS', 30, 300);
    assert.equal(await mailsTo(t, fresh), 0);
    assert.equal((await loginStep1(t, fresh, '203.0.113.11')).status, 200);
  });

  void it('writes one rate_limited audit event per spent budget, not one per refused request', async () => {
    const ip = '203.0.113.20';
    const before = (await auditEvents(t, 'rate_limited')).filter((e) => e.ip === ip).length;
    assert.equal(before, 0);
    for (let i = 0; i < 30; i++) await loginStep1(t, uniqueEmail('audit-ip'), ip);
    for (let i = 0; i < 3; i++) {
      assertError(await loginStep1(t, uniqueEmail('audit-ip'), ip), 429, 'TOO_MANY_REQUESTS');
    }
    const events = (await auditEvents(t, 'rate_limited')).filter((e) => e.ip === ip);
    assert.equal(events.length, 1);
  });

  void it('checks the username before charging anything', async () => {
    const ip = '203.0.113.30';
    for (let i = 0; i < 40; i++) {
      assertError(await loginStep1(t, 'not-an-email', ip), 400, 'INVALID_USERNAME');
    }
    assert.equal((await loginStep1(t, uniqueEmail('send-after-bad'), ip)).status, 200);
  });
});

void describe('the client IP: the socket, unless TRUST_PROXY names the proxy', () => {
  const spoofed = (t: TestApp, n: number) =>
    t.app.inject({
      method: 'POST',
      url: ROUTES.login,
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${n}` },
      payload: JSON.stringify({ username: uniqueEmail('xff') }),
      remoteAddress: '203.0.113.70',
    });

  void it('ignores X-Forwarded-For by default: a spoofed header does not buy a fresh budget', async () => {
    const t = await createTestApp({ RATE_LIMIT_OTP_SEND_PER_IP: '3/5m' });
    try {
      for (let n = 1; n <= 3; n++) assert.equal((await spoofed(t, n)).statusCode, 200);
      assert.equal((await spoofed(t, 4)).statusCode, 429);
    } finally {
      await t.close();
    }
  });

  void it('counts per forwarded client behind a trusted proxy', async () => {
    const t = await createTestApp({
      RATE_LIMIT_OTP_SEND_PER_IP: '3/5m',
      TRUST_PROXY: '203.0.113.70',
    });
    try {
      for (let n = 1; n <= 6; n++) assert.equal((await spoofed(t, n)).statusCode, 200);
      const events = await auditEvents(t, 'otp_sent');
      assert.ok(
        events.some((e) => e.ip === '192.0.2.6'),
        'the forwarded address is the client',
      );
    } finally {
      await t.close();
    }
  });
});

void describe('code checks: per IP (default 30/5 min)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      RATE_LIMIT_OTP_CHECK_PER_IP: RATE_LIMIT_DEFAULTS.RATE_LIMIT_OTP_CHECK_PER_IP,
    });
  });
  after(() => t.close());

  void it('takes 30 code checks from one IP in 5 minutes, then 429 even for the right code', async () => {
    const ip = '203.0.113.40';
    const { email } = await signUp(t, uniqueEmail('check-ip'));
    t.clock.advance(COOLDOWN_MS);
    assert.equal((await loginStep1(t, email)).status, 200);
    const code = await t.smtp.codeFor(email, 2);
    // Wrong guesses at many addresses, as a sprayer would: no single address gets locked.
    for (let i = 1; i <= 30; i++) {
      assertError(await loginStep2(t, uniqueEmail('spray'), '123456', ip), 401, 'INVALID_OTP');
    }
    assertLimited(await loginStep2(t, email, code, ip), 'TOO_MANY_REQUESTS', 30, 300);
    assertLimited(
      await send(t, ROUTES.signup, { username: email, ...PROFILE, otp: code }, { ip }),
      'TOO_MANY_REQUESTS',
      30,
      300,
    );
    // The code was never looked at: it still works from elsewhere.
    assert.equal((await loginStep2(t, email, code, '203.0.113.41')).status, 200);
  });
});

void describe('wrong codes: per address across resends (default 10/h), then a lock', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      RATE_LIMIT_OTP_WRONG_PER_ADDRESS: RATE_LIMIT_DEFAULTS.RATE_LIMIT_OTP_WRONG_PER_ADDRESS,
      RATE_LIMIT_OTP_LOCK: RATE_LIMIT_DEFAULTS.RATE_LIMIT_OTP_LOCK,
    });
  });
  after(() => t.close());

  /** Two burnt codes in a row: 5 wrong tries each, the second sent once the first expired. */
  async function tenWrongTries(email: string, mailed: number): Promise<void> {
    for (let round = 0; round < 2; round++) {
      assert.equal((await loginStep1(t, email)).status, 200);
      const code = await t.smtp.codeFor(email, mailed + round + 1);
      for (let i = 1; i <= 5; i++) {
        assertError(await loginStep2(t, email, wrongCode(code, i)), 401, 'INVALID_OTP');
      }
      // Burnt (5 tries per code), or, after the tenth wrong code, locked (10 per address).
      const refused = await loginStep2(t, email, code);
      if (round === 0) assertLimited(refused, 'TOO_MANY_ATTEMPTS', 5, 600);
      else assertLimited(refused, 'TOO_MANY_ATTEMPTS', 10, 900);
      t.clock.advance(OTP_TTL_MS); // the burnt code expires; a new one starts at 0 tries
    }
  }

  void it('locks the address for 15 minutes after 10 wrong codes: a fresh right code is refused', async () => {
    const { email, auth } = await signUp(t, uniqueEmail('lock'));
    t.clock.advance(COOLDOWN_MS);
    await tenWrongTries(email, 1);
    // Step 1 says so, and mails nothing: a code the address could not use would look like success.
    const retryAfter = assertLimited(await loginStep1(t, email), 'TOO_MANY_ATTEMPTS', 10, 900);
    assert.ok(retryAfter > 850, `a 15-minute lock: ${retryAfter} s`);
    assert.equal(await mailsTo(t, email), 3, 'no code mailed while locked');
    const code = await t.smtp.codeFor(email, 3);
    assertLimited(await loginStep2(t, email, code), 'TOO_MANY_ATTEMPTS', 10, 900);
    assertLimited(
      await send(t, ROUTES.signup, { username: email, ...PROFILE, otp: code }),
      'TOO_MANY_ATTEMPTS',
      10,
      900,
    );
    const events = (await auditEvents(t, 'otp_locked')).filter((e) => e.target_id === auth.user.id);
    assert.equal(events.length, 1, 'one otp_locked event, naming the user');
  });

  void it('locks an unknown address the same way', async () => {
    const email = uniqueEmail('lock-unknown');
    assert.equal((await loginStep1(t, email)).status, 200);
    // Nobody was mailed a code: every guess is wrong (5 burn the code, the rest find it burnt or,
    // past its 10 minutes, expired — only wrong guesses count).
    for (let i = 1; i <= 5; i++) {
      assertError(await loginStep2(t, email, String(100000 + i)), 401, 'INVALID_OTP');
    }
    t.clock.advance(OTP_TTL_MS);
    assert.equal((await loginStep1(t, email)).status, 200);
    for (let i = 1; i <= 5; i++) {
      assertError(await loginStep2(t, email, String(200000 + i)), 401, 'INVALID_OTP');
    }
    assertLimited(await loginStep2(t, email, '123456'), 'TOO_MANY_ATTEMPTS', 10, 900);
    // Locked like a known address: step 1 answers the same, and no mail goes out.
    assertLimited(await loginStep1(t, email), 'TOO_MANY_ATTEMPTS', 10, 900);
    assertLimited(await signupStep1(t, email), 'TOO_MANY_ATTEMPTS', 10, 900);
    assert.equal(await mailsTo(t, email), 0, 'an unknown address is never mailed at log-in');
  });
});

void describe('a burnt code: step 1 says so instead of mailing a code that would be refused', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ RATE_LIMIT_OTP_LOCK: '2m' });
  });
  after(() => t.close());

  void it('answers 429 TOO_MANY_ATTEMPTS with Retry-After until the burnt code ends, then mails a fresh one', async () => {
    const { email } = await signUp(t, uniqueEmail('burnt-resend'));
    t.clock.advance(COOLDOWN_MS);
    assert.equal((await loginStep1(t, email)).status, 200);
    const code = await t.smtp.codeFor(email, 2);
    for (let i = 1; i <= 5; i++) {
      assertError(await loginStep2(t, email, wrongCode(code, i)), 401, 'INVALID_OTP');
    }
    // Past the resend cooldown, a resend would have inherited the 5 wrong tries.
    t.clock.advance(COOLDOWN_MS);
    const retryAfter = assertLimited(await loginStep1(t, email), 'TOO_MANY_ATTEMPTS', 5, 120);
    assert.ok(retryAfter <= 120, `the burn lasts at most RATE_LIMIT_OTP_LOCK: ${retryAfter} s`);
    assertLimited(await signupStep1(t, email), 'TOO_MANY_ATTEMPTS', 5, 120);
    assert.equal(await mailsTo(t, email), 2, 'no code mailed while the code is burnt');
    t.clock.advance(retryAfter * 1000);
    assert.equal((await loginStep1(t, email)).status, 200);
    assertLoggedIn(await loginStep2(t, email, await t.smtp.codeFor(email, 3)));
  });
});

void describe('wrong codes: the count starts afresh after a right code, and the lock lifts', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      RATE_LIMIT_OTP_WRONG_PER_ADDRESS: '3/1h',
      RATE_LIMIT_OTP_LOCK: '1s',
    });
  });
  after(() => t.close());

  async function freshCode(email: string): Promise<string> {
    const mailed = t.smtp.mailTo(email).length;
    assert.equal((await loginStep1(t, email)).status, 200);
    return t.smtp.codeFor(email, mailed + 1);
  }

  void it('forgets wrong tries once the right code is used', async () => {
    const { email } = await signUp(t, uniqueEmail('reset'));
    for (let round = 0; round < 3; round++) {
      const code = await freshCode(email);
      for (let i = 1; i <= 2; i++) {
        assertError(await loginStep2(t, email, wrongCode(code, i)), 401, 'INVALID_OTP');
      }
      assert.equal((await loginStep2(t, email, code)).status, 200, `round ${round}`);
    }
  });

  void it('lets the address in once the lock is over, and locks it again on the next wrong code within the hour', async () => {
    const { email } = await signUp(t, uniqueEmail('unlock'));
    const code = await freshCode(email);
    for (let i = 1; i <= 3; i++) {
      assertError(await loginStep2(t, email, wrongCode(code, i)), 401, 'INVALID_OTP');
    }
    assertLimited(await loginStep2(t, email, code), 'TOO_MANY_ATTEMPTS', 3, 1);
    // Asking again while locked neither mails a code nor prolongs the lock.
    assertLimited(await loginStep1(t, email), 'TOO_MANY_ATTEMPTS', 3, 1);
    await sleep(1200);
    // The lock ended on time: what refuses step 1 now is only the code's resend cooldown.
    assertError(await loginStep1(t, email), 429, 'TOO_MANY_REQUESTS');
    // The hour's budget is still spent: the next wrong code locks the address again at once.
    assertError(await loginStep2(t, email, wrongCode(code, 4)), 401, 'INVALID_OTP');
    assertLimited(await loginStep2(t, email, code), 'TOO_MANY_ATTEMPTS', 3, 1);
    await sleep(1200);
    assert.equal((await loginStep2(t, email, code)).status, 200);
    const locks = await auditEvents(t, 'otp_locked');
    assert.equal(locks.length, 2, 'each lock is audited');
  });
});

void describe('generate-token: per user (default 100/min)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      RATE_LIMIT_GENERATE_TOKEN_PER_USER: RATE_LIMIT_DEFAULTS.RATE_LIMIT_GENERATE_TOKEN_PER_USER,
    });
  });
  after(() => t.close());

  void it('mints 100 tokens a minute for a user, then 429; another user is unaffected', async () => {
    const { token, auth } = await signUp(t);
    for (let i = 1; i <= 100; i++) {
      const minted = await generateToken(t, token);
      assert.equal(minted.status, 200, `token #${i}`);
    }
    const refused = await send(t, ROUTES.generateToken, {}, { token });
    assertLimited(refused, 'TOO_MANY_REQUESTS', 100, 60);
    const count = await t.store.db
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', auth.user.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 100, 'the refused call minted nothing');
    const other = await signUp(t);
    assert.equal((await generateToken(t, other.token)).status, 200);
    const events = (await auditEvents(t, 'rate_limited')).filter(
      (e) => e.actor_user_id === auth.user.id,
    );
    assert.equal(events.length, 1);
  });
});

void describe('verify: no limit by default', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  void it('answers 200 failed verifies from one IP with 401 each, and a good token after them', async () => {
    const { token } = await signUp(t);
    const apiToken = (await generateToken(t, token)).body.token as string;
    for (let i = 0; i < 200; i++) {
      assertError(await verify(t, 'f'.repeat(63) + (i % 10), '203.0.113.50'), 401, 'INVALID_TOKEN');
    }
    assert.equal((await verify(t, apiToken, '203.0.113.50')).status, 200);
  });
});

void describe('verify: a per-IP limit for failed verifies (RATE_LIMIT_VERIFY_FAILED_PER_IP)', () => {
  let t: TestApp;
  let apiToken: string;
  before(async () => {
    t = await createTestApp({ RATE_LIMIT_VERIFY_FAILED_PER_IP: '5/1m' });
    const { token } = await signUp(t);
    apiToken = (await generateToken(t, token)).body.token as string;
  });
  after(() => t.close());

  void it('counts only failures, then refuses everything from that IP with 429', async () => {
    const ip = '203.0.113.60';
    for (let i = 0; i < 10; i++) assert.equal((await verify(t, apiToken, ip)).status, 200);
    for (let i = 1; i <= 5; i++) {
      assertError(await verify(t, 'a'.repeat(64), ip), 401, 'INVALID_TOKEN');
    }
    assertLimited(await verify(t, apiToken, ip), 'TOO_MANY_REQUESTS', 5, 60);
    assertLimited(await verify(t, 'not-a-token', ip), 'TOO_MANY_REQUESTS', 5, 60);
    assert.equal((await verify(t, apiToken, '203.0.113.61')).status, 200);
    const events = (await auditEvents(t, 'rate_limited')).filter((e) => e.ip === ip);
    assert.equal(events.length, 1);
  });

  void it('counts refused login tokens too', async () => {
    const ip = '203.0.113.62';
    for (let i = 1; i <= 5; i++) {
      assertError(await verify(t, 'eyJhbGciOiJIUzI1NiJ9.e30.x', ip), 401, 'INVALID_LOGIN_TOKEN');
    }
    assertLimited(await verify(t, apiToken, ip), 'TOO_MANY_REQUESTS', 5, 60);
  });
});

void describe('refused API tokens in the audit log', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  void it('records a revoked token tried on verify, and a live one tried on generate-token, once a minute each', async () => {
    const { token, auth } = await signUp(t);
    const revoked = (await generateToken(t, token)).body;
    const live = (await generateToken(t, token)).body;
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: ROUTES.token(revoked.id as string),
      headers: { token },
    });
    assert.equal(revoke.statusCode, 200);

    for (let i = 0; i < 3; i++) {
      assertError(await verify(t, revoked.token as string), 401, 'INVALID_TOKEN');
      assertError(
        await send(t, ROUTES.generateToken, {}, { token: live.token as string }),
        401,
        'INVALID_LOGIN_TOKEN',
      );
    }
    // Random tokens name nobody: nothing to record.
    assertError(await verify(t, 'b'.repeat(64)), 401, 'INVALID_TOKEN');

    const events = await auditEvents(t, 'token_refused');
    assert.deepEqual(
      events.map((e) => ({ company: e.company_id, actor: e.actor_user_id, target: e.target_id })),
      [
        { company: auth.company.id, actor: auth.user.id, target: revoked.id },
        { company: auth.company.id, actor: auth.user.id, target: live.id },
      ],
    );
    // The company's owner sees them in the audit log.
    const log = await t.app.inject({
      method: 'GET',
      url: ROUTES.auditLog,
      headers: { token },
    });
    assert.equal(log.statusCode, 200);
    assert.match(log.body, /token_refused/);
  });
});

void describe('shared budgets in Redis (REDIS_URL)', { skip: REDIS_ONLY }, () => {
  const prefix = `keyward-test-${process.pid}-${Date.now()}:`;
  let a: TestApp;
  let b: TestApp;
  before(async () => {
    const env = {
      REDIS_URL: redisUrl ?? '',
      REDIS_KEY_PREFIX: prefix,
      RATE_LIMIT_OTP_SEND_PER_ADDRESS: '3/1h',
      RATE_LIMIT_OTP_WRONG_PER_ADDRESS: '4/1h',
      RATE_LIMIT_GENERATE_TOKEN_PER_USER: '100/1m',
    };
    // Two instances, each with a store of its own: only Redis is shared.
    [a, b] = await Promise.all([createTestApp(env), createTestApp(env)]);
  });
  after(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  void it('draws code sends to one address from one budget across instances', async () => {
    const email = uniqueEmail('redis-send');
    assert.equal((await loginStep1(a, email)).status, 200);
    assert.equal((await loginStep1(b, email)).status, 200);
    a.clock.advance(COOLDOWN_MS);
    assert.equal((await loginStep1(a, email)).status, 200);
    b.clock.advance(COOLDOWN_MS);
    assertLimited(await loginStep1(b, email), 'TOO_MANY_REQUESTS', 3, 3600);
    a.clock.advance(COOLDOWN_MS);
    assertLimited(await loginStep1(a, email), 'TOO_MANY_REQUESTS', 3, 3600);
  });

  void it('counts wrong codes across instances and locks the address on both', async () => {
    const email = uniqueEmail('redis-lock');
    for (const t of [a, b]) assert.equal((await loginStep1(t, email)).status, 200);
    for (let i = 0; i < 2; i++) {
      assertError(await loginStep2(a, email, '000000'), 401, 'INVALID_OTP');
      assertError(await loginStep2(b, email, '000000'), 401, 'INVALID_OTP');
    }
    assertLimited(await loginStep2(a, email, '111111'), 'TOO_MANY_ATTEMPTS', 4, 900);
    assertLimited(await loginStep2(b, email, '111111'), 'TOO_MANY_ATTEMPTS', 4, 900);
  });
});

void describe('Redis unreachable', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      // Port 1 (tcpmux): nothing listens there, and no test's random port can take it.
      REDIS_URL: 'redis://127.0.0.1:1',
      RATE_LIMIT_OTP_SEND_PER_ADDRESS: '2/1h',
    });
  });
  after(() => t.close());

  void it('keeps serving, counting budgets in memory meanwhile', async () => {
    const email = uniqueEmail('redis-down');
    assert.equal((await loginStep1(t, email)).status, 200);
    t.clock.advance(COOLDOWN_MS);
    assert.equal((await loginStep1(t, email)).status, 200);
    t.clock.advance(COOLDOWN_MS);
    assertLimited(await loginStep1(t, email), 'TOO_MANY_REQUESTS', 2, 3600);
    assert.ok(
      t.logs.some((line) => line.includes('Redis unreachable')),
      'the outage is logged',
    );
  });
});
