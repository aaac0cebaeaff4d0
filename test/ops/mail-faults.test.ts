// The mail server refuses or can't be reached. Step 1 still answers OTP_SENT at once (mail goes
// out off the request path, so timing tells nothing); the outbox retries transient failures with
// backoff, gives up after MAIL_ATTEMPTS or on a permanent refusal, and a code that never left
// does not hold the address in its resend cooldown.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { MAIL_ATTEMPTS } from '../../src/mail/outbox.js';
import { SmtpSink } from '../helpers/smtp-sink.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { get, post, uniqueEmail } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

/** A real SMTP server that answers every RCPT TO with `code`, counting the tries. */
async function refusingSmtp(code: number) {
  let tries = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      tries++;
      const err = Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try later'), {
        responseCode: code,
      });
      callback(err);
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    tries: () => tries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Waits for a log line of `msg` about `to`; returns every such line so far. */
async function logged(t: TestApp, msg: string, to: string, count = 1) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const lines = t.logs
      .map((l) => JSON.parse(l) as Record<string, any>)
      .filter((l) => l.msg === msg && l.to === to);
    if (lines.length >= count) return lines;
    if (Date.now() > deadline) assert.fail(`no ${count}× "${msg}" for ${to} in the log`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const signupBody = (email: string) => ({ username: email, name: 'Ada', company_name: 'Acme' });

void describe('mail faults', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  void it('a permanent refusal (550): one try, then the address may ask again at once', async () => {
    const smtp = await refusingSmtp(550);
    const t = await createTestApp({ SMTP_URL: smtp.url, MAIL_RETRY_BASE_MS: '20' });
    cleanups.push(smtp.close, () => t.close());
    const email = uniqueEmail('refused');

    assert.deepEqual((await post(t, ROUTES.signup, signupBody(email))).body, {
      message: 'OTP_SENT',
    });
    const [failed] = await logged(t, 'mail could not be sent', email);
    assert.equal(failed!.attempts, 1);
    assert.equal(smtp.tries(), 1, 'a 5xx is not retried');
    // The code never left: no cooldown (a sent code would answer 429 here for 60 s).
    const again = await post(t, ROUTES.signup, signupBody(email));
    assert.deepEqual([again.status, again.body.message], [200, 'OTP_SENT']);
    await logged(t, 'mail could not be sent', email, 2);

    const metrics = (await t.app.inject({ method: 'GET', url: ROUTES.metrics })).body;
    assert.match(metrics, /keyward_mails_total\{kind="code",result="failed"\} 2/);
  });

  void it(`a transient refusal (451): ${MAIL_ATTEMPTS} tries with backoff, then the cooldown ends`, async () => {
    const smtp = await refusingSmtp(451);
    const t = await createTestApp({ SMTP_URL: smtp.url, MAIL_RETRY_BASE_MS: '20' });
    cleanups.push(smtp.close, () => t.close());
    const email = uniqueEmail('deferred');

    assert.equal((await post(t, ROUTES.signup, signupBody(email))).status, 200);
    const retries = await logged(t, 'mail not sent; will retry', email, MAIL_ATTEMPTS - 1);
    assert.deepEqual(
      retries.map((l) => l.retryInMs as number),
      [20, 80, 320],
      'waits grow 4× each time',
    );
    // While a retry is pending the code may still arrive: the cooldown holds.
    assert.equal((await post(t, ROUTES.signup, signupBody(email))).status, 429);
    const [failed] = await logged(t, 'mail could not be sent', email);
    assert.equal(failed!.attempts, MAIL_ATTEMPTS);
    assert.equal(smtp.tries(), MAIL_ATTEMPTS);
    assert.equal((await post(t, ROUTES.signup, signupBody(email))).status, 200);
  });

  void it('an unreachable mail server: login step 1 answers OTP_SENT; a retry delivers once it is back', async () => {
    const sink = await SmtpSink.start();
    const proxy = new TcpProxy('127.0.0.1', sink.port);
    await proxy.up();
    const t = await createTestApp({
      SMTP_URL: `smtp://127.0.0.1:${proxy.port}`,
      MAIL_RETRY_BASE_MS: '100',
    });
    cleanups.push(
      () => sink.close(),
      () => proxy.down(),
      () => t.close(),
    );
    // An account, made while mail works.
    const email = uniqueEmail('unreachable');
    await post(t, ROUTES.signup, signupBody(email));
    const otp = await sink.codeFor(email);
    assert.equal((await post(t, ROUTES.signup, { ...signupBody(email), otp })).status, 201);

    await proxy.down(); // the port now refuses connections
    const sent = await post(t, ROUTES.login, { username: email });
    assert.deepEqual([sent.status, sent.body.message], [200, 'OTP_SENT']);
    await logged(t, 'mail not sent; will retry', email);
    await proxy.up();
    const code = await sink.codeFor(email, 2);
    const loggedIn = await post(t, ROUTES.login, { username: email, otp: code });
    assert.deepEqual([loggedIn.status, loggedIn.body.message], [200, 'LOGGEDIN']);
    assert.ok((await get(t, ROUTES.healthz)).status === 200);
  });

  void it('a closed port for good: given up after every try, and the address may ask again', async () => {
    const port = await closedPort();
    const t = await createTestApp({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_RETRY_BASE_MS: '10',
    });
    cleanups.push(() => t.close());
    const email = uniqueEmail('closed');
    assert.equal((await post(t, ROUTES.signup, signupBody(email))).status, 200);
    const [failed] = await logged(t, 'mail could not be sent', email);
    assert.equal(failed!.attempts, MAIL_ATTEMPTS);
    assert.match(JSON.stringify(failed!.err), /ECONNREFUSED/);
    assert.equal((await post(t, ROUTES.signup, signupBody(email))).status, 200);
  });
});
