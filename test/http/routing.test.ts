// Requests the router itself judges: a known path with a method it lacks (405 with Allow), an
// unknown path (404), and path parameters longer than the router's own limit, which must get the
// token check and the usual error answers like any other request.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { signUp, type Json } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

const VERIFY = ROUTES.verify;
const ME = ROUTES.me;
const TOKENS = ROUTES.tokens;
const MEMBERS = ROUTES.members;

/** The answer is the usual error body with `code`, with the usual headers. */
function assertContractError(answer: LightMyRequestResponse, status: number, code: string): void {
  const label = `${answer.statusCode} ${answer.body.slice(0, 200)}`;
  assert.equal(answer.statusCode, status, label);
  const body = answer.json<Json>();
  assert.equal(body.error, true, label);
  assert.equal(body.message, code, label);
  assert.equal(typeof body.request_id, 'string', label);
  assert.equal(answer.headers['x-request-id'], body.request_id, label);
  assert.equal(answer.headers['x-content-type-options'], 'nosniff', label);
  assert.match(String(answer.headers['content-security-policy']), /default-src 'none'/, label);
  assert.equal(answer.headers['cache-control'], 'no-store', label);
}

void describe('a known path with a method it lacks', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  void it('is 405 METHOD_NOT_ALLOWED with Allow listing the methods the path has', async () => {
    const cases: [string, string, string][] = [
      ['GET', VERIFY, 'POST'],
      ['PUT', VERIFY, 'POST'],
      ['DELETE', VERIFY, 'POST'],
      ['PUT', ME, 'DELETE, GET, HEAD'],
      ['POST', ROUTES.healthz, 'GET, HEAD'],
      ['PATCH', TOKENS, 'GET, HEAD'],
      ['GET', `${TOKENS}/some-id`, 'DELETE, PATCH'],
      ['POST', `${MEMBERS}/some-id`, 'DELETE, PATCH'],
      // With a trailing slash or a query string, it is still the same path.
      ['GET', `${VERIFY}/`, 'POST'],
      ['GET', `${VERIFY}?token=x`, 'POST'],
    ];
    for (const [method, url, allow] of cases) {
      const answer = await t.app.inject({ method: method as 'GET', url });
      assertContractError(answer, 405, 'METHOD_NOT_ALLOWED');
      assert.equal(answer.headers.allow, allow, `${method} ${url}`);
    }
  });

  void it('is 405 for QUERY too, which otherwise fails first for want of a Content-Type', async () => {
    const answer = await t.app.inject({ method: 'QUERY' as 'GET', url: VERIFY });
    assertContractError(answer, 405, 'METHOD_NOT_ALLOWED');
    assert.equal(answer.headers.allow, 'POST');
  });

  void it('is 405 whatever the body: it is not read', async () => {
    const answer = await t.app.inject({
      method: 'PUT',
      url: VERIFY,
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    assertContractError(answer, 405, 'METHOD_NOT_ALLOWED');
  });

  void it('answers HEAD with the status and no body; HEAD of a GET route still works', async () => {
    const refused = await t.app.inject({ method: 'HEAD', url: VERIFY });
    assert.equal(refused.statusCode, 405);
    assert.equal(refused.headers.allow, 'POST');
    assert.equal(refused.body, '');
    const health = await t.app.inject({ method: 'HEAD', url: ROUTES.healthz });
    assert.equal(health.statusCode, 200);
    assert.equal(health.body, '');
  });

  void it('leaves an unknown path 404 NOT_FOUND, whatever the method or body', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'QUERY']) {
      const answer = await t.app.inject({
        method: method as 'GET',
        url: '/api/v1/global/no-such-thing',
        headers: { 'content-type': 'application/json' },
        payload: method === 'GET' ? undefined : '{',
      });
      assertContractError(answer, 404, 'NOT_FOUND');
      assert.equal(answer.headers.allow, undefined, method);
    }
    // A path under a route's prefix that no route has.
    assertContractError(
      await t.app.inject({ method: 'GET', url: `${VERIFY}/x` }),
      404,
      'NOT_FOUND',
    );
  });
});

void describe('405 with CORS on', () => {
  const origin = 'https://app.example.com';
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ CORS_ORIGINS: origin });
  });
  after(() => t.close());

  void it('still answers preflights, and lists OPTIONS among the methods', async () => {
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: VERIFY,
      headers: { origin, 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], origin);
    const answer = await t.app.inject({ method: 'GET', url: VERIFY, headers: { origin } });
    assertContractError(answer, 405, 'METHOD_NOT_ALLOWED');
    assert.equal(answer.headers.allow, 'OPTIONS, POST');
    assert.equal(answer.headers['access-control-allow-origin'], origin);
    // The preflight route answers every path, yet an unknown path is still unknown.
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/no/such/path',
      headers: { origin },
    });
    assertContractError(unknown, 404, 'NOT_FOUND');
  });

  void it('answers an OPTIONS that is not a preflight without a plain-text error', async () => {
    const answer = await t.app.inject({ method: 'OPTIONS', url: VERIFY });
    assert.equal(answer.statusCode, 204);
    assert.equal(answer.body, '');
  });
});

void describe('path parameters longer than the router allows by default (100 characters)', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await createTestApp();
    token = (await signUp(t)).token;
  });
  after(() => t.close());

  const long = 'a'.repeat(200);
  const routes: [string, string][] = [
    ['DELETE', `${TOKENS}/${long}`],
    ['PATCH', `${MEMBERS}/${long}`],
    ['DELETE', `${MEMBERS}/${long}`],
  ];

  void it('are checked for a token first: none is 400 LOGIN_TOKEN_REQUIRED', async () => {
    for (const [method, url] of routes) {
      const answer = await t.app.inject({ method: method as 'GET', url });
      assertContractError(answer, 400, 'LOGIN_TOKEN_REQUIRED');
      assert.ok(!answer.body.includes(long), 'the path is not echoed');
    }
  });

  void it('are then refused by the id length limit of the schema, without echoing the id', async () => {
    for (const [method, url] of routes) {
      const answer = await t.app.inject({
        method: method as 'GET',
        url,
        headers: { token, 'content-type': 'application/json' },
        payload: method === 'PATCH' ? '{"role":"admin"}' : undefined,
      });
      assertContractError(answer, 400, 'VALIDATION_FAILED');
      assert.ok(!answer.body.includes(long), 'the id is not echoed');
      assert.equal(answer.json<Json>().details[0].keyword, 'maxLength');
    }
    // Under the limit, an unknown id is the route's own answer.
    const unknown = await t.app.inject({
      method: 'DELETE',
      url: `${TOKENS}/${'a'.repeat(64)}`,
      headers: { token },
    });
    assertContractError(unknown, 404, 'TOKEN_NOT_FOUND');
  });

  void it('longer than any request line can be, or not valid percent-encoding: 400, in the usual error body', async () => {
    for (const url of [`${TOKENS}/${'a'.repeat(20_000)}`, `${TOKENS}/%zz`, `${TOKENS}/%`]) {
      const answer = await t.app.inject({ method: 'DELETE', url, headers: { token } });
      assertContractError(answer, 400, 'VALIDATION_FAILED');
      assert.ok(!answer.body.includes('aaaa') && !answer.body.includes('%'), 'nothing echoed');
    }
  });
});
