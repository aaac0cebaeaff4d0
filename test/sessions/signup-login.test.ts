import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import {
  errorOf,
  generateToken,
  get,
  logIn,
  post,
  signUp,
  uniqueEmail,
} from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

describe('sign-up → login → generate-token → verify', () => {
  it('signs up in two steps and returns a login token with AUTH', async () => {
    const email = uniqueEmail('ada');
    const body = {
      username: email,
      name: 'Ada Lovelace',
      company_name: 'Acme',
      workspace_name: 'Main',
    };
    const step1 = await post(t, ROUTES.signup, body);
    assert.equal(step1.status, 200);
    assert.deepEqual(step1.body, { message: 'OTP_SENT' });
    const otp = await t.smtp.codeFor(email);
    assert.match(otp, /^\d{6}$/);

    const step2 = await post(t, ROUTES.signup, { ...body, otp });
    assert.equal(step2.status, 201);
    assert.equal(step2.body.message, 'SIGNEDUP');
    assert.match(step2.body.token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const auth = step2.body.auth;
    assert.equal(auth.user.email, email);
    assert.equal(auth.user.name, 'Ada Lovelace');
    assert.equal(auth.company.name, 'Acme');
    assert.equal(auth.workspace.name, 'Main');
    assert.equal(auth.role, 'owner');
    assert.equal(typeof auth.session.id, 'string');
    assert.ok(!Number.isNaN(Date.parse(auth.session.expires_at)));
  });

  it('names the first workspace "Default" when none is given', async () => {
    const { auth } = await signUp(t);
    assert.equal(auth.workspace.name, 'Default');
  });

  it('logs in in two steps, landing in the same company and workspace', async () => {
    const { email, auth: signedUp } = await signUp(t);
    const step1 = await post(t, ROUTES.login, { username: email });
    assert.deepEqual(step1.body, { message: 'OTP_SENT' });
    assert.equal(step1.status, 200);
    const otp = await t.smtp.codeFor(email, 2);
    const step2 = await post(t, ROUTES.login, { username: email, otp });
    assert.equal(step2.status, 200);
    assert.equal(step2.body.message, 'LOGGEDIN');
    assert.equal(step2.body.auth.user.id, signedUp.user.id);
    assert.equal(step2.body.auth.company.id, signedUp.company.id);
    assert.equal(step2.body.auth.workspace.id, signedUp.workspace.id);
    assert.notEqual(step2.body.auth.session.id, signedUp.session.id);
  });

  it('treats the address case- and space-insensitively', async () => {
    const { email } = await signUp(t);
    const upper = `  ${email.toUpperCase()} `;
    assert.equal((await post(t, ROUTES.login, { username: upper })).status, 200);
    const otp = await t.smtp.codeFor(email, 2);
    const done = await post(t, ROUTES.login, { username: upper, otp });
    assert.equal(done.status, 200);
    assert.equal(done.body.auth.user.email, email);
  });

  it('generates an API token that verifies, bound to user, company and workspace', async () => {
    const { token, auth } = await signUp(t);
    const generated = await generateToken(t, token);
    assert.equal(generated.status, 200);
    assert.equal(generated.body.message, 'API token generated successfully');
    assert.match(generated.body.token, /^[0-9a-f]{64}$/);
    assert.equal(generated.body.expires_at, null);
    assert.equal(generated.body.name, null);

    const verified = await post(t, ROUTES.verify, {}, { token: generated.body.token });
    assert.equal(verified.status, 200);
    assert.equal(verified.body.message, 'Token is valid');
    assert.deepEqual(verified.body.data, {
      token_type: 'api',
      token_id: generated.body.id,
      user: auth.user,
      company: auth.company,
      workspace: auth.workspace,
      role: 'owner',
      // What a token made without scopes, metadata, a rate limit or an expiry carries.
      owner: 'user',
      scopes: null,
      metadata: null,
      expires_at: null,
      rate_limit: null,
    });
  });

  it('verifies a login token as token_type "login"', async () => {
    const { token, auth } = await signUp(t);
    const verified = await post(t, ROUTES.verify, {}, { token });
    assert.equal(verified.status, 200);
    assert.equal(verified.body.data.token_type, 'login');
    assert.equal(verified.body.data.token_id, auth.session.id);
  });

  it('accepts api_access_token as an alias of the token header', async () => {
    const { token } = await signUp(t);
    const generated = await generateToken(t, token);
    const verified = await post(t, ROUTES.verify, {}, { api_access_token: generated.body.token });
    assert.equal(verified.status, 200);
  });

  it('answers /me for either kind of token', async () => {
    const { token, auth } = await signUp(t);
    const me = await get(t, ROUTES.me, { token });
    assert.equal(me.status, 200);
    assert.equal(me.body.message, 'OK');
    assert.deepEqual(me.body.auth, auth);
    const api = (await generateToken(t, token)).body.token as string;
    const meApi = await get(t, ROUTES.me, { token: api });
    assert.equal(meApi.status, 200);
    assert.deepEqual(meApi.body.auth.user, auth.user);
    assert.equal(meApi.body.auth.session, null);
    assert.deepEqual(errorOf(await get(t, ROUTES.me)), {
      status: 400,
      error: true,
      message: 'LOGIN_TOKEN_REQUIRED',
    });
  });

  it('logs in again right after logging out (a used code ends the cooldown)', async () => {
    const { email } = await signUp(t);
    const first = await logIn(t, email);
    assert.equal((await post(t, ROUTES.logout, {}, { token: first.token })).status, 200);
    const second = await logIn(t, email);
    assert.equal((await get(t, ROUTES.me, { token: second.token })).status, 200);
  });
});
