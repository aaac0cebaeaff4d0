// A credential sent where keyward doesn't look for it: the answer stays TOKEN_REQUIRED or
// LOGIN_TOKEN_REQUIRED, and its `details` name the header that was used and the one to use.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { errorOf, generateToken, get, post, signUp, type Answer } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let apiToken: string;
before(async () => {
  t = await createTestApp();
  const { token } = await signUp(t);
  apiToken = (await generateToken(t, token)).body.token as string;
});
after(() => t.close());

function assertHint(answer: Answer, code: string, header: string): void {
  assert.deepEqual(errorOf(answer), { status: 400, error: true, message: code });
  assert.deepEqual(answer.body.details, [
    {
      header,
      hint: 'keyward reads the token from the `token` header (or `api_access_token`) only',
    },
  ]);
}

void describe('a credential in the wrong header', () => {
  for (const [header, value] of [
    ['authorization', () => `Bearer ${apiToken}`],
    ['api-access-token', () => apiToken],
    ['x-api-key', () => apiToken],
    ['tokne', () => apiToken],
  ] as const) {
    void it(`verify with \`${header}\`: TOKEN_REQUIRED naming it`, async () => {
      const answer = await post(t, ROUTES.verify, {}, { [header]: value() });
      if (header === 'tokne') {
        // Not recognisably a credential header: the bare answer.
        assert.deepEqual(errorOf(answer), { status: 400, error: true, message: 'TOKEN_REQUIRED' });
        assert.equal(answer.body.details, undefined);
      } else assertHint(answer, 'TOKEN_REQUIRED', header);
    });
  }

  void it('routes that take a login token answer LOGIN_TOKEN_REQUIRED with the hint', async () => {
    assertHint(
      await get(t, ROUTES.me, { authorization: 'Bearer x' }),
      'LOGIN_TOKEN_REQUIRED',
      'authorization',
    );
    assertHint(
      await post(t, ROUTES.generateToken, {}, { 'x-access-token': 'x' }),
      'LOGIN_TOKEN_REQUIRED',
      'x-access-token',
    );
  });

  void it('no hint when nothing was sent, or when the right header was sent empty', async () => {
    const cases: Record<string, string>[] = [{}, { token: '' }, { api_access_token: ' ' }];
    for (const headers of cases) {
      const answer = await post(t, ROUTES.verify, {}, headers);
      assert.deepEqual(errorOf(answer), { status: 400, error: true, message: 'TOKEN_REQUIRED' });
      assert.equal(answer.body.details, undefined, JSON.stringify(headers));
    }
  });

  void it('a right header wins over a wrong one: no hint, the token is checked', async () => {
    const answer = await post(
      t,
      ROUTES.verify,
      {},
      { token: apiToken, authorization: 'Bearer nonsense' },
    );
    assert.equal(answer.status, 200);
  });
});
