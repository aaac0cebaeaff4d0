// Property-based fuzzing: random bodies, token headers, content types, methods
// and paths thrown at every route of the OpenAPI document (and at routes that don't exist), with
// real tokens among the random ones so the authenticated paths are reached too. Whatever comes in:
// never a 5xx, never a crash, and every 4xx body is {"error": true, "message": CODE} with CODE's
// own status. Bounded (a few hundred runs per property) so it stays a few seconds.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { BODY_LIMIT } from '../../src/app.js';
import { ERROR_STATUS } from '../../src/errors.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { generateToken, signUp, type Json } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

const NUM_RUNS = 300;

let t: TestApp;
/** Real credentials, replaced when a fuzzed request ends them (logout, account deletion…). */
const real = { login: '', api: '' };
let routes: { method: string; path: string }[] = [];

async function refreshCredentials(): Promise<void> {
  const me = await t.app.inject({
    method: 'GET',
    url: ROUTES.me,
    headers: { token: real.login },
  });
  if (me.statusCode === 200) return;
  real.login = (await signUp(t)).token;
  real.api = (await generateToken(t, real.login)).body.token as string;
}

before(async () => {
  t = await createTestApp({ LOG_LEVEL: 'info' });
  await refreshCredentials();
  const spec = (await t.app.inject({ method: 'GET', url: ROUTES.openapi })).json<Json>();
  routes = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(
    ([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
  assert.ok(routes.length >= 10, `fuzzing ${routes.length} documented routes`);
});
after(() => t.close());

/** Checks one answer against the error-body rules; returns a description of what is wrong, if anything. */
function errorBodyViolation(
  request: { method: string; url: string },
  status: number,
  body: string,
): string | undefined {
  const label = `${request.method} ${request.url.slice(0, 80)} → ${status} ${body.slice(0, 200)}`;
  if (status >= 500) return `a 5xx: ${label}`;
  if (status < 400 || request.method === 'HEAD') return undefined;
  let parsed: Json;
  try {
    parsed = JSON.parse(body) as Json;
  } catch {
    return `a 4xx without a JSON body: ${label}`;
  }
  if (parsed.error !== true) return `error is not true: ${label}`;
  const code = parsed.message as keyof typeof ERROR_STATUS;
  if (typeof code !== 'string' || !(code in ERROR_STATUS))
    return `not a known error code: ${label}`;
  if (ERROR_STATUS[code] !== status)
    return `${code} is ${ERROR_STATUS[code]}, not ${status}: ${label}`;
  return undefined;
}

// ---- arbitraries -------------------------------------------------------------------------

/** Header-safe text of any byte a client can send (inject takes it as is). */
const headerText = (maxLength: number) =>
  fc.string({
    unit: fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)),
      fc.constant('\t'),
    ),
    maxLength,
  });

const hex64 = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((bytes) => Buffer.from(bytes).toString('hex'));

/** What a `token` header may hold: nothing, real tokens, near misses, and junk of every size. */
const tokenHeader = fc.oneof(
  fc.constant<string | undefined>(undefined),
  fc.constant('@login'),
  fc.constant('@api'),
  fc.constant('@login-tampered'),
  hex64,
  hex64.map((h) => h.toUpperCase()),
  fc.tuple(headerText(40), headerText(200), headerText(60)).map((parts) => parts.join('.')),
  fc
    .tuple(fc.json(), fc.json())
    .map(
      ([h, p]) =>
        `${Buffer.from(h).toString('base64url')}.${Buffer.from(p).toString('base64url')}.sig`,
    ),
  headerText(300),
  fc.integer({ min: 1000, max: 15_000 }).map((n) => 'x'.repeat(n)),
);

/** The placeholders of `tokenHeader` made real; anything else is sent as generated. */
const resolveToken = (token: string | undefined): string | undefined => {
  if (token === '@login') return real.login;
  if (token === '@api') return real.api;
  if (token === '@login-tampered') return `${real.login.slice(0, -3)}AAA`;
  return token;
};

/** Field names the routes know, so random objects sometimes get past the first checks. */
const fieldName = fc.constantFrom(
  'username',
  'otp',
  'name',
  'company_name',
  'workspace_name',
  'scope',
  'expires_in_days',
  'email',
  'role',
  'disabled',
  'workspace_id',
  'token',
  'api_access_token',
  '__proto__',
  'constructor',
);

const fieldValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.emailAddress(),
  fc.stringMatching(/^\d{6}$/),
  fc.constantFrom('this', 'others', 'all', 'owner', 'admin', 'member', '', ' ', 'a@b.cd'),
  fc.integer(),
  fc.string({ unit: 'binary', maxLength: 50 }),
);

/** A body as the bytes sent. */
const body: fc.Arbitrary<string | Buffer | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.dictionary(fieldName, fieldValue, { maxKeys: 6 }).map((o) => JSON.stringify(o)),
  fc.json({ maxDepth: 4 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc
    .integer({ min: 1, max: Math.floor(BODY_LIMIT / 2) + 10 })
    .map((d) => '['.repeat(d) + ']'.repeat(d)),
  fc
    .integer({ min: BODY_LIMIT - 100, max: BODY_LIMIT + 100 })
    .map((n) => `{"name":"${'n'.repeat(n)}"}`),
);

const contentType = fc.oneof(
  fc.constant<string | undefined>(undefined),
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
  ),
  headerText(60),
);

const method = fc.oneof(
  fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
  fc.constantFrom('PROPFIND', 'TRACE', 'CONNECT', 'SEARCH'),
);

/** A path: a documented route (random path parameters), something near one, or anything. */
const path = () =>
  fc.oneof(
    fc
      .tuple(fc.constantFrom(...routes.map((r) => r.path)), headerText(40))
      .map(([p, param]) => p.replace(/\{[^}]+\}/g, encodeURIComponent(param) || 'x')),
    fc.constantFrom(...routes.map((r) => r.path)).map((p) => `${p}/extra`),
    // A request target is never empty on the wire (and inject can't send one).
    fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
    fc.constantFrom('/', '/api', '/api/v1/global', '/docs/static/../../package.json', '/docs/json'),
  );

const query = fc.oneof(
  fc.constant(''),
  fc.webQueryParameters().map((q) => `?${q}`),
  fc.constant('?token=@login&all=true'),
);

// ---- properties --------------------------------------------------------------------------

async function fire(options: {
  method: string;
  url: string;
  token: string | undefined;
  alias: boolean;
  contentType: string | undefined;
  body: string | Buffer | undefined;
}): Promise<void> {
  const headers: Record<string, string> = {};
  const token = resolveToken(options.token);
  if (token !== undefined) headers[options.alias ? 'api_access_token' : 'token'] = token;
  if (options.contentType !== undefined) headers['content-type'] = options.contentType;
  const request: InjectOptions = {
    method: options.method,
    url: options.url.replace('@login', encodeURIComponent(real.login)),
    headers,
  };
  if (options.body !== undefined) request.payload = options.body;
  const response = await t.app.inject(request);
  const violation = errorBodyViolation(
    { method: options.method, url: options.url },
    response.statusCode,
    response.body,
  );
  assert.equal(violation, undefined);
}

void describe('fuzz: random requests at every route', () => {
  void it(`documented routes with random bodies, tokens and content types (${NUM_RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat().map((i) => routes[i % routes.length]!),
        fc.boolean(),
        tokenHeader,
        contentType,
        body,
        headerText(30),
        async (route, alias, token, type, payload, param) => {
          const url = route.path.replace(/\{[^}]+\}/g, encodeURIComponent(param) || 'x');
          await fire({ method: route.method, url, token, alias, contentType: type, body: payload });
          await refreshCredentials();
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  void it(`random methods, paths and query strings (${NUM_RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        method,
        path(),
        query,
        tokenHeader,
        contentType,
        body,
        async (m, p, q, token, type, payload) => {
          await fire({
            method: m,
            url: p + q,
            token,
            alias: false,
            contentType: type,
            body: payload,
          });
          await refreshCredentials();
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  void it(`arbitrary bytes in the token header over a real socket (${NUM_RUNS / 3} runs)`, async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as net.AddressInfo;
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 400 }),
        fc.constantFrom(ROUTES.verify, ROUTES.generateToken, ROUTES.me),
        async (bytes, url) => {
          const request = Buffer.concat([
            Buffer.from(`POST ${url} HTTP/1.1\r\nHost: x\r\ntoken: `, 'latin1'),
            Buffer.from(bytes),
            Buffer.from('\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}', 'latin1'),
          ]);
          const text = await new Promise<string>((resolve, reject) => {
            const socket = net.connect(port, '127.0.0.1');
            const chunks: Buffer[] = [];
            socket.on('data', (c: Buffer) => chunks.push(c));
            socket.on('error', reject);
            socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
            socket.end(request);
          });
          const status = Number(text.split(' ')[1]);
          const answerBody = text.slice(text.indexOf('\r\n\r\n') + 4);
          assert.equal(errorBodyViolation({ method: 'POST', url }, status, answerBody), undefined);
          assert.ok(status >= 400, `random bytes are no credential: ${status}`);
        },
      ),
      { numRuns: NUM_RUNS / 3 },
    );
  });

  void it('is still up afterwards, and logged no error', async () => {
    const health = await t.app.inject({ method: 'GET', url: ROUTES.healthz });
    assert.equal(health.statusCode, 200);
    const errors = t.logs.filter((line) => /"level":(50|60)/.test(line));
    assert.deepEqual(errors, [], 'no request failed with an error');
  });
});
