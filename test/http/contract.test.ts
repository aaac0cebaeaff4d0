// How every endpoint reads requests and writes errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BODY_LIMIT } from '../../src/app.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { errorOf, generateToken, get, post, signUp } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

let t: TestApp;
let loginToken: string;
before(async () => {
  t = await createTestApp();
  loginToken = (await signUp(t)).token;
});
after(() => t.close());

const GENERATE = ROUTES.generateToken;

describe('error bodies', () => {
  it('are {"error": true, "message": CODE, "request_id"} with the id also in x-request-id', async () => {
    const r = await post(t, GENERATE, {});
    assert.equal(r.status, 400);
    assert.deepEqual(Object.keys(r.body).sort(), ['error', 'message', 'request_id']);
    assert.equal(r.body.error, true);
    assert.equal(r.body.message, 'LOGIN_TOKEN_REQUIRED');
    assert.equal(r.headers['x-request-id'], r.body.request_id);
  });

  it('answers an unknown route with 404 NOT_FOUND', async () => {
    assert.deepEqual(errorOf(await get(t, '/api/nope')), {
      status: 404,
      error: true,
      message: 'NOT_FOUND',
    });
    assert.deepEqual(errorOf(await post(t, '/api/v1/global/nope', {})), {
      status: 404,
      error: true,
      message: 'NOT_FOUND',
    });
  });

  it('answers malformed JSON with 400 INVALID_JSON', async () => {
    for (const payload of ['{', '{"username": }', 'nul', '{"a":1}}']) {
      const response = await t.app.inject({
        method: 'POST',
        url: ROUTES.login,
        headers: { 'content-type': 'application/json' },
        payload,
      });
      assert.equal(response.statusCode, 400, payload);
      assert.equal(response.json().message, 'INVALID_JSON', payload);
    }
  });

  it(`answers a body over ${BODY_LIMIT} bytes with 413 PAYLOAD_TOO_LARGE`, async () => {
    const r = await post(t, ROUTES.login, {
      username: 'a@example.test',
      pad: 'x'.repeat(BODY_LIMIT),
    });
    assert.deepEqual(errorOf(r), { status: 413, error: true, message: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers unknown fields and wrong types with 400 VALIDATION_FAILED and details', async () => {
    const unknown = await post(t, GENERATE, { name: 'ci', admin: true }, { token: loginToken });
    assert.deepEqual(errorOf(unknown), { status: 400, error: true, message: 'VALIDATION_FAILED' });
    assert.ok(Array.isArray(unknown.body.details) && unknown.body.details.length > 0);

    const wrongType = await post(t, GENERATE, { name: 42 }, { token: loginToken });
    assert.deepEqual(errorOf(wrongType), {
      status: 400,
      error: true,
      message: 'VALIDATION_FAILED',
    });
    assert.equal(wrongType.body.details[0].path, '/name');

    const notObject = await post(t, GENERATE, [1, 2], { token: loginToken });
    assert.deepEqual(errorOf(notObject), {
      status: 400,
      error: true,
      message: 'VALIDATION_FAILED',
    });

    const tooLong = await post(t, GENERATE, { name: 'n'.repeat(101) }, { token: loginToken });
    assert.deepEqual(errorOf(tooLong), { status: 400, error: true, message: 'VALIDATION_FAILED' });
  });

  it('refuses a sign-up without name or company_name with 400 VALIDATION_FAILED', async () => {
    const r = await post(t, ROUTES.signup, { username: 'x@example.test', company_name: 'Acme' });
    assert.deepEqual(errorOf(r), { status: 400, error: true, message: 'VALIDATION_FAILED' });
    const r2 = await post(t, ROUTES.signup, { username: 'x@example.test', name: 'X' });
    assert.deepEqual(errorOf(r2), { status: 400, error: true, message: 'VALIDATION_FAILED' });
  });
});

describe('bodies', () => {
  it('treats a POST with no body at all like {}', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: GENERATE,
      headers: { token: loginToken },
    });
    assert.equal(response.statusCode, 200);
    assert.match(response.json().token, /^[0-9a-f]{64}$/);
  });

  it('treats Content-Type: application/json with an empty body like {}', async () => {
    for (const payload of ['', '  \n']) {
      const response = await t.app.inject({
        method: 'POST',
        url: GENERATE,
        headers: { token: loginToken, 'content-type': 'application/json' },
        payload,
      });
      assert.equal(response.statusCode, 200, JSON.stringify(payload));
    }
  });

  it('reads JSON sent with another content type (curl -d says form-urlencoded)', async () => {
    for (const type of [
      'application/x-www-form-urlencoded',
      'text/plain',
      'application/json; charset=utf-8',
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: GENERATE,
        headers: { token: loginToken, 'content-type': type },
        payload: '{"name":"curl"}',
      });
      assert.equal(response.statusCode, 200, type);
      assert.equal(response.json().name, 'curl', type);
    }
  });

  it('stores names as given, unicode included', async () => {
    const { auth } = await signUp(t, undefined, {
      name: 'Zoë Ñoño 山田',
      company_name: 'Ünïcode AG',
    });
    assert.equal(auth.user.name, 'Zoë Ñoño 山田');
    assert.equal(auth.company.name, 'Ünïcode AG');
  });
});

describe('credentials travel only in the token header', () => {
  it('ignores a token in the body', async () => {
    const r = await post(t, GENERATE, { token: loginToken });
    assert.deepEqual(errorOf(r), { status: 400, error: true, message: 'LOGIN_TOKEN_REQUIRED' });
    const alias = await post(t, GENERATE, { api_access_token: loginToken });
    assert.deepEqual(errorOf(alias), { status: 400, error: true, message: 'LOGIN_TOKEN_REQUIRED' });
    const verify = await post(t, ROUTES.verify, { token: loginToken });
    assert.deepEqual(errorOf(verify), { status: 400, error: true, message: 'TOKEN_REQUIRED' });
    const logout = await post(t, ROUTES.logout, { token: loginToken });
    assert.deepEqual(errorOf(logout), {
      status: 400,
      error: true,
      message: 'LOGIN_TOKEN_REQUIRED',
    });
    // With the header present, a stray token in the body changes nothing either.
    const both = await post(t, GENERATE, { token: 'garbage' }, { token: loginToken });
    assert.equal(both.status, 200);
  });

  it('ignores a token in the query string', async () => {
    const r = await post(t, `${GENERATE}?token=${loginToken}`, {});
    assert.deepEqual(errorOf(r), { status: 400, error: true, message: 'LOGIN_TOKEN_REQUIRED' });
    const me = await get(t, `${ROUTES.me}?token=${loginToken}&api_access_token=${loginToken}`);
    assert.deepEqual(errorOf(me), { status: 400, error: true, message: 'LOGIN_TOKEN_REQUIRED' });
    const verify = await post(t, `${ROUTES.verify}?token=${loginToken}`, {});
    assert.deepEqual(errorOf(verify), { status: 400, error: true, message: 'TOKEN_REQUIRED' });
  });

  it('treats an empty token header as missing', async () => {
    const r = await post(t, GENERATE, {}, { token: '' });
    assert.deepEqual(errorOf(r), { status: 400, error: true, message: 'LOGIN_TOKEN_REQUIRED' });
  });

  it('refuses an API token where a login token is required', async () => {
    const api = (await generateToken(t, loginToken)).body.token as string;
    assert.deepEqual(errorOf(await post(t, GENERATE, {}, { token: api })), {
      status: 401,
      error: true,
      message: 'INVALID_LOGIN_TOKEN',
    });
  });
});

describe('responses', () => {
  it('generate-token answers exactly the listed fields: no hash, no internal ids', async () => {
    const r = await generateToken(t, loginToken, { name: 'ci-deploy' });
    assert.deepEqual(Object.keys(r.body).sort(), ['expires_at', 'id', 'message', 'name', 'token']);
    assert.equal(r.body.name, 'ci-deploy');
  });

  it('gives a new token on every call', async () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 5; i++)
      tokens.add((await generateToken(t, loginToken)).body.token as string);
    assert.equal(tokens.size, 5);
  });
});

describe('operations endpoints', () => {
  it('serves /healthz and /readyz', async () => {
    assert.deepEqual((await get(t, ROUTES.healthz)).body, { status: 'ok' });
    const ready = await get(t, ROUTES.readyz);
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.body, { status: 'ok' });
  });

  it('serves an OpenAPI document generated from the route schemas, and /docs', async () => {
    const spec = await get(t, ROUTES.openapi);
    assert.equal(spec.status, 200);
    assert.match(String(spec.body.openapi), /^3\./);
    for (const path of [
      ROUTES.signup,
      ROUTES.login,
      ROUTES.logout,
      ROUTES.generateToken,
      ROUTES.verify,
      ROUTES.me,
    ]) {
      assert.ok(spec.body.paths[path], `${path} is documented`);
    }
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.headers['content-type'] as string, /html/);
  });
});
