// GET /metrics (Prometheus text format) counts what happened, per app; every log line is JSON and
// carries the request id that the answer's x-request-id header gives the client.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { TEST_STORE } from '../helpers/test-database.js';
import { Writable } from 'node:stream';
import Fastify, { LogController } from 'fastify';
import { Registry } from 'prom-client';
import { lazyRequestLoggers } from '../../src/http/request-logger.js';
import { createLogger } from '../../src/logger.js';
import { RequestMetrics } from '../../src/metrics/request-metrics.js';
import { generateToken, get, post, signUp, uniqueEmail } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

/** The value of one series in a Prometheus text exposition; undefined if absent. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

const scrape = async (t: TestApp) => {
  const response = await t.app.inject({ method: 'GET', url: ROUTES.metrics });
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  return response.body;
};

void describe('GET /metrics', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  void it('counts requests by route and status, verify outcomes, codes, logins and 429s', async () => {
    const { email, token: login } = await signUp(t);
    const api = (await generateToken(t, login)).body.token as string;
    const short = await generateToken(t, login, { expires_in_days: 1 });
    const revoked = await generateToken(t, login);
    await t.app.inject({
      method: 'DELETE',
      url: ROUTES.token(revoked.body.id),
      headers: { token: login },
    });

    const verify = (token: string) => post(t, ROUTES.verify, {}, { token });
    assert.equal((await verify(api)).status, 200);
    assert.equal((await verify(login)).status, 200);
    assert.equal((await verify('f'.repeat(64))).status, 401);
    assert.equal((await verify('not.a.jwt')).status, 401);
    assert.equal((await verify(revoked.body.token as string)).status, 401);
    t.clock.advance(2 * 86_400_000); // the 1-day token and the login token are past their end
    assert.equal((await verify(short.body.token as string)).status, 401);
    assert.equal((await verify(login)).status, 401);
    assert.equal((await verify('')).status, 400); // no token: nothing was judged

    // A wrong code, then a code request inside the resend cooldown (429).
    await post(t, ROUTES.login, { username: email });
    assert.equal((await post(t, ROUTES.login, { username: email, otp: '000000' })).status, 401);
    assert.equal((await post(t, ROUTES.login, { username: email })).status, 429);

    const text = await scrape(t);
    const verifies = (outcome: string) => sample(text, 'keyward_verify_total', { outcome });
    assert.deepEqual(
      ['valid', 'invalid', 'expired', 'revoked'].map(verifies),
      [2, 2, 2, 1],
      'valid: api + login; invalid: unknown + malformed; expired: api + login; revoked: 1',
    );
    assert.equal(
      sample(text, 'keyward_http_requests_total', {
        method: 'POST',
        route: ROUTES.verify,
        status: '401',
      }),
      5,
    );
    assert.equal(
      sample(text, 'keyward_http_request_duration_seconds_count', {
        route: ROUTES.verify,
        status: '200',
      }),
      2,
    );
    assert.equal(
      sample(text, 'keyward_http_requests_total', {
        route: '/api/v1/global/tokens/:id',
        status: '200',
      }),
      1,
      'the route pattern, not the URL with its id',
    );
    assert.equal(sample(text, 'keyward_codes_issued_total', { flow: 'signup' }), 1);
    assert.equal(sample(text, 'keyward_codes_issued_total', { flow: 'login' }), 1);
    assert.equal(sample(text, 'keyward_logins_total', { flow: 'signup', outcome: 'success' }), 1);
    assert.equal(sample(text, 'keyward_logins_total', { flow: 'login', outcome: 'failure' }), 1);
    assert.equal(
      sample(text, 'keyward_rate_limited_total', {
        route: ROUTES.login,
        code: 'TOO_MANY_REQUESTS',
      }),
      1,
    );
    assert.equal(sample(text, 'keyward_last_used_buffer_size'), 1, 'the API token just used');
    assert.ok((sample(text, 'keyward_mails_total', { kind: 'code', result: 'sent' }) ?? 0) >= 1);
    assert.equal(sample(text, 'keyward_outbox_pending') !== undefined, true);
    assert.ok(sample(text, 'keyward_process_resident_memory_bytes'), 'process metrics too');
    const pool = sample(text, 'keyward_store_pool_connections', { state: 'total' });
    if (TEST_STORE === 'postgres') assert.ok(pool !== undefined && pool >= 1);
    else assert.equal(pool, undefined, 'SQLite has no pool');
  });

  void it('keeps one registry per app: another app in this process counts only its own', async () => {
    const other = await createTestApp();
    try {
      await get(other, ROUTES.healthz);
      const text = await scrape(other);
      assert.equal(sample(text, 'keyward_http_requests_total', { route: ROUTES.healthz }), 1);
      assert.equal(sample(text, 'keyward_verify_total', { outcome: 'valid' }), undefined);
    } finally {
      await other.close();
    }
  });
});

void describe('request ids in answers and logs', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  void it('every log line is JSON; each line of a request has the id its x-request-id gives', async () => {
    const start = t.logs.length;
    const refused = await post(t, ROUTES.login, { username: 'not-an-address' });
    const ok = await post(t, ROUTES.login, { username: uniqueEmail('rid') });
    const ids = [refused, ok].map((r) => r.headers['x-request-id'] as string);
    assert.equal(refused.body.request_id, ids[0], 'error bodies carry it too');
    assert.notEqual(ids[0], ids[1]);

    const lines = t.logs.slice(start).map((raw) => JSON.parse(raw) as Record<string, any>);
    for (const id of ids) {
      const mine = lines.filter((l) => l.request_id === id);
      assert.ok(
        mine.some((l) => l.msg === 'incoming request') &&
          mine.some((l) => l.msg === 'request completed'),
      );
    }
    assert.ok(
      lines.some((l) => l.request_id === ids[0] && l.msg === 'request refused'),
      'the refusal is logged with its request id',
    );
    // All of them, since the app started, parse as JSON objects with a level and a time.
    for (const raw of t.logs) {
      const line = JSON.parse(raw) as Record<string, unknown>;
      assert.equal(typeof line.level, 'number');
      assert.equal(typeof line.time, 'string');
    }
  });
});

void describe('request metrics (kept outside prom-client, rendered by it)', () => {
  void it('renders a Prometheus histogram: cumulative buckets, le inclusive, +Inf, sum, count', async () => {
    const registry = new Registry();
    const requests = new RequestMetrics(registry, [0.001, 0.01, 1]);
    for (const seconds of [0.0005, 0.001, 0.002, 5]) requests.observe('POST', '/v', 200, seconds);
    requests.observe('GET', '/h', 404, 0.02);
    const text = await registry.metrics();

    assert.match(text, /# TYPE keyward_http_request_duration_seconds histogram/);
    assert.match(text, /# TYPE keyward_http_requests_total counter/);
    const v = { method: 'POST', route: '/v', status: '200' };
    const bucket = (le: string) =>
      sample(text, 'keyward_http_request_duration_seconds_bucket', { ...v, le });
    assert.deepEqual(['0.001', '0.01', '1', '+Inf'].map(bucket), [2, 3, 3, 4]);
    assert.equal(sample(text, 'keyward_http_request_duration_seconds_count', v), 4);
    assert.ok(
      Math.abs((sample(text, 'keyward_http_request_duration_seconds_sum', v) ?? 0) - 5.0035) < 1e-9,
    );
    assert.equal(sample(text, 'keyward_http_requests_total', v), 4);
    assert.equal(sample(text, 'keyward_http_requests_total', { route: '/h', status: '404' }), 1);
  });
});

void describe('request loggers', () => {
  void it('write nothing below the level; lines at it carry the request id, serialized and redacted', async () => {
    const lines: Record<string, any>[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, any>);
        done();
      },
    });
    const app = Fastify({
      loggerInstance: createLogger('warn', stream),
      childLoggerFactory: lazyRequestLoggers,
      logController: new LogController({ requestIdLogLabel: 'request_id' }),
      genReqId: () => 'r-1',
    });
    app.get('/', (request, reply) => {
      request.log.info({ token: 'a'.repeat(64) }, 'below the level');
      request.log.warn({ token: 'b'.repeat(64), otp: '123456', res: reply }, 'written');
      request.log.child({ part: 'x' }).error('from a child');
      assert.equal(request.log.level, 'warn');
      return {};
    });
    try {
      assert.equal((await app.inject({ method: 'GET', url: '/' })).statusCode, 200);
    } finally {
      await app.close();
    }
    assert.deepEqual(
      lines.map((l) => [l.msg, l.request_id]),
      [
        ['written', 'r-1'],
        ['from a child', 'r-1'],
      ],
    );
    assert.equal(lines[0]!.token, '[redacted]');
    assert.equal(lines[0]!.otp, '[redacted]');
    assert.deepEqual(lines[0]!.res, { statusCode: 200 }, "Fastify's res serializer applies");
    assert.equal(lines[1]!.part, 'x');
  });
});
