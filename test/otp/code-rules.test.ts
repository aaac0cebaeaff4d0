// One-time-code rules, through the HTTP API only: POST /api/signup and POST /api/login, each answer checked for its exact status and code.
// Time moves only on the fake clock; the one real wait is the short "no mail arrives" window.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setImmediate as nextMacrotask, setTimeout as sleep } from 'node:timers/promises';
import type { KyselyPlugin } from 'kysely';
import { OtpService } from '../../src/otp/otp.service.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { signUp, uniqueEmail } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

const OTP_TTL_MS = 10 * 60_000;
const COOLDOWN_MS = 60_000;
const MAX_WRONG_TRIES = 5;
/** How long a test waits for a mail that must not come. */
const NO_MAIL_WAIT_MS = 300;
const PROFILE = { name: 'Ada Lovelace', company_name: 'Acme' };

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, unknown>;
}

async function send(url: string, body?: unknown): Promise<Answer> {
  const response = await t.app.inject({
    method: 'POST',
    url,
    ...(body === undefined
      ? {}
      : { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return {
    status: response.statusCode,
    body: response.json<Record<string, unknown>>(),
    headers: response.headers,
  };
}

const loginStep1 = (email: string) => send(ROUTES.login, { username: email });
const loginStep2 = (email: string, otp: string) => send(ROUTES.login, { username: email, otp });
const signupStep1 = (email: string) => send(ROUTES.signup, { username: email, ...PROFILE });
const signupStep2 = (email: string, otp: string) =>
  send(ROUTES.signup, { username: email, ...PROFILE, otp });

/** Asserts an error answer: exact status, `error: true` and the CODE in `message`. */
function assertError(answer: Answer, status: number, code: string): void {
  assert.deepEqual(
    { status: answer.status, error: answer.body.error, message: answer.body.message },
    { status, error: true, message: code },
    `expected ${status} ${code}, got ${answer.status} ${JSON.stringify(answer.body)}`,
  );
}

function assertOtpSent(answer: Answer): void {
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.deepEqual(answer.body, { message: 'OTP_SENT' });
}

function assertLoggedIn(answer: Answer, email: string): void {
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(answer.body.message, 'LOGGEDIN');
  assert.equal(typeof answer.body.token, 'string');
  const auth = answer.body.auth as { user: { email: string } };
  assert.equal(auth.user.email, email);
}

/** The `retry-after` header of a 429, checked to be a whole number of seconds in 1..60. */
function retryAfterOf(answer: Answer): number {
  const header = answer.headers['retry-after'];
  assert.equal(typeof header, 'string', 'a 429 carries Retry-After');
  assert.match(header as string, /^\d+$/);
  const seconds = Number(header);
  assert.ok(seconds >= 1 && seconds <= 60, `Retry-After ${seconds} is not in 1..60`);
  return seconds;
}

/** A 6-digit code that is certainly not `code` (`nth` picks a different one each time). */
const wrongCode = (code: string, nth = 1): string =>
  String((Number(code) + nth) % 1_000_000).padStart(6, '0');

/** Login step 1, then the code from the mail it sends. */
async function requestLoginCode(email: string): Promise<string> {
  const before = t.smtp.mailTo(email).length;
  assertOtpSent(await loginStep1(email));
  const code = await t.smtp.codeFor(email, before + 1);
  assert.match(code, /^\d{6}$/);
  return code;
}

/** Resends (after the cooldown) until the new code differs from `other`: a 1-in-a-million clash. */
async function requestLoginCodeOtherThan(email: string, other: string): Promise<string> {
  for (;;) {
    const code = await requestLoginCode(email);
    if (code !== other) return code;
    t.clock.advance(COOLDOWN_MS);
  }
}

/** The text part of a received mail, transfer encoding undone. */
function mailText(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = raw.slice(0, split);
  const body = raw.slice(split).trim();
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

void describe('one-time codes: format and lifetime', () => {
  void it('mails a 6-digit code that works at 10 min minus 1 ms and is OTP_EXPIRED at exactly 10 min', async () => {
    const early = (await signUp(t, uniqueEmail('edge-early'))).email;
    const code = await requestLoginCode(early);
    assert.match(code, /^\d{6}$/);
    t.clock.advance(OTP_TTL_MS - 1);
    assertLoggedIn(await loginStep2(early, code), early);

    const late = (await signUp(t, uniqueEmail('edge-late'))).email;
    const lateCode = await requestLoginCode(late);
    t.clock.advance(OTP_TTL_MS);
    assertError(await loginStep2(late, lateCode), 401, 'OTP_EXPIRED');
  });

  void it('expires a sign-up code at exactly 10 min as well', async () => {
    const email = uniqueEmail('edge-signup');
    assertOtpSent(await signupStep1(email));
    const code = await t.smtp.codeFor(email);
    t.clock.advance(OTP_TTL_MS);
    assertError(await signupStep2(email, code), 401, 'OTP_EXPIRED');
  });
});

void describe('one-time codes: single use', () => {
  void it('lets exactly one of two parallel correct login submissions in', async () => {
    const { email } = await signUp(t, uniqueEmail('race'));
    // A few rounds, so a race that only sometimes slips through has several chances to show.
    for (let round = 0; round < 5; round++) {
      const code = await requestLoginCode(email);
      const answers = await Promise.all([loginStep2(email, code), loginStep2(email, code)]);
      const winners = answers.filter((a) => a.status === 200);
      const losers = answers.filter((a) => a.status !== 200);
      assert.equal(winners.length, 1, `round ${round}: exactly one login succeeds`);
      assert.equal(losers.length, 1);
      assertLoggedIn(winners[0]!, email);
      assertError(losers[0]!, 401, 'INVALID_OTP');
    }
  });

  void it('lets exactly one of two parallel correct sign-up submissions create the account', async () => {
    const email = uniqueEmail('race-signup');
    assertOtpSent(await signupStep1(email));
    const code = await t.smtp.codeFor(email);
    const answers = await Promise.all([signupStep2(email, code), signupStep2(email, code)]);
    const statuses = answers.map((a) => a.status).sort();
    assert.deepEqual(statuses, [201, 401]);
    const loser = answers.find((a) => a.status !== 201)!;
    assertError(loser, 401, 'INVALID_OTP');
    const users = await t.store.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .execute();
    assert.equal(users.length, 1);
  });

  // On one process with SQLite the two requests above never truly overlap (each runs its read and
  // its update without yielding), so they can't catch a missing single-use guard. Here every query
  // yields to the event loop, so both reads happen before either write, as they can on PostgreSQL
  // or across instances: the conditional update must still let only one through.
  void it('consumes a code once even when both checks read it before either writes (service level)', async () => {
    const yieldAfterEachQuery: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        await nextMacrotask();
        return args.result;
      },
    };
    const db = t.store.db.withPlugin(yieldAfterEachQuery);
    const otp = new OtpService(db, Buffer.from('race-test-key'), t.clock, t.config.otpLockS * 1000);
    const email = uniqueEmail('race-service');
    const code = await otp.issue(db, email);
    const outcomes = await Promise.allSettled([otp.consume(email, code), otp.consume(email, code)]);
    const fulfilled = outcomes.filter((o) => o.status === 'fulfilled');
    const rejected = outcomes.filter((o) => o.status === 'rejected');
    assert.equal(fulfilled.length, 1, 'exactly one consume succeeds');
    assert.equal(rejected.length, 1);
    assert.equal((rejected[0]!.reason as { code?: unknown }).code, 'INVALID_OTP');
  });

  void it('refuses a used code the second time with INVALID_OTP', async () => {
    const { email } = await signUp(t, uniqueEmail('reuse'));
    const code = await requestLoginCode(email);
    assertLoggedIn(await loginStep2(email, code), email);
    assertError(await loginStep2(email, code), 401, 'INVALID_OTP');
  });

  void it('replaces the old code with a resent one', async () => {
    const { email } = await signUp(t, uniqueEmail('replace'));
    const first = await requestLoginCode(email);
    t.clock.advance(COOLDOWN_MS);
    const second = await requestLoginCodeOtherThan(email, first);
    assertError(await loginStep2(email, first), 401, 'INVALID_OTP');
    assertLoggedIn(await loginStep2(email, second), email);
  });
});

void describe('one-time codes: wrong tries', () => {
  void it('burns the code after 5 wrong tries: the 6th try fails even with the right code', async () => {
    const { email } = await signUp(t, uniqueEmail('burn'));
    const code = await requestLoginCode(email);
    for (let i = 1; i <= MAX_WRONG_TRIES; i++) {
      assertError(await loginStep2(email, wrongCode(code, i)), 401, 'INVALID_OTP');
    }
    assertError(await loginStep2(email, code), 429, 'TOO_MANY_ATTEMPTS');
  });

  void it('does not reset the count on resend: 3 wrong, resend, 2 wrong, then the right new code is refused', async () => {
    const { email } = await signUp(t, uniqueEmail('burn-resend'));
    const first = await requestLoginCode(email);
    for (let i = 1; i <= 3; i++) {
      assertError(await loginStep2(email, wrongCode(first, i)), 401, 'INVALID_OTP');
    }
    t.clock.advance(COOLDOWN_MS + 1);
    const second = await requestLoginCode(email);
    for (let i = 1; i <= 2; i++) {
      assertError(await loginStep2(email, wrongCode(second, i)), 401, 'INVALID_OTP');
    }
    assertError(await loginStep2(email, second), 429, 'TOO_MANY_ATTEMPTS');
  });

  void it('counts sign-up wrong tries the same way', async () => {
    const email = uniqueEmail('burn-signup');
    assertOtpSent(await signupStep1(email));
    const code = await t.smtp.codeFor(email);
    for (let i = 1; i <= MAX_WRONG_TRIES; i++) {
      assertError(await signupStep2(email, wrongCode(code, i)), 401, 'INVALID_OTP');
    }
    assertError(await signupStep2(email, code), 429, 'TOO_MANY_ATTEMPTS');
  });
});

void describe('one-time codes: resend cooldown', () => {
  void it('refuses a resend inside 60 s with 429 TOO_MANY_REQUESTS, Retry-After and no mail', async () => {
    const { email } = await signUp(t, uniqueEmail('cooldown'));
    const code = await requestLoginCode(email);
    const mailed = t.smtp.mailTo(email).length;

    const again = await loginStep1(email);
    assertError(again, 429, 'TOO_MANY_REQUESTS');
    assert.equal(retryAfterOf(again), 60);
    // Sign-up step 1 shares the address's cooldown.
    const viaSignup = await signupStep1(email);
    assertError(viaSignup, 429, 'TOO_MANY_REQUESTS');
    retryAfterOf(viaSignup);

    t.clock.advance(COOLDOWN_MS - 1);
    const lastMs = await loginStep1(email);
    assertError(lastMs, 429, 'TOO_MANY_REQUESTS');
    assert.equal(retryAfterOf(lastMs), 1);

    await sleep(NO_MAIL_WAIT_MS);
    assert.equal(t.smtp.mailTo(email).length, mailed, 'a refused resend sends no mail');

    t.clock.advance(1);
    const resent = await requestLoginCodeOtherThan(email, code);
    assert.equal(t.smtp.mailTo(email).length, mailed + 1);
    assertLoggedIn(await loginStep2(email, resent), email);
  });

  void it('keeps the live code working after a refused resend', async () => {
    const { email } = await signUp(t, uniqueEmail('cooldown-keep'));
    const code = await requestLoginCode(email);
    assertError(await loginStep1(email), 429, 'TOO_MANY_REQUESTS');
    assertLoggedIn(await loginStep2(email, code), email);
  });

  void it('holds the same cooldown for an unknown address', async () => {
    const known = (await signUp(t, uniqueEmail('cooldown-known'))).email;
    const unknown = uniqueEmail('cooldown-unknown');

    await requestLoginCode(known);
    assertOtpSent(await loginStep1(unknown));
    const knownAgain = await loginStep1(known);
    const unknownAgain = await loginStep1(unknown);
    assertError(knownAgain, 429, 'TOO_MANY_REQUESTS');
    assertError(unknownAgain, 429, 'TOO_MANY_REQUESTS');
    retryAfterOf(unknownAgain);
    const withoutRequestId = (body: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'request_id'));
    assert.deepEqual(withoutRequestId(unknownAgain.body), withoutRequestId(knownAgain.body));
    assert.equal(unknownAgain.headers['retry-after'], knownAgain.headers['retry-after']);

    t.clock.advance(COOLDOWN_MS);
    assertOtpSent(await loginStep1(unknown));
    await sleep(NO_MAIL_WAIT_MS);
    assert.equal(t.smtp.mailTo(unknown).length, 0);
  });
});

void describe('one-time codes: bound to their address', () => {
  void it('refuses the code mailed to A for address B, even while B has a live code', async () => {
    const a = (await signUp(t, uniqueEmail('addr-a'))).email;
    const b = (await signUp(t, uniqueEmail('addr-b'))).email;
    const codeA = await requestLoginCode(a);
    const codeB = await requestLoginCodeOtherThan(b, codeA);

    assertError(await loginStep2(b, codeA), 401, 'INVALID_OTP');
    assertLoggedIn(await loginStep2(a, codeA), a);
    assertLoggedIn(await loginStep2(b, codeB), b);
  });

  void it('refuses a sign-up code mailed to A for signing up B', async () => {
    const a = uniqueEmail('signup-a');
    const b = uniqueEmail('signup-b');
    assertOtpSent(await signupStep1(a));
    const codeA = await t.smtp.codeFor(a);
    assertError(await signupStep2(b, codeA), 401, 'INVALID_OTP');
    assert.equal((await signupStep2(a, codeA)).status, 201);
  });
});

void describe('one-time codes: no account enumeration', () => {
  void it('answers login step 1 identically for known and unknown addresses, mailing only the known one', async () => {
    const known = (await signUp(t, uniqueEmail('enum-known'))).email;
    const unknown = uniqueEmail('enum-unknown');
    const mailedBefore = t.smtp.mailTo(known).length;

    const knownAnswer = await loginStep1(known);
    const unknownAnswer = await loginStep1(unknown);
    assertOtpSent(knownAnswer);
    assertOtpSent(unknownAnswer);
    assert.equal(unknownAnswer.status, knownAnswer.status);
    assert.deepEqual(unknownAnswer.body, knownAnswer.body);
    assert.equal(unknownAnswer.headers['content-type'], knownAnswer.headers['content-type']);

    await t.smtp.waitForMail(known, mailedBefore + 1);
    await sleep(NO_MAIL_WAIT_MS);
    assert.equal(t.smtp.mailTo(unknown).length, 0, 'an unknown address gets no mail');
  });

  void it('refuses login step 2 for an unknown address with INVALID_OTP, whatever the code', async () => {
    const asked = uniqueEmail('enum-asked');
    assertOtpSent(await loginStep1(asked));
    assertError(await loginStep2(asked, '123456'), 401, 'INVALID_OTP');
    assertError(await loginStep2(asked, '000000'), 401, 'INVALID_OTP');
    const neverAsked = uniqueEmail('enum-never');
    assertError(await loginStep2(neverAsked, '123456'), 401, 'INVALID_OTP');
  });

  void it('answers sign-up step 1 for a registered address with OTP_SENT and a mail saying the account exists', async () => {
    const fresh = uniqueEmail('signup-fresh');
    assertOtpSent(await signupStep1(fresh));
    const freshMail = mailText((await t.smtp.waitForMail(fresh)).raw);
    assert.doesNotMatch(freshMail, /already exists/i);

    const { email } = await signUp(t, uniqueEmail('signup-taken'));
    const before = t.smtp.mailTo(email).length;
    assertOtpSent(await signupStep1(email));
    const mail = await t.smtp.waitForMail(email, before + 1);
    assert.match(mailText(mail.raw), /an account already exists/i);
    const code = await t.smtp.codeFor(email, before + 1);

    // Only the code proves ownership: a wrong one learns nothing about the account.
    assertError(await signupStep2(email, wrongCode(code)), 401, 'INVALID_OTP');
    assertError(await signupStep2(email, code), 409, 'EMAIL_ALREADY_REGISTERED');
  });

  void it('lets the code from a sign-up mail to a registered address log in, as that mail says', async () => {
    const { email } = await signUp(t, uniqueEmail('signup-then-login'));
    const before = t.smtp.mailTo(email).length;
    assertOtpSent(await signupStep1(email));
    const code = await t.smtp.codeFor(email, before + 1);
    assertLoggedIn(await loginStep2(email, code), email);
  });
});

void describe('one-time codes: username rules', () => {
  const cases: { what: string; body: Record<string, unknown>; code: string }[] = [
    { what: 'missing', body: {}, code: 'USERNAME_REQUIRED' },
    { what: 'empty', body: { username: '' }, code: 'USERNAME_REQUIRED' },
    { what: 'blank', body: { username: '   ' }, code: 'USERNAME_REQUIRED' },
    { what: 'not an email', body: { username: 'not-an-email' }, code: 'INVALID_USERNAME' },
    { what: 'a number', body: { username: 12345 }, code: 'INVALID_USERNAME' },
    { what: 'missing, with a code', body: { otp: '123456' }, code: 'USERNAME_REQUIRED' },
    {
      what: 'not an email, with a code',
      body: { username: 'not-an-email', otp: '123456' },
      code: 'INVALID_USERNAME',
    },
  ];
  for (const { what, body, code } of cases) {
    void it(`login: username ${what} → 400 ${code}`, async () => {
      assertError(await send(ROUTES.login, body), 400, code);
    });
    void it(`signup: username ${what} → 400 ${code}`, async () => {
      assertError(await send(ROUTES.signup, { ...PROFILE, ...body }), 400, code);
    });
  }

  void it('login with no body at all → 400 USERNAME_REQUIRED', async () => {
    assertError(await send(ROUTES.login), 400, 'USERNAME_REQUIRED');
  });
});

void describe('one-time codes: storage', () => {
  void it('keeps no plaintext code in the store or the logs', async () => {
    const { email } = await signUp(t, uniqueEmail('store'));
    const code = await requestLoginCode(email);
    const row = await t.store.db
      .selectFrom('otp_codes')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    assert.match(row.code_hash, /^[0-9a-f]{64}$/);
    assert.ok(!row.code_hash.includes(code), 'code_hash does not contain the code');
    for (const [column, value] of Object.entries(row)) {
      assert.notEqual(String(value), code, `column ${column} holds the code`);
    }
    // Keyed: not a plain hash that an offline search over a million codes would undo.
    assert.notEqual(row.code_hash, sha256Hex(code));
    assert.notEqual(row.code_hash, sha256Hex(`${email}:${code}`));

    // A wrong try and the right one travel through the request log path too.
    assertError(await loginStep2(email, wrongCode(code)), 401, 'INVALID_OTP');
    assertLoggedIn(await loginStep2(email, code), email);
    const codeInText = new RegExp(`(?<![\\w.])(${code}|${wrongCode(code)})(?!\\w)`);
    const leaking = t.logs.filter((line) => codeInText.test(line));
    assert.deepEqual(leaking, [], 'no log line holds a code');
  });
});
