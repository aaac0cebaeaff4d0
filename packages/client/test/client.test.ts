// KeywardClient against a real keyward process: every method, the token it keeps, and the
// KeywardError a refusal becomes.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startKeyward, type KeywardProcess } from '../../../test/helpers/keyward-process.js';
import { uniqueEmail } from '../../../test/helpers/client.js';
import { KeywardClient, KeywardError } from '../src/index.js';

let keyward: KeywardProcess;
before(async () => {
  keyward = await startKeyward();
});
after(async () => {
  await keyward?.close();
});

const newClient = () => new KeywardClient({ baseUrl: `${keyward.base}/` });

/** Signs up through both steps, the code read from the mail; the client keeps the login token. */
async function signedUp(company = 'Acme') {
  const client = newClient();
  const email = uniqueEmail('client');
  const person = { username: email, name: 'Ada Lovelace', company_name: company };
  assert.deepEqual(await client.signupStart(person), { message: 'OTP_SENT' });
  const otp = await keyward.smtp.codeFor(email);
  const answer = await client.signupComplete({ ...person, otp });
  return { client, email, answer };
}

async function loggedIn(email: string): Promise<KeywardClient> {
  const client = newClient();
  const before = keyward.smtp.mailTo(email).length;
  await client.loginStart(email);
  await client.loginComplete(email, await keyward.smtp.codeFor(email, before + 1));
  return client;
}

/** The KeywardError a promise rejects with. */
async function refusal(promise: Promise<unknown>): Promise<KeywardError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof KeywardError, `not a KeywardError: ${String(err)}`);
    return err;
  }
  assert.fail('expected a refusal');
}

describe('KeywardClient against a real server', () => {
  it('signs up, keeps the login token, mints, lists, verifies and revokes an API token', async () => {
    const { client, email, answer } = await signedUp();
    assert.equal(answer.message, 'SIGNEDUP');
    assert.equal(client.token, answer.token);
    assert.equal(answer.auth.user.email, email);
    assert.equal(answer.auth.role, 'owner');

    const me = await client.me();
    assert.equal(me.auth.user?.id, answer.auth.user.id);

    const minted = await client.generateToken({ name: 'ci-deploy', expires_in_days: 30 });
    assert.match(minted.token, /^[0-9a-f]{64}$/);
    assert.equal(minted.name, 'ci-deploy');
    assert.ok(minted.expires_at);

    const verified = await client.verify(minted.token);
    assert.equal(verified.data.token_type, 'api');
    assert.equal(verified.data.token_id, minted.id);
    assert.equal((await client.verify()).data.token_type, 'login');

    const listed = await client.listTokens();
    assert.deepEqual(
      listed.tokens.map((t) => [t.id, t.name, t.hint]),
      [[minted.id, 'ci-deploy', minted.token.slice(-4)]],
    );
    assert.equal((await client.listTokens({ all: true })).tokens.length, 1);

    assert.deepEqual(await client.revokeToken(minted.id), { message: 'API token revoked' });
    const refused = await refusal(client.verify(minted.token));
    assert.equal(refused.code, 'INVALID_TOKEN');
    assert.equal(refused.status, 401);
    assert.match(refused.requestId ?? '', /.+/);

    const again = await refusal(client.revokeToken(minted.id));
    assert.equal(again.code, 'TOKEN_NOT_FOUND');
    assert.equal(again.status, 404);
  });

  it('updates a token (scopes then verify asks for one it lacks) and rotates it with a grace', async () => {
    const { client } = await signedUp();
    const minted = await client.generateToken({ name: 'agents', scopes: ['agents:read'] });
    const updated = await client.updateToken(minted.id, {
      name: 'agents-ro',
      scopes: ['agents:read', 'agents:list'],
      rate_limit: '100/1m',
    });
    assert.equal(updated.message, 'API token updated');
    assert.deepEqual(
      [updated.token.name, updated.token.scopes, updated.token.rate_limit],
      ['agents-ro', ['agents:read', 'agents:list'], '100/1m'],
    );
    const lacking = await refusal(client.verify(minted.token, { scopes: ['agents:write'] }));
    assert.equal(lacking.code, 'INSUFFICIENT_SCOPE');
    assert.equal(lacking.status, 403);

    const rotated = await client.rotateToken(minted.id, { grace_seconds: 600 });
    assert.equal(rotated.message, 'API token rotated');
    assert.match(rotated.token, /^[0-9a-f]{64}$/);
    assert.equal(rotated.previous.id, minted.id);
    assert.ok(rotated.previous.expires_at !== null);
    assert.equal((await client.verify(rotated.token)).data.token_id, rotated.id);
    assert.equal((await client.verify(minted.token)).data.token_id, minted.id);

    const again = await client.rotateToken(rotated.id, { grace_seconds: 0 });
    assert.equal((await refusal(client.verify(rotated.token))).code, 'INVALID_TOKEN');
    assert.equal((await client.verify(again.token)).data.token_id, again.id);
    assert.equal(again.name, 'agents-ro');
  });

  it('turns refusals into KeywardError: code, status, request id, Retry-After, details', async () => {
    const email = uniqueEmail('refusals');
    const client = newClient();
    await client.loginStart(email);
    const cooldown = await refusal(client.loginStart(email));
    assert.equal(cooldown.code, 'TOO_MANY_REQUESTS');
    assert.equal(cooldown.status, 429);
    assert.ok(cooldown.retryAfter !== undefined && cooldown.retryAfter > 0, 'Retry-After read');

    const wrong = await refusal(client.loginComplete(email, '000000'));
    assert.ok(['INVALID_OTP', 'OTP_EXPIRED'].includes(wrong.code), wrong.code);
    assert.equal(wrong.status, 401);
    assert.equal(client.token, undefined);

    const noToken = await refusal(client.verify());
    assert.deepEqual([noToken.code, noToken.status], ['TOKEN_REQUIRED', 400]);
    const noLogin = await refusal(client.me());
    assert.deepEqual([noLogin.code, noLogin.status], ['LOGIN_TOKEN_REQUIRED', 400]);

    const { client: owner } = await signedUp();
    const invalid = await refusal(owner.generateToken({ expires_in_days: 0 }));
    assert.deepEqual([invalid.code, invalid.status], ['VALIDATION_FAILED', 400]);
    assert.ok(Array.isArray(invalid.details) && invalid.details.length > 0, 'details kept');
    assert.match(invalid.message, /^VALIDATION_FAILED \(request .+\)$/);

    const apiToken = (await owner.generateToken()).token;
    const cannotMint = await refusal(owner.withToken(apiToken).generateToken());
    assert.deepEqual([cannotMint.code, cannotMint.status], ['INVALID_LOGIN_TOKEN', 401]);
  });

  it('a failure to get any answer is NETWORK_ERROR (status 0); a foreign answer UNEXPECTED_RESPONSE', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const offline = await refusal(
      new KeywardClient({ baseUrl: `http://127.0.0.1:${closedPort}` }).me(),
    );
    assert.deepEqual([offline.code, offline.status], ['NETWORK_ERROR', 0]);
    assert.ok(offline.cause instanceof Error);

    const proxy = new KeywardClient({
      baseUrl: 'http://keyward.invalid',
      fetch: () =>
        Promise.resolve(
          new Response('<h1>Bad gateway</h1>', {
            status: 502,
            headers: { 'content-type': 'text/html', 'retry-after': '7' },
          }),
        ),
    });
    const foreign = await refusal(proxy.me());
    assert.deepEqual(
      [foreign.code, foreign.status, foreign.retryAfter],
      ['UNEXPECTED_RESPONSE', 502, 7],
    );
  });

  it('workspaces: create, list, switch (the client keeps the new token; the old one ends)', async () => {
    const { client, answer } = await signedUp();
    const created = await client.createWorkspace('Staging');
    assert.equal(created.workspace.name, 'Staging');
    const listed = await client.listWorkspaces();
    assert.deepEqual(listed.workspaces.map((w) => [w.name, w.current]).sort(), [
      ['Default', true],
      ['Staging', false],
    ]);

    const oldToken = client.token;
    const switched = await client.switchWorkspace(created.workspace.id);
    assert.equal(switched.auth.workspace.name, 'Staging');
    assert.equal(client.token, switched.token);
    assert.equal((await client.me()).auth.workspace.id, created.workspace.id);
    const old = await refusal(client.withToken(oldToken).me());
    assert.equal(old.code, 'INVALID_LOGIN_TOKEN');

    const nowhere = await refusal(client.switchWorkspace(answer.auth.company.id));
    assert.deepEqual([nowhere.code, nowhere.status], ['WORKSPACE_NOT_FOUND', 404]);
  });

  it('members: invite, the invitee logs in, change role, suspend, remove; audit log in pages', async () => {
    const { client: owner, answer } = await signedUp('Members Inc');
    const inviteeEmail = uniqueEmail('invitee');
    const invited = await owner.inviteMember(inviteeEmail, 'member');
    assert.equal(invited.invitation.email, inviteeEmail);
    assert.deepEqual(
      (await owner.listMembers()).invitations.map((i) => i.email),
      [inviteeEmail],
    );

    await keyward.smtp.waitForMail(inviteeEmail);
    const invitee = await loggedIn(inviteeEmail);
    const inviteeMe = await invitee.me();
    assert.equal(inviteeMe.auth.company.id, answer.auth.company.id);
    const inviteeId = inviteeMe.auth.user!.id;
    const handOverFirst = await refusal(owner.deleteAccount());
    assert.deepEqual([handOverFirst.code, handOverFirst.status], ['CONFLICT', 409]);

    const members = await owner.listMembers();
    assert.equal(members.members.length, 2);
    assert.equal(members.invitations.length, 0);

    const promoted = await owner.updateMember(inviteeId, { role: 'admin' });
    assert.equal(promoted.member.role, 'admin');
    const suspended = await owner.updateMember(inviteeId, { disabled: true });
    assert.equal(suspended.member.disabled, true);
    assert.equal((await refusal(invitee.me())).status, 401);

    const lastOwner = await refusal(owner.updateMember(answer.auth.user.id, { role: 'member' }));
    assert.deepEqual([lastOwner.code, lastOwner.status], ['CONFLICT', 409]);

    assert.deepEqual(await owner.removeMember(inviteeId), { message: 'MEMBER_REMOVED' });
    assert.equal((await owner.listMembers()).members.length, 1);

    const first = await owner.auditLog({ limit: 2 });
    assert.equal(first.events.length, 2);
    assert.ok(first.next_cursor);
    const second = await owner.auditLog({ limit: 2, cursor: first.next_cursor });
    assert.ok(second.events.length > 0);
    const seen = new Set(first.events.map((e) => e.id));
    assert.ok(
      second.events.every((e) => !seen.has(e.id)),
      'pages do not overlap',
    );
    assert.ok(first.events[0]!.created_at >= second.events[0]!.created_at, 'newest first');
  });

  it('logout keeps or drops the token by scope; deleting the account ends its sessions', async () => {
    const { client, email } = await signedUp();
    const other = await loggedIn(email);
    await client.logout('others');
    assert.ok(client.token, 'still logged in here');
    assert.equal((await refusal(other.me())).code, 'INVALID_LOGIN_TOKEN');

    const token = client.token;
    assert.deepEqual(await client.logout(), { message: 'LOGGEDOUT' });
    assert.equal(client.token, undefined);
    assert.equal((await refusal(client.withToken(token).me())).code, 'INVALID_LOGIN_TOKEN');

    // Alone in the company: the account goes, and the company with it.
    const alone = await loggedIn(email);
    const aloneToken = alone.token;
    assert.deepEqual(await alone.deleteAccount(), { message: 'ACCOUNT_DELETED' });
    assert.equal(alone.token, undefined);
    assert.equal((await refusal(alone.withToken(aloneToken).me())).status, 401);
  });
});
