// The abuse guard on its own, with tiny budgets: what it refuses, what it lets through and gives
// back, when it locks an address, and which refusals reach the audit log (once per spent budget).
// Real rate limiters (in memory) and the real store of a test app; no HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuditRecorder } from '../../src/audit/audit-recorder.js';
import { loadConfig } from '../../src/config.js';
import { AppError } from '../../src/errors.js';
import type { RequestContext } from '../../src/identity/request-context.js';
import { createLogger } from '../../src/logger.js';
import { AbuseGuard } from '../../src/ratelimit/abuse-guard.js';
import { RateLimits } from '../../src/ratelimit/rate-limits.js';
import { TenancyService } from '../../src/tenancy/tenancy.service.js';
import type { KnownApiToken } from '../../src/verification/outcome.js';
import { signUp, uniqueEmail } from '../helpers/client.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const BUDGETS = {
  RATE_LIMIT_OTP_SEND_PER_IP: '3/1h',
  RATE_LIMIT_OTP_SEND_PER_ADDRESS: '2/1h',
  RATE_LIMIT_OTP_CHECK_PER_IP: '4/1h',
  RATE_LIMIT_OTP_WRONG_PER_ADDRESS: '2/1h',
  RATE_LIMIT_OTP_LOCK: '15m',
  RATE_LIMIT_GENERATE_TOKEN_PER_USER: '2/1h',
  RATE_LIMIT_VERIFY_FAILED_PER_IP: '2/1h',
};

let ipCounter = 0;
/** A client of its own per test, so no budget is shared between tests. */
const client = (): RequestContext => ({ ip: `203.0.113.${++ipCounter}`, userAgent: 'guard-test' });

/** The code of the AppError `promise` rejects with. */
async function refusedWith(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof AppError, String(err));
    return err.code;
  }
  assert.fail('expected a refusal');
}

void describe('abuse guard', () => {
  let t: TestApp;
  let limits: RateLimits;
  let guard: AbuseGuard;

  before(async () => {
    t = await createTestApp();
    const config = loadConfig(BUDGETS);
    limits = await RateLimits.create(config, createLogger('silent'), t.clock);
    guard = new AbuseGuard(
      limits,
      config,
      t.store.db,
      new TenancyService(t.clock),
      new AuditRecorder(t.clock),
    );
  });
  after(async () => {
    await limits.close();
    await t.close();
  });

  /** Audit events of `action` from `context`'s IP. */
  const audited = (action: string, context: RequestContext) =>
    t.store.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', action)
      .where('ip', '=', context.ip)
      .execute();

  void it('refuses code sends past the IP budget without sending, and audits the first refusal only', async () => {
    const context = client();
    let sent = 0;
    const send = () => Promise.resolve(void sent++);
    for (let i = 0; i < 3; i++) await guard.sendCode(uniqueEmail('ip'), context, send);
    assert.equal(sent, 3);
    for (let i = 0; i < 2; i++) {
      assert.equal(
        await refusedWith(guard.sendCode(uniqueEmail('ip'), context, send)),
        'TOO_MANY_REQUESTS',
      );
    }
    assert.equal(sent, 3, 'a refused send is not sent');
    assert.equal((await audited('rate_limited', context)).length, 1);
  });

  void it('counts mails per address however the address is spelt, known or not', async () => {
    const known = (await signUp(t, uniqueEmail('known'))).email;
    for (const email of [known, uniqueEmail('unknown')]) {
      const context = client();
      const send = () => Promise.resolve();
      await guard.sendCode(email, context, send);
      await guard.sendCode(`  ${email.toUpperCase()} `, client(), send);
      assert.equal(await refusedWith(guard.sendCode(email, client(), send)), 'TOO_MANY_REQUESTS');
    }
  });

  void it('names the known user in the audit event of a spent address budget, and nobody for an unknown one', async () => {
    const known = await signUp(t, uniqueEmail('audited'));
    const send = () => Promise.resolve();
    for (const [email, userId] of [
      [known.email, known.id],
      [uniqueEmail('stranger'), null],
    ] as const) {
      await guard.sendCode(email, client(), send);
      await guard.sendCode(email, client(), send);
      const context = client();
      await refusedWith(guard.sendCode(email, context, send));
      const [event] = await audited('rate_limited', context);
      assert.equal(event?.actor_user_id, userId, email);
    }
  });

  void it('gives the address its point back when the send itself is refused (resend cooldown)', async () => {
    const email = uniqueEmail('cooldown');
    const cooldown = () => Promise.reject(new AppError('TOO_MANY_REQUESTS'));
    for (let i = 0; i < 3; i++) {
      assert.equal(
        await refusedWith(guard.sendCode(email, client(), cooldown)),
        'TOO_MANY_REQUESTS',
      );
    }
    // Three refused sends later, the address still has both of its mails.
    const send = () => Promise.resolve();
    await guard.sendCode(email, client(), send);
    await guard.sendCode(email, client(), send);
    assert.equal(await refusedWith(guard.sendCode(email, client(), send)), 'TOO_MANY_REQUESTS');
  });

  void it('locks an address after its budget of wrong codes, before any code is looked at', async () => {
    const email = uniqueEmail('wrong');
    const context = client();
    const wrong = () => Promise.reject(new AppError('INVALID_OTP'));
    for (let i = 0; i < 2; i++) {
      assert.equal(await refusedWith(guard.checkCode(email, context, wrong)), 'INVALID_OTP');
    }
    let looked = false;
    const right = () => Promise.resolve(void (looked = true));
    assert.equal(await refusedWith(guard.checkCode(email, client(), right)), 'TOO_MANY_ATTEMPTS');
    assert.equal(looked, false, 'a locked address is refused before its code is checked');
    assert.equal((await audited('otp_locked', context)).length, 1);
  });

  void it('starts the count of wrong codes afresh after a right one', async () => {
    const email = uniqueEmail('reset');
    const wrong = () => Promise.reject(new AppError('INVALID_OTP'));
    const right = () => Promise.resolve('ok');
    await refusedWith(guard.checkCode(email, client(), wrong));
    assert.equal(await guard.checkCode(email, client(), right), 'ok');
    await refusedWith(guard.checkCode(email, client(), wrong));
    assert.equal(await guard.checkCode(email, client(), right), 'ok', 'one wrong code since');
  });

  void it('refuses code checks past the IP budget, whatever the address', async () => {
    const context = client();
    const right = () => Promise.resolve();
    for (let i = 0; i < 4; i++) await guard.checkCode(uniqueEmail('check'), context, right);
    assert.equal(
      await refusedWith(guard.checkCode(uniqueEmail('check'), context, right)),
      'TOO_MANY_REQUESTS',
    );
  });

  void it('limits API tokens minted per user, not per client', async () => {
    const user = `user-${++ipCounter}`;
    await guard.mintToken(user, client());
    await guard.mintToken(user, client());
    assert.equal(await refusedWith(guard.mintToken(user, client())), 'TOO_MANY_REQUESTS');
    await guard.mintToken(`user-${++ipCounter}`, client());
  });

  void it('refuses verify up front once an IP has spent its failed tries, and audits that once', async () => {
    assert.equal(guard.guardsVerify, true);
    const context = client();
    await guard.beforeVerify(context);
    await guard.verifyFailed(context);
    await guard.beforeVerify(context);
    await guard.verifyFailed(context);
    assert.equal(await refusedWith(guard.beforeVerify(context)), 'TOO_MANY_REQUESTS');
    await guard.beforeVerify(client());
    assert.equal((await audited('rate_limited', context)).length, 1);
  });

  void it('leaves verify alone when its limit is off (the default)', async () => {
    const config = loadConfig({});
    const defaults = await RateLimits.create(config, createLogger('silent'), t.clock);
    try {
      const unguarded = new AbuseGuard(
        defaults,
        config,
        t.store.db,
        new TenancyService(t.clock),
        new AuditRecorder(t.clock),
      );
      assert.equal(unguarded.guardsVerify, false);
    } finally {
      await defaults.close();
    }
  });

  void it('audits a refused API token at most once a minute', async () => {
    const owner = await signUp(t, uniqueEmail('refused'));
    const token: KnownApiToken = {
      id: `token-${++ipCounter}`,
      companyId: owner.auth.company.id as string,
      userId: owner.id,
    };
    const context = client();
    for (let i = 0; i < 3; i++) await guard.tokenRefused(token, context);
    const events = await audited('token_refused', context);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.target_id, token.id);
    assert.equal(events[0]?.company_id, token.companyId);
  });
});
