// Login tokens and API tokens, attacked: forged, tampered, re-keyed and expired tokens, logout
// scopes, key rotation.
// All time comes from the fake clock the server uses; nothing here sleeps.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SignJWT, decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { errorOf, generateToken, get, logIn, post, signUp, type Json } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

const SECRET = 'login-tokens-test-secret-0123456789-abcdefghijklmnop';
const WRONG_SECRET = 'not-the-server-secret-0123456789-abcdefghijklmnopq';
const OLD_SECRET = 'the-old-rotated-out-secret-0123456789-abcdefghijk';
const NEW_SECRET = 'the-new-signing-secret-0123456789-abcdefghijklmnop';
const DAY_MS = 86_400_000;

type Named = { id: string; name: string };
type Auth = {
  user: { id: string; email: string; name: string };
  company: Named;
  workspace: Named;
  role: string;
  session: { id: string; expires_at: string } | null;
};
type Result = { status: number; body: Json };

const authOf = (json: Json): Auth => json as Auth;
const seconds = (ms: number): number => Math.floor(ms / 1000);
const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');
const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

/**
 * A JWT built by hand: any header, any payload, an HMAC under `secret` (its UTF-8 bytes) with
 * `hash`. Lets a test say exactly what an attacker would send, header fields jose won't sign
 * (`crit`) included.
 */
function hmacJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  secret: string,
  hash: 'sha256' | 'sha384' | 'sha512' = 'sha256',
): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
}

const GOOD_HEADER = { alg: 'HS256', typ: 'JWT', kid: 'k1' } as const;

const me = (t: TestApp, token: string) => get(t, ROUTES.me, { token });
const verify = (t: TestApp, token: string) => post(t, ROUTES.verify, {}, { token });
const logout = (t: TestApp, token: string, body: unknown = {}) =>
  post(t, ROUTES.logout, body, { token });

function assertError(result: Result, status: number, code: string, label = ''): void {
  assert.deepEqual(errorOf(result), { status, error: true, message: code }, label);
}

/** Every endpoint that takes a login token answers `code` for it. */
async function assertRefusedEverywhere(
  t: TestApp,
  token: string,
  code: 'INVALID_LOGIN_TOKEN' | 'SESSIONEXPIRED',
  label: string,
  opts: { verify?: boolean } = {},
): Promise<void> {
  assertError(await generateToken(t, token), 401, code, `generate-token: ${label}`);
  assertError(await me(t, token), 401, code, `me: ${label}`);
  if (opts.verify !== false) assertError(await verify(t, token), 401, code, `verify: ${label}`);
}

void describe('login token shape', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ JWT_SECRET: SECRET, LOGIN_TOKEN_TTL: '3600' });
  });
  after(() => t.close());

  void it('has header {"alg":"HS256","typ":"JWT","kid":"k1"} and claims matching AUTH', async () => {
    const issuedAt = t.clock.now();
    const { token, auth: json } = await signUp(t);
    const auth = authOf(json);
    assert.deepEqual(decodeProtectedHeader(token), { alg: 'HS256', typ: 'JWT', kid: 'k1' });

    const claims = decodeJwt(token);
    for (const name of ['sub', 'sid', 'cid', 'wid', 'iat', 'nbf', 'exp', 'iss', 'aud']) {
      assert.ok(claims[name] !== undefined, `claim ${name} present`);
    }
    assert.equal(claims.sub, auth.user.id);
    assert.equal(claims.sid, auth.session?.id);
    assert.equal(claims.cid, auth.company.id);
    assert.equal(claims.wid, auth.workspace.id);
    assert.equal(claims.iat, seconds(issuedAt));
    assert.equal(claims.nbf, claims.iat);
    assert.equal(claims.exp! - claims.iat, 3600);
    assert.equal(Date.parse(auth.session!.expires_at), claims.exp! * 1000);
    assert.equal(typeof claims.iss, 'string');
    assert.ok(claims.iss);
    assert.ok(claims.aud);
  });

  void it('is checked by any JWT library holding the secret (jose jwtVerify)', async () => {
    const { token, auth: json } = await signUp(t);
    const auth = authOf(json);
    const claims = decodeJwt(token);
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(SECRET), {
      algorithms: ['HS256'],
      issuer: claims.iss!,
      audience: claims.aud!,
      currentDate: new Date(t.clock.now()),
    });
    assert.equal(protectedHeader.kid, 'k1');
    assert.equal(payload.sub, auth.user.id);
    await assert.rejects(
      jwtVerify(token, new TextEncoder().encode(WRONG_SECRET), {
        currentDate: new Date(t.clock.now()),
      }),
    );
  });

  void it('gives a login (LOGGEDIN) token the same shape', async () => {
    const { email } = await signUp(t);
    const { token, auth: json } = await logIn(t, email);
    const auth = authOf(json);
    assert.deepEqual(decodeProtectedHeader(token), { alg: 'HS256', typ: 'JWT', kid: 'k1' });
    const claims = decodeJwt(token);
    assert.equal(claims.sid, auth.session?.id);
    assert.equal(claims.exp! - claims.iat!, 3600);
  });
});

void describe('forged, tampered and malformed login tokens → 401 INVALID_LOGIN_TOKEN', () => {
  let t: TestApp;
  let real: string;
  let claims: JWTPayload;
  let otherUser: Auth;
  before(async () => {
    t = await createTestApp({ JWT_SECRET: SECRET });
    real = (await signUp(t)).token;
    claims = decodeJwt(real);
    otherUser = authOf((await signUp(t)).auth);
  });
  after(() => t.close());

  const nowS = () => seconds(t.clock.now());
  const secretKey = () => new TextEncoder().encode(SECRET);

  void it('control: a hand-built token with the real claims and the right key is accepted', async () => {
    // Proves the attack tokens below fail for the reason each one names, not the builder.
    const token = hmacJwt(GOOD_HEADER, { ...claims }, SECRET);
    assert.equal((await me(t, token)).status, 200);
    const viaJose = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'k1' })
      .sign(secretKey());
    assert.equal((await me(t, viaJose)).status, 200);
  });

  void it('refuses alg "none" (unsigned, real claims)', async () => {
    const body = `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT', kid: 'k1' }))}.${b64url(JSON.stringify(claims))}`;
    await assertRefusedEverywhere(t, `${body}.`, 'INVALID_LOGIN_TOKEN', 'alg none');
    const noKid = `${b64url(JSON.stringify({ alg: 'none' }))}.${b64url(JSON.stringify(claims))}.`;
    await assertRefusedEverywhere(t, noKid, 'INVALID_LOGIN_TOKEN', 'alg none, no kid');
    // "None" / "NONE" spellings some libraries accepted.
    for (const alg of ['None', 'NONE', 'nOnE']) {
      const token = `${b64url(JSON.stringify({ ...GOOD_HEADER, alg }))}.${b64url(JSON.stringify(claims))}.`;
      await assertRefusedEverywhere(t, token, 'INVALID_LOGIN_TOKEN', `alg ${alg}`);
    }
  });

  void it('refuses HS384 and HS512 signed with the right secret', async () => {
    for (const alg of ['HS384', 'HS512'] as const) {
      const token = await new SignJWT({ ...claims })
        .setProtectedHeader({ alg, typ: 'JWT', kid: 'k1' })
        .sign(secretKey());
      await assertRefusedEverywhere(t, token, 'INVALID_LOGIN_TOKEN', alg);
    }
    const byHand = hmacJwt({ ...GOOD_HEADER, alg: 'HS512' }, { ...claims }, SECRET, 'sha512');
    await assertRefusedEverywhere(t, byHand, 'INVALID_LOGIN_TOKEN', 'HS512 by hand');
  });

  void it('refuses RS256 "signed with the secret as the public key" (key confusion)', async () => {
    for (const alg of ['RS256', 'ES256', 'PS256']) {
      const token = hmacJwt({ ...GOOD_HEADER, alg }, { ...claims }, SECRET);
      await assertRefusedEverywhere(t, token, 'INVALID_LOGIN_TOKEN', alg);
    }
  });

  void it('refuses an HS256 token whose alg is spelled differently', async () => {
    const token = hmacJwt({ ...GOOD_HEADER, alg: 'hs256' }, { ...claims }, SECRET);
    await assertRefusedEverywhere(t, token, 'INVALID_LOGIN_TOKEN', 'alg hs256');
  });

  void it('refuses an unknown kid and a missing kid, even signed with the right secret', async () => {
    const unknown = hmacJwt({ ...GOOD_HEADER, kid: 'k9' }, { ...claims }, SECRET);
    await assertRefusedEverywhere(t, unknown, 'INVALID_LOGIN_TOKEN', 'kid k9');
    const empty = hmacJwt({ ...GOOD_HEADER, kid: '' }, { ...claims }, SECRET);
    await assertRefusedEverywhere(t, empty, 'INVALID_LOGIN_TOKEN', 'kid ""');
    const noKid = hmacJwt({ alg: 'HS256', typ: 'JWT' }, { ...claims }, SECRET);
    await assertRefusedEverywhere(t, noKid, 'INVALID_LOGIN_TOKEN', 'no kid');
    // A kid that names an inherited property of a plain object must not find a key either.
    for (const kid of ['__proto__', 'constructor', 'toString']) {
      const token = hmacJwt({ ...GOOD_HEADER, kid }, { ...claims }, SECRET);
      await assertRefusedEverywhere(t, token, 'INVALID_LOGIN_TOKEN', `kid ${kid}`);
    }
  });

  void it('refuses jku, jwk, x5u, x5c and crit headers on an otherwise valid token', async () => {
    const cases: Record<string, unknown> = {
      jku: 'https://attacker.example/.well-known/jwks.json',
      jwk: { kty: 'oct', k: b64url(SECRET) },
      x5u: 'https://attacker.example/cert.pem',
      x5c: [randomBytes(64).toString('base64')],
      crit: ['exp'],
    };
    for (const [name, value] of Object.entries(cases)) {
      const token = hmacJwt({ ...GOOD_HEADER, [name]: value }, { ...claims }, SECRET);
      await assertRefusedEverywhere(t, token, 'INVALID_LOGIN_TOKEN', `header ${name}`);
    }
    // crit naming an extension that the token also carries.
    const crit = hmacJwt(
      { ...GOOD_HEADER, crit: ['https://attacker.example/ext'], 'https://attacker.example/ext': 1 },
      { ...claims },
      SECRET,
    );
    await assertRefusedEverywhere(t, crit, 'INVALID_LOGIN_TOKEN', 'crit extension');
  });

  void it('refuses a wrong iss and a wrong aud (signed with the right secret)', async () => {
    const badIss = hmacJwt(GOOD_HEADER, { ...claims, iss: 'https://evil.example' }, SECRET);
    await assertRefusedEverywhere(t, badIss, 'INVALID_LOGIN_TOKEN', 'wrong iss');
    const badAud = hmacJwt(GOOD_HEADER, { ...claims, aud: 'some-other-service' }, SECRET);
    await assertRefusedEverywhere(t, badAud, 'INVALID_LOGIN_TOKEN', 'wrong aud');
    const { iss: _iss, ...noIss } = claims;
    await assertRefusedEverywhere(
      t,
      hmacJwt(GOOD_HEADER, noIss, SECRET),
      'INVALID_LOGIN_TOKEN',
      'no iss',
    );
    const { aud: _aud, ...noAud } = claims;
    await assertRefusedEverywhere(
      t,
      hmacJwt(GOOD_HEADER, noAud, SECRET),
      'INVALID_LOGIN_TOKEN',
      'no aud',
    );
  });

  void it('refuses nbf one hour in the future', async () => {
    const now = nowS();
    const token = hmacJwt(GOOD_HEADER, { ...claims, iat: now, nbf: now + 3600 }, SECRET);
    await assertRefusedEverywhere(t, token, 'INVALID_LOGIN_TOKEN', 'future nbf');
  });

  void it('refuses a tampered payload with the original signature', async () => {
    const [header, , signature] = real.split('.');
    const tampered = `${header}.${b64url(JSON.stringify({ ...claims, sub: otherUser.user.id }))}.${signature}`;
    await assertRefusedEverywhere(t, tampered, 'INVALID_LOGIN_TOKEN', 'tampered sub');
    const longer = `${header}.${b64url(JSON.stringify({ ...claims, exp: claims.exp! + 86400 * 365 }))}.${signature}`;
    await assertRefusedEverywhere(t, longer, 'INVALID_LOGIN_TOKEN', 'tampered exp');
    const stripped = real.split('.').slice(0, 2).join('.') + '.';
    await assertRefusedEverywhere(t, stripped, 'INVALID_LOGIN_TOKEN', 'signature stripped');
    // The signature's first character carries 6 whole bits (its last one has padding bits).
    const at = real.lastIndexOf('.') + 1;
    const flipped = real.slice(0, at) + (real[at] === 'A' ? 'B' : 'A') + real.slice(at + 1);
    await assertRefusedEverywhere(t, flipped, 'INVALID_LOGIN_TOKEN', 'signature altered');
  });

  void it('refuses a signature made with a wrong secret', async () => {
    const token = hmacJwt(GOOD_HEADER, { ...claims }, WRONG_SECRET);
    await assertRefusedEverywhere(t, token, 'INVALID_LOGIN_TOKEN', 'wrong secret');
    const viaJose = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: 'k1' })
      .sign(new TextEncoder().encode(WRONG_SECRET));
    await assertRefusedEverywhere(t, viaJose, 'INVALID_LOGIN_TOKEN', 'wrong secret (jose)');
  });

  void it('refuses garbage strings', async () => {
    const garbage = [
      'abc',
      'a.b.c',
      'a.b',
      '...',
      randomBytes(75).toString('base64url'), // 100 random characters
      `${b64url('{"alg":"HS256","kid":"k1"}')}.${b64url('not json')}.${b64url('sig')}`,
      `${b64url('not json')}.${b64url(JSON.stringify(claims))}.${b64url('sig')}`,
    ];
    for (const token of garbage) {
      assert.equal(token.length > 0, true);
      // verify takes either kind of token; these are checked where a login token is required.
      await assertRefusedEverywhere(t, token, 'INVALID_LOGIN_TOKEN', `garbage ${token}`, {
        verify: false,
      });
      assertError(await logout(t, token), 401, 'INVALID_LOGIN_TOKEN', `logout: ${token}`);
    }
    assert.equal(garbage[4]!.length, 100);
  });

  void it('answers a forged token with a past exp INVALID_LOGIN_TOKEN, never SESSIONEXPIRED', async () => {
    const now = nowS();
    const past = { ...claims, iat: now - 7200, nbf: now - 7200, exp: now - 3600 };
    const forged = [
      ['wrong secret', hmacJwt(GOOD_HEADER, past, WRONG_SECRET)],
      [
        'alg none',
        `${b64url(JSON.stringify({ ...GOOD_HEADER, alg: 'none' }))}.${b64url(JSON.stringify(past))}.`,
      ],
      ['HS512', hmacJwt({ ...GOOD_HEADER, alg: 'HS512' }, past, SECRET, 'sha512')],
      ['RS256 confusion', hmacJwt({ ...GOOD_HEADER, alg: 'RS256' }, past, SECRET)],
      ['unknown kid', hmacJwt({ ...GOOD_HEADER, kid: 'k9' }, past, SECRET)],
      ['jku header', hmacJwt({ ...GOOD_HEADER, jku: 'https://attacker.example/j' }, past, SECRET)],
      ['wrong iss', hmacJwt(GOOD_HEADER, { ...past, iss: 'evil' }, SECRET)],
    ] as const;
    for (const [label, token] of forged) {
      await assertRefusedEverywhere(t, token, 'INVALID_LOGIN_TOKEN', `expired + ${label}`);
    }
    // The genuine version of the same expired claims is SESSIONEXPIRED: the difference is the
    // signature alone.
    const genuine = hmacJwt(GOOD_HEADER, past, SECRET);
    await assertRefusedEverywhere(t, genuine, 'SESSIONEXPIRED', 'genuine, expired');
  });

  void it('refuses correctly signed tokens naming no real session, or a session not theirs', async () => {
    const ghost = hmacJwt(GOOD_HEADER, { ...claims, sid: randomUUID() }, SECRET);
    await assertRefusedEverywhere(t, ghost, 'INVALID_LOGIN_TOKEN', 'unknown sid');
    const otherSub = hmacJwt(GOOD_HEADER, { ...claims, sub: otherUser.user.id }, SECRET);
    await assertRefusedEverywhere(t, otherSub, 'INVALID_LOGIN_TOKEN', 'sid of another user');
    const otherCid = hmacJwt(GOOD_HEADER, { ...claims, cid: otherUser.company.id }, SECRET);
    await assertRefusedEverywhere(t, otherCid, 'INVALID_LOGIN_TOKEN', 'other company');
    const otherWid = hmacJwt(GOOD_HEADER, { ...claims, wid: otherUser.workspace.id }, SECRET);
    await assertRefusedEverywhere(t, otherWid, 'INVALID_LOGIN_TOKEN', 'other workspace');
    const { sid: _sid, ...noSid } = claims;
    await assertRefusedEverywhere(
      t,
      hmacJwt(GOOD_HEADER, noSid, SECRET),
      'INVALID_LOGIN_TOKEN',
      'no sid',
    );
    const numericSid = hmacJwt(GOOD_HEADER, { ...claims, sid: 1 }, SECRET);
    await assertRefusedEverywhere(t, numericSid, 'INVALID_LOGIN_TOKEN', 'numeric sid');
  });

  void it('refuses correctly signed tokens without exp, nbf or iat, or with a non-numeric exp', async () => {
    // A token without exp would otherwise outlive its session row's own checks in any other
    // service that verifies it with the shared secret.
    for (const claim of ['exp', 'nbf', 'iat'] as const) {
      const { [claim]: _dropped, ...rest } = claims;
      const token = hmacJwt(GOOD_HEADER, rest, SECRET);
      await assertRefusedEverywhere(t, token, 'INVALID_LOGIN_TOKEN', `no ${claim}`);
    }
    for (const exp of [String(claims.exp), null, [claims.exp], { n: claims.exp }]) {
      const token = hmacJwt(GOOD_HEADER, { ...claims, exp }, SECRET);
      await assertRefusedEverywhere(t, token, 'INVALID_LOGIN_TOKEN', `exp ${JSON.stringify(exp)}`);
    }
  });

  void it('refuses other JOSE forms: five-part (JWE) and JSON-serialized tokens', async () => {
    const [header, payload, signature] = real.split('.');
    const jweLike = [
      b64url('{"alg":"dir","enc":"A256GCM","kid":"k1"}'),
      '',
      b64url('iv'),
      payload,
      b64url('tag'),
    ];
    await assertRefusedEverywhere(t, jweLike.join('.'), 'INVALID_LOGIN_TOKEN', 'JWE shape', {
      verify: false,
    });
    const json = JSON.stringify({ protected: header, payload, signature });
    await assertRefusedEverywhere(t, json, 'INVALID_LOGIN_TOKEN', 'JSON serialization', {
      verify: false,
    });
    const padded = `${header}=.${payload}.${signature}`;
    await assertRefusedEverywhere(t, padded, 'INVALID_LOGIN_TOKEN', 'padded base64url', {
      verify: false,
    });
  });

  void it('still serves the real token after all the attacks', async () => {
    const answer = await me(t, real);
    assert.equal(answer.status, 200);
    assert.equal(authOf(answer.body.auth as Json).user.id, claims.sub);
  });
});

void describe('absolute lifetime (LOGIN_TOKEN_TTL)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ JWT_SECRET: SECRET, LOGIN_TOKEN_TTL: '60', SESSION_IDLE_TTL: '0' });
  });
  after(() => t.close());

  void it('works at +59 s and is SESSIONEXPIRED at +61 s', async () => {
    const { token } = await signUp(t);
    t.clock.advance(59_000);
    assert.equal((await me(t, token)).status, 200);
    assert.equal((await verify(t, token)).status, 200);
    t.clock.advance(2_000);
    await assertRefusedEverywhere(t, token, 'SESSIONEXPIRED', 'at +61 s');
    assertError(await logout(t, token), 401, 'SESSIONEXPIRED', 'logout at +61 s');
  });

  void it('answers a tampered copy of an expired token INVALID_LOGIN_TOKEN', async () => {
    const { token } = await signUp(t);
    const other = authOf((await signUp(t)).auth);
    t.clock.advance(61_000);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as JWTPayload;
    const tampered = `${header}.${b64url(JSON.stringify({ ...claims, sub: other.user.id }))}.${signature}`;
    await assertRefusedEverywhere(t, tampered, 'INVALID_LOGIN_TOKEN', 'tampered expired');
    await assertRefusedEverywhere(t, token, 'SESSIONEXPIRED', 'the genuine one');
  });
});

void describe('idle timeout (SESSION_IDLE_TTL)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      JWT_SECRET: SECRET,
      LOGIN_TOKEN_TTL: '86400',
      SESSION_IDLE_TTL: '120',
    });
  });
  after(() => t.close());

  void it('ends a session with no request for 121 s', async () => {
    const { token } = await signUp(t);
    t.clock.advance(121_000);
    await assertRefusedEverywhere(t, token, 'SESSIONEXPIRED', 'idle 121 s');
  });

  void it('keeps a session idle for 119 s', async () => {
    const { token } = await signUp(t);
    t.clock.advance(119_000);
    assert.equal((await me(t, token)).status, 200);
  });

  void it('keeps a session used every 90 s alive past 240 s, then ends it after 121 s idle', async () => {
    const { token } = await signUp(t);
    for (let elapsed = 90; elapsed <= 360; elapsed += 90) {
      t.clock.advance(90_000);
      assert.equal((await me(t, token)).status, 200, `request at +${elapsed} s`);
    }
    t.clock.advance(121_000);
    assertError(await me(t, token), 401, 'SESSIONEXPIRED', 'idle again');
  });

  void it('counts activity from generate-token and verify too', async () => {
    const { token } = await signUp(t);
    t.clock.advance(90_000);
    assert.equal((await generateToken(t, token)).status, 200);
    t.clock.advance(90_000);
    assert.equal((await verify(t, token)).status, 200);
    t.clock.advance(90_000);
    assert.equal((await me(t, token)).status, 200);
  });
});

void describe('idle timeout off (SESSION_IDLE_TTL=0)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({
      JWT_SECRET: SECRET,
      LOGIN_TOKEN_TTL: String(30 * 86400),
      SESSION_IDLE_TTL: '0',
    });
  });
  after(() => t.close());

  void it('keeps an untouched session for days, until its absolute lifetime', async () => {
    const { token } = await signUp(t);
    t.clock.advance(10 * DAY_MS);
    assert.equal((await me(t, token)).status, 200);
    t.clock.advance(20 * DAY_MS + 1_000);
    assertError(await me(t, token), 401, 'SESSIONEXPIRED', 'past exp');
  });
});

void describe('default idle timeout (7200 s)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ JWT_SECRET: SECRET });
  });
  after(() => t.close());

  void it('keeps a session idle 7199 s and ends one idle 7201 s', async () => {
    const first = await signUp(t);
    const second = await signUp(t);
    t.clock.advance(7_199_000);
    assert.equal((await me(t, first.token)).status, 200);
    t.clock.advance(2_000);
    assertError(await me(t, second.token), 401, 'SESSIONEXPIRED');
  });
});

void describe('logout', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ JWT_SECRET: SECRET });
  });
  after(() => t.close());

  /** A user with three live sessions: sign-up, then two logins. */
  async function threeSessions(): Promise<{ email: string; tokens: [string, string, string] }> {
    const { email, token: a } = await signUp(t);
    const { token: b } = await logIn(t, email);
    const { token: c } = await logIn(t, email);
    for (const token of [a, b, c]) assert.equal((await me(t, token)).status, 200);
    return { email, tokens: [a, b, c] };
  }

  void it('ends this session: 200 LOGGEDOUT, then INVALID_LOGIN_TOKEN on the very next request', async () => {
    const { token } = await signUp(t);
    const out = await logout(t, token);
    assert.equal(out.status, 200);
    assert.equal(out.body.message, 'LOGGEDOUT');
    await assertRefusedEverywhere(t, token, 'INVALID_LOGIN_TOKEN', 'after logout');
    assertError(await logout(t, token), 401, 'INVALID_LOGIN_TOKEN', 'second logout');
  });

  void it('defaults to scope "this" with no body, and with an explicit "this"', async () => {
    const { tokens } = await threeSessions();
    const [a, b, c] = tokens;
    const bare = await t.app.inject({ method: 'POST', url: ROUTES.logout, headers: { token: a } });
    assert.equal(bare.statusCode, 200);
    assert.equal(bare.json<Json>().message, 'LOGGEDOUT');
    assertError(await me(t, a), 401, 'INVALID_LOGIN_TOKEN');
    assert.equal((await logout(t, b, { scope: 'this' })).status, 200);
    assertError(await me(t, b), 401, 'INVALID_LOGIN_TOKEN');
    assert.equal((await me(t, c)).status, 200);
  });

  void it('scope "others" ends the other two sessions and keeps the caller\'s', async () => {
    const { tokens } = await threeSessions();
    const [a, b, c] = tokens;
    const bystander = await signUp(t);
    const out = await logout(t, b, { scope: 'others' });
    assert.equal(out.status, 200);
    assert.equal(out.body.message, 'LOGGEDOUT');
    assertError(await me(t, a), 401, 'INVALID_LOGIN_TOKEN', 'first session');
    assertError(await me(t, c), 401, 'INVALID_LOGIN_TOKEN', 'third session');
    assert.equal((await me(t, b)).status, 200);
    assert.equal((await me(t, bystander.token)).status, 200, 'another user is untouched');
  });

  void it('scope "all" ends every session of the caller', async () => {
    const { tokens } = await threeSessions();
    const bystander = await signUp(t);
    const out = await logout(t, tokens[2], { scope: 'all' });
    assert.equal(out.status, 200);
    assert.equal(out.body.message, 'LOGGEDOUT');
    for (const [i, token] of tokens.entries()) {
      await assertRefusedEverywhere(t, token, 'INVALID_LOGIN_TOKEN', `session ${i + 1}`);
    }
    assert.equal((await me(t, bystander.token)).status, 200, 'another user is untouched');
  });

  void it('refuses an invalid scope with 400 VALIDATION_FAILED and ends nothing', async () => {
    const { token } = await signUp(t);
    for (const scope of ['everything', 'ALL', '', 1, null, ['all']]) {
      assertError(
        await logout(t, token, { scope }),
        400,
        'VALIDATION_FAILED',
        `scope ${JSON.stringify(scope)}`,
      );
    }
    assert.equal((await me(t, token)).status, 200);
  });

  void it('answers 400 LOGIN_TOKEN_REQUIRED without a token', async () => {
    assertError(await post(t, ROUTES.logout, {}), 400, 'LOGIN_TOKEN_REQUIRED');
    assertError(await post(t, ROUTES.logout), 400, 'LOGIN_TOKEN_REQUIRED');
    assertError(await post(t, ROUTES.logout, {}, { token: '  ' }), 400, 'LOGIN_TOKEN_REQUIRED');
  });

  void it('refuses an API token with 401 INVALID_LOGIN_TOKEN and ends nothing', async () => {
    const { token } = await signUp(t);
    const apiToken = (await generateToken(t, token)).body.token as string;
    assertError(await logout(t, apiToken), 401, 'INVALID_LOGIN_TOKEN');
    assertError(await logout(t, apiToken, { scope: 'all' }), 401, 'INVALID_LOGIN_TOKEN');
    assert.equal((await me(t, token)).status, 200);
    assert.equal((await verify(t, apiToken)).status, 200);
  });
});

void describe('API tokens', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ JWT_SECRET: SECRET });
  });
  after(() => t.close());

  void it('refuses an API token on generate-token with 401 INVALID_LOGIN_TOKEN', async () => {
    const { token } = await signUp(t);
    const apiToken = (await generateToken(t, token)).body.token as string;
    assertError(await generateToken(t, apiToken), 401, 'INVALID_LOGIN_TOKEN');
    assertError(
      await generateToken(t, apiToken, { name: 'x', expires_in_days: 1 }),
      401,
      'INVALID_LOGIN_TOKEN',
    );
  });

  void it('verify: no header → 400 TOKEN_REQUIRED', async () => {
    assertError(await post(t, ROUTES.verify, {}), 400, 'TOKEN_REQUIRED');
    assertError(await post(t, ROUTES.verify), 400, 'TOKEN_REQUIRED');
    assertError(await post(t, ROUTES.verify, {}, { token: '' }), 400, 'TOKEN_REQUIRED');
  });

  void it('verify: an unknown 64-hex token → 401 INVALID_TOKEN', async () => {
    assertError(await verify(t, randomBytes(32).toString('hex')), 401, 'INVALID_TOKEN');
  });

  void it('verify: an uppercase copy of a valid token → 401 INVALID_TOKEN', async () => {
    const { token } = await signUp(t);
    const apiToken = (await generateToken(t, token)).body.token as string;
    assert.equal((await verify(t, apiToken)).status, 200);
    const upper = apiToken.toUpperCase();
    assert.notEqual(upper, apiToken);
    assertError(await verify(t, upper), 401, 'INVALID_TOKEN');
  });

  void it('verify: a logged-out login token → 401 INVALID_LOGIN_TOKEN', async () => {
    const { token } = await signUp(t);
    assert.equal((await logout(t, token)).status, 200);
    assertError(await verify(t, token), 401, 'INVALID_LOGIN_TOKEN');
  });

  void it('each call makes a new token and earlier ones stay valid', async () => {
    const { token, auth: json } = await signUp(t);
    const auth = authOf(json);
    const made: { id: string; token: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await generateToken(t, token, { name: `key-${i}` });
      assert.equal(r.status, 200);
      assert.equal(r.body.message, 'API token generated successfully');
      assert.match(r.body.token as string, /^[0-9a-f]{64}$/);
      assert.equal(r.body.name, `key-${i}`);
      made.push({ id: r.body.id as string, token: r.body.token as string });
    }
    assert.equal(new Set(made.map((m) => m.token)).size, 3);
    assert.equal(new Set(made.map((m) => m.id)).size, 3);
    for (const m of made) {
      const r = await verify(t, m.token);
      assert.equal(r.status, 200);
      const data = r.body.data as Json;
      assert.equal(data.token_type, 'api');
      assert.equal(data.token_id, m.id);
      assert.equal((data.user as { id: string }).id, auth.user.id);
    }
  });

  void it('stores only sha256(token), never the token', async () => {
    const { token } = await signUp(t);
    const r = await generateToken(t, token, { name: 'stored' });
    const apiToken = r.body.token as string;
    const rows = await t.store.db.selectFrom('api_tokens').selectAll().execute();
    const row = rows.find((x) => x.id === r.body.id);
    assert.ok(row, 'a row for the new token');
    assert.equal(row.token_hash, sha256Hex(apiToken));
    for (const value of Object.values(row)) {
      assert.notEqual(value, apiToken);
    }
    const everything = JSON.stringify(rows);
    assert.ok(!everything.includes(apiToken), 'no row holds the token');
    assert.ok(!everything.includes(apiToken.slice(0, 32)), 'no row holds half of it');
    assert.ok(!everything.includes(apiToken.toUpperCase()), 'nor an uppercase copy');
  });

  void it('refuses expires_in_days 0, 3651, "5", 1.5 and -1 with 400 VALIDATION_FAILED', async () => {
    const { token } = await signUp(t);
    for (const days of [0, 3651, '5', 1.5, -1, null]) {
      assertError(
        await generateToken(t, token, { expires_in_days: days }),
        400,
        'VALIDATION_FAILED',
        `expires_in_days ${JSON.stringify(days)}`,
      );
    }
    for (const days of [1, 3650]) {
      const r = await generateToken(t, token, { expires_in_days: days });
      assert.equal(r.status, 200, `expires_in_days ${days}`);
    }
  });

  void it('expires_in_days=1: expires_at a day ahead, valid until then, INVALID_TOKEN after', async () => {
    const { token } = await signUp(t);
    const r = await generateToken(t, token, { expires_in_days: 1 });
    assert.equal(r.status, 200);
    const expiresAt = Date.parse(r.body.expires_at as string);
    assert.ok(Math.abs(expiresAt - (t.clock.now() + DAY_MS)) <= 1_000, 'about one day ahead');
    const forever = (await generateToken(t, token)).body.token as string;
    const apiToken = r.body.token as string;
    assert.equal((await verify(t, apiToken)).status, 200);
    t.clock.advance(DAY_MS - 60_000);
    assert.equal((await verify(t, apiToken)).status, 200, 'a minute before expiry');
    t.clock.advance(60_000 + 1_000);
    assertError(await verify(t, apiToken), 401, 'INVALID_TOKEN', 'a second after expiry');
    assertError(await me(t, apiToken), 401, 'INVALID_TOKEN', '/me a second after expiry');
    assert.equal((await verify(t, forever)).status, 200, 'a token without expiry lives on');
  });
});

void describe('verify with an expired login token', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ JWT_SECRET: SECRET, LOGIN_TOKEN_TTL: '60' });
  });
  after(() => t.close());

  void it('answers 401 SESSIONEXPIRED', async () => {
    const { token } = await signUp(t);
    assert.equal((await verify(t, token)).status, 200);
    t.clock.advance(61_000);
    assertError(await verify(t, token), 401, 'SESSIONEXPIRED');
  });
});

void describe('keyring rotation (JWT_SECRETS)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ JWT_SECRETS: `k2:${NEW_SECRET},k1:${OLD_SECRET}` });
  });
  after(() => t.close());

  /** The claims of a real session, re-dated to now, signed by us with `kid` and `secret`. */
  async function resigned(token: string, kid: string, secret: string): Promise<string> {
    const { sub, sid, cid, wid, iss, aud } = decodeJwt(token);
    const iat = seconds(t.clock.now());
    return new SignJWT({ sid, cid, wid })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid })
      .setSubject(sub!)
      .setIssuer(iss!)
      .setAudience(aud!)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(iat + 3600)
      .sign(new TextEncoder().encode(secret));
  }

  void it('signs new tokens with the first key (kid k2)', async () => {
    const { token } = await signUp(t);
    assert.deepEqual(decodeProtectedHeader(token), { alg: 'HS256', typ: 'JWT', kid: 'k2' });
    const options = { currentDate: new Date(t.clock.now()), algorithms: ['HS256'] };
    await jwtVerify(token, new TextEncoder().encode(NEW_SECRET), options);
    await assert.rejects(jwtVerify(token, new TextEncoder().encode(OLD_SECRET), options));
  });

  void it('accepts a token signed with the old key under kid k1 while its session exists', async () => {
    const { token, auth: json } = await signUp(t);
    const auth = authOf(json);
    const old = await resigned(token, 'k1', OLD_SECRET);
    const answer = await me(t, old);
    assert.equal(answer.status, 200);
    const seen = authOf(answer.body.auth as Json);
    assert.equal(seen.user.id, auth.user.id);
    assert.equal(seen.session?.id, auth.session?.id);
    assert.equal((await generateToken(t, old)).status, 200);

    // The old key only opens sessions that are still live.
    assert.equal((await logout(t, token)).status, 200);
    assertError(await me(t, old), 401, 'INVALID_LOGIN_TOKEN', 'after logout');
  });

  void it("refuses the same claims under an unknown kid or a key that is not the kid's", async () => {
    const { token } = await signUp(t);
    const cases = [
      ['kid k3, old secret', await resigned(token, 'k3', OLD_SECRET)],
      ['kid k3, new secret', await resigned(token, 'k3', NEW_SECRET)],
      ['kid k1, new secret', await resigned(token, 'k1', NEW_SECRET)],
      ['kid k2, old secret', await resigned(token, 'k2', OLD_SECRET)],
    ] as const;
    for (const [label, forged] of cases) {
      await assertRefusedEverywhere(t, forged, 'INVALID_LOGIN_TOKEN', label);
    }
    assert.equal((await me(t, await resigned(token, 'k2', NEW_SECRET))).status, 200, 'control');
  });
});

void describe('rotation across a restart: JWT_SECRET=old, then JWT_SECRETS="k2:new,k1:old"', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-rotation-'));
  let store: Record<string, string>;
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
    store = { DATA_DIR: dataDir, ...(database.url ? { DATABASE_URL: database.url } : {}) };
  });
  after(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
  });

  void it('keeps tokens of the old key working while their sessions exist', async () => {
    const before = await createTestApp({ JWT_SECRET: OLD_SECRET, ...store });
    const kept = await signUp(before);
    const ended = await signUp(before);
    assert.equal(decodeProtectedHeader(kept.token).kid, 'k1');
    assert.equal((await logout(before, ended.token)).status, 200);
    await before.close();

    const rotated = await createTestApp({
      JWT_SECRETS: `k2:${NEW_SECRET},k1:${OLD_SECRET}`,
      ...store,
    });
    try {
      const answer = await me(rotated, kept.token);
      assert.equal(answer.status, 200);
      assert.equal(authOf(answer.body.auth as Json).user.id, authOf(kept.auth).user.id);
      assertError(await me(rotated, ended.token), 401, 'INVALID_LOGIN_TOKEN', 'logged out');
      const fresh = await logIn(rotated, kept.email);
      assert.equal(decodeProtectedHeader(fresh.token).kid, 'k2');
      assert.equal((await me(rotated, fresh.token)).status, 200);
    } finally {
      await rotated.close();
    }

    // Once k1 leaves the keyring, its tokens stop working.
    const retired = await createTestApp({ JWT_SECRETS: `k2:${NEW_SECRET}`, ...store });
    try {
      assertError(await me(retired, kept.token), 401, 'INVALID_LOGIN_TOKEN', 'k1 retired');
    } finally {
      await retired.close();
    }
  });
});

void describe('a single JWT_SECRET signs as kid k1 and only k1 is known', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ JWT_SECRETS: `k1:${OLD_SECRET}` });
  });
  after(() => t.close());

  void it('uses kid k1 and refuses the would-be next key', async () => {
    const { token } = await signUp(t);
    assert.equal(decodeProtectedHeader(token).kid, 'k1');
    const claims = decodeJwt(token);
    const k2 = hmacJwt({ ...GOOD_HEADER, kid: 'k2' }, { ...claims }, OLD_SECRET);
    await assertRefusedEverywhere(t, k2, 'INVALID_LOGIN_TOKEN', 'kid k2');
    assert.equal((await me(t, hmacJwt(GOOD_HEADER, { ...claims }, OLD_SECRET))).status, 200);
  });
});
