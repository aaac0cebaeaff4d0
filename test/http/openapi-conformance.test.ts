// The checker every test app carries (helpers/openapi-conformance.ts) catches an answer the
// OpenAPI document does not describe: an undocumented status, a body off its schema, an error
// code not listed for its operation and status, a 404 where a 405 is due.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OpenApiConformance, type Answer } from '../helpers/openapi-conformance.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { signUp } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

const ME = ROUTES.me;
const VERIFY = ROUTES.verify;

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): Answer => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

void describe('the OpenAPI conformance checker', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await createTestApp();
    token = (await signUp(t)).token;
  });
  after(() => t.close());

  void it('is on for every test app: each injected answer is checked', async () => {
    const before = t.conformance.checked;
    await t.app.inject({ method: 'GET', url: ME, headers: { token } });
    assert.equal(t.conformance.checked, before + 1);
    assert.deepEqual(t.conformance.violations, []);
  });

  void it('passes the answers the server really gives', async () => {
    const checker = new OpenApiConformance(t.app);
    const requests = [
      { method: 'GET', url: ME, headers: { token } },
      { method: 'GET', url: ME },
      { method: 'POST', url: VERIFY, headers: { token: 'f'.repeat(64) } },
      { method: 'GET', url: VERIFY },
      { method: 'GET', url: '/no/such/path' },
      { method: 'GET', url: ROUTES.metrics },
      { method: 'HEAD', url: ROUTES.healthz },
    ];
    for (const request of requests) {
      const answer = await t.app.inject(request);
      assert.deepEqual(checker.check(request, answer), [], `${request.method} ${request.url}`);
    }
  });

  void it('names the method, path, status and body of each answer the document does not describe', () => {
    const checker = new OpenApiConformance(t.app);
    const wrong: [{ method: string; url: string }, Answer, RegExp][] = [
      // A status getMe does not document.
      [{ method: 'GET', url: ME }, json(418, { error: true, message: 'NOT_FOUND' }), /status 418/],
      // A success body without its `auth`.
      [
        { method: 'GET', url: ME },
        json(200, { message: 'OK' }),
        /must have required property 'auth'/,
      ],
      // A real code, but not one getMe answers with 401.
      [
        { method: 'GET', url: ME },
        json(401, { error: true, message: 'INVALID_OTP' }),
        /allowed values/,
      ],
      // verify says TOKEN_REQUIRED, not LOGIN_TOKEN_REQUIRED.
      [
        { method: 'POST', url: VERIFY },
        json(400, { error: true, message: 'LOGIN_TOKEN_REQUIRED' }),
        /allowedValues/,
      ],
      // An error body without `error: true`.
      [{ method: 'POST', url: VERIFY }, json(400, { message: 'TOKEN_REQUIRED' }), /'error'/],
      // A known path with a method it lacks is 405, with Allow.
      [{ method: 'GET', url: VERIFY }, json(404, { error: true, message: 'NOT_FOUND' }), /405/],
      [
        { method: 'GET', url: VERIFY },
        json(405, { error: true, message: 'METHOD_NOT_ALLOWED' }),
        /Allow "" lacks POST/,
      ],
      // An unknown path is 404 NOT_FOUND.
      [{ method: 'GET', url: '/no/such/path' }, json(200, {}), /not a documented path/],
      // A 429 says when to come back.
      [
        { method: 'POST', url: ROUTES.generateToken },
        json(429, { error: true, message: 'TOO_MANY_REQUESTS' }),
        /lacks the header\(s\) retry-after, ratelimit-limit/,
      ],
      // Metrics are text.
      [{ method: 'GET', url: ROUTES.metrics }, json(200, {}), /not "application\/json"/],
    ];
    for (const [request, answer, expected] of wrong) {
      const found = checker.check(request, answer);
      const label = `${request.method} ${request.url} ${answer.statusCode}`;
      assert.equal(found.length > 0, true, label);
      assert.match(found.join('\n'), expected, label);
      assert.ok(
        found[0]!.startsWith(`${request.method} ${request.url} → ${answer.statusCode} `),
        label,
      );
      assert.ok(found[0]!.includes(answer.body), label);
    }
    assert.throws(() => checker.assertClean(), /answer\(s\) do not match the OpenAPI document/);
  });
});
