// Secrets stay secret: security headers on every answer (helmet), a /docs page
// whose own policy still lets Swagger UI run, CORS off unless origins are listed, and a response
// schema on every documented route so nothing unlisted can leak.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { signUp, type Json } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

const HELMET_HEADERS: Record<string, RegExp> = {
  'x-content-type-options': /^nosniff$/,
  'x-frame-options': /^SAMEORIGIN$/,
  'referrer-policy': /^no-referrer$/,
  'strict-transport-security': /max-age=\d+/,
  'cross-origin-opener-policy': /^same-origin$/,
  'cross-origin-resource-policy': /^same-origin$/,
};

/** The CSP directives of a header, by name. */
function csp(header: unknown): Map<string, string> {
  assert.equal(typeof header, 'string', 'a Content-Security-Policy is set');
  return new Map(
    (header as string)
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = '', ...values] = part.split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
  );
}

void describe('security headers', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await createTestApp();
    token = (await signUp(t)).token;
  });
  after(() => t.close());

  void it('puts helmet headers and a deny-all CSP on API answers, errors included', async () => {
    const answers = [
      await t.app.inject({ method: 'GET', url: ROUTES.healthz }),
      await t.app.inject({ method: 'GET', url: ROUTES.me, headers: { token } }),
      await t.app.inject({ method: 'GET', url: ROUTES.me }), // 400
      await t.app.inject({ method: 'GET', url: ROUTES.me, headers: { token: 'x' } }), // 401
      await t.app.inject({ method: 'GET', url: '/no/such/route' }), // 404
      await t.app.inject({
        method: 'POST',
        url: ROUTES.login,
        headers: { 'content-type': 'application/json' },
        payload: '{',
      }), // 400 INVALID_JSON
      await t.app.inject({ method: 'GET', url: ROUTES.openapi }),
    ];
    for (const answer of answers) {
      const label = `${answer.statusCode} ${answer.body.slice(0, 60)}`;
      for (const [name, pattern] of Object.entries(HELMET_HEADERS)) {
        assert.match(String(answer.headers[name]), pattern, `${name} on ${label}`);
      }
      const policy = csp(answer.headers['content-security-policy']);
      assert.equal(policy.get('default-src'), "'none'", label);
      assert.equal(policy.get('frame-ancestors'), "'none'", label);
      // Answers carry tokens: no cache may keep them.
      assert.equal(answer.headers['cache-control'], 'no-store', label);
    }
  });

  void it('serves /docs with a policy that lets its own scripts and styles run, and they load', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    const policy = csp(page.headers['content-security-policy']);
    assert.match(policy.get('script-src') ?? '', /'self'/);
    assert.match(policy.get('style-src') ?? '', /'self'/);
    assert.equal(policy.get('object-src'), "'none'");
    // Served over plain HTTP on a developer's machine, this would block every script.
    assert.ok(!policy.has('upgrade-insecure-requests'));
    assert.equal(page.headers['x-content-type-options'], 'nosniff');

    // Every script and stylesheet the page names loads, with a matching content type.
    const assets = [...page.body.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(assets.some((a) => a.endsWith('.js')) && assets.some((a) => a.endsWith('.css')));
    for (const asset of assets) {
      const response = await t.app.inject({ method: 'GET', url: `/docs/${asset}` });
      assert.equal(response.statusCode, 200, asset);
      if (asset.endsWith('.js'))
        assert.match(String(response.headers['content-type']), /javascript/);
      if (asset.endsWith('.css')) assert.match(String(response.headers['content-type']), /css/);
    }
    // The initializer points Swagger UI at the document, which loads too.
    const init = await t.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    assert.equal(init.statusCode, 200);
    assert.match(init.body, /openapi\.json/);
    const spec = await t.app.inject({ method: 'GET', url: ROUTES.openapi });
    assert.equal(spec.statusCode, 200);
    assert.match(String(spec.json<Json>().openapi), /^3\./);
  });

  void it('sends no CORS headers by default, and answers a preflight 405', async () => {
    const simple = await t.app.inject({
      method: 'GET',
      url: ROUTES.healthz,
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(simple.statusCode, 200);
    assert.equal(simple.headers['access-control-allow-origin'], undefined);
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: ROUTES.verify,
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'token',
      },
    });
    assert.equal(preflight.statusCode, 405);
    assert.equal(preflight.json<Json>().message, 'METHOD_NOT_ALLOWED');
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
  });
});

void describe('CORS with CORS_ORIGINS', () => {
  const allowed = 'https://app.example.com';
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await createTestApp({ CORS_ORIGINS: `${allowed},http://localhost:3000` });
    token = (await signUp(t)).token;
  });
  after(() => t.close());

  void it('answers a preflight from a listed origin, allowing the token header', async () => {
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: ROUTES.verify,
      headers: {
        origin: allowed,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'token, content-type',
      },
    });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], allowed);
    assert.match(String(preflight.headers['access-control-allow-headers']), /\btoken\b/);
    assert.match(String(preflight.headers['access-control-allow-methods']), /POST/);
    assert.equal(preflight.headers['access-control-allow-credentials'], undefined);
  });

  void it('lets a listed origin read answers (and their request id and rate-limit headers)', async () => {
    const answer = await t.app.inject({
      method: 'POST',
      url: ROUTES.verify,
      headers: { origin: allowed, token },
    });
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.headers['access-control-allow-origin'], allowed);
    const exposed = String(answer.headers['access-control-expose-headers']);
    for (const name of ['x-request-id', 'retry-after', 'ratelimit-reset']) {
      assert.match(exposed, new RegExp(name));
    }
  });

  void it('gives any other origin nothing to read', async () => {
    for (const origin of ['https://evil.example', 'https://app.example.com.evil.example', 'null']) {
      const answer = await t.app.inject({
        method: 'GET',
        url: ROUTES.me,
        headers: { origin, token },
      });
      assert.equal(answer.headers['access-control-allow-origin'], undefined, origin);
      const preflight = await t.app.inject({
        method: 'OPTIONS',
        url: ROUTES.me,
        headers: { origin, 'access-control-request-method': 'GET' },
      });
      assert.equal(preflight.headers['access-control-allow-origin'], undefined, origin);
    }
  });

  void it('declares a response schema on every documented route, CORS routes included', async () => {
    await assertEveryRouteHasResponseSchemas(t);
  });
});

/**
 * Every operation of the OpenAPI document declares its success answer with a schema of listed
 * properties, and its error answers: fast-json-stringify then drops anything unlisted.
 */
async function assertEveryRouteHasResponseSchemas(t: TestApp): Promise<void> {
  const spec = (await t.app.inject({ method: 'GET', url: ROUTES.openapi })).json<Json>();
  const operations = Object.entries(spec.paths as Record<string, Record<string, Json>>).flatMap(
    ([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  assert.ok(operations.length >= 10, `${operations.length} operations documented`);
  for (const { path, method, op } of operations) {
    const label = `${method.toUpperCase()} ${path}`;
    const responses = (op.responses ?? {}) as Record<string, Json>;
    const success = Object.entries(responses).filter(([status]) => /^2/.test(status));
    assert.ok(success.length > 0, `${label} declares a 2xx answer`);
    for (const [status, response] of success) {
      const [mediaType, media] =
        Object.entries((response.content ?? {}) as Record<string, Json>)[0] ?? [];
      const schema = media?.schema as Json | undefined;
      assert.ok(schema, `${label} ${status} has a schema`);
      // Text (Prometheus metrics) has no fields to list.
      if (mediaType !== 'application/json') continue;
      assert.ok(
        schema.properties || schema.anyOf || schema.oneOf || schema.$ref,
        `${label} ${status} lists its fields`,
      );
    }
    if (path !== ROUTES.healthz) {
      assert.ok(
        Object.keys(responses).some((status) => /^4/.test(status)),
        `${label} declares its error answers`,
      );
    }
  }
}

void describe('response schemas', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  void it('are declared on every documented route', async () => {
    await assertEveryRouteHasResponseSchemas(t);
  });
});
