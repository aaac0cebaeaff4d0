// Companies, workspaces, members and roles, tenant isolation, the audit log and account deletion
// through the HTTP API. People are made by the real flows: sign-up, login, invitation by mail.
// All time is the fake clock's.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  addMember,
  assertError,
  assertVerifies,
  createWorkspace,
  invite,
  iso,
  listedIds,
  me,
  membersOf,
  mint,
  patchMember,
  removeMember,
  sha256Hex,
  signUpOwner,
  sortedIds,
  switchTo,
  verify,
  workspacesOf,
} from '../helpers/people.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { USER_AGENT, call, logIn, type Answer, uniqueEmail, type Json } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

/** The raw mail text with quoted-printable soft breaks undone. */
const mailText = (raw: string): string => raw.replace(/=\r?\n/g, '');

/** Every 6-digit code mailed to `email` so far. */
function codesMailedTo(email: string): string[] {
  return t.smtp
    .mailTo(email)
    .map((m) =>
      /(?<!\d)(\d{6})(?!\d)/.exec(
        mailText(m.raw)
          .split(/\r?\n\r?\n/)
          .slice(1)
          .join('\n'),
      ),
    )
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => m[1]!);
}

/** A role's view of someone in GET members. */
const memberEntry = (list: { members: Json[] }, userId: string): Json | undefined =>
  list.members.find((m) => m.user.id === userId);

async function deleteMe(token: string): Promise<Answer> {
  return call(t, 'DELETE', ROUTES.me, token);
}

async function auditPage(token: string, query = ''): Promise<Answer> {
  return call(t, 'GET', `${ROUTES.auditLog}${query}`, token);
}

async function allAuditEvents(token: string): Promise<{ events: Json[]; text: string }> {
  const r = await auditPage(token, '?limit=100');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.next_cursor, null, 'more than 100 events: raise the limit');
  return { events: r.body.events as Json[], text: r.text };
}

void describe('workspaces: list, create, switch', () => {
  void it("lists every workspace the caller can enter, in all their companies, with company, role and 'current'", async () => {
    const person = await signUpOwner(t, 'Beta', 'Beta Main');
    const betaOps = await createWorkspace(t, person, 'Beta Ops');
    const acmeOwner = await signUpOwner(t, 'Acme', 'Acme Main');
    // Before their next login they are only invited, not a member.
    assert.equal((await invite(t, acmeOwner, person.email, 'member')).status, 201);
    await t.smtp.waitForMail(person.email, 2);
    assert.equal((await workspacesOf(t, person.token)).length, 2);

    const relogged = await logIn(t, person.email);
    assert.equal(relogged.auth.workspace.id, person.auth.workspace.id, 'lands where used last');
    const list = await workspacesOf(t, relogged.token);
    const pick = (w: Json) => ({
      id: w.id,
      name: w.name,
      company: w.company,
      role: w.role,
      current: w.current,
    });
    const beta = { id: person.auth.company.id, name: 'Beta' };
    const acme = { id: acmeOwner.auth.company.id, name: 'Acme' };
    assert.deepEqual(
      list.map(pick).sort((a, b) => String(a.name).localeCompare(String(b.name))),
      [
        {
          id: acmeOwner.auth.workspace.id,
          name: 'Acme Main',
          company: acme,
          role: 'member',
          current: false,
        },
        {
          id: person.auth.workspace.id,
          name: 'Beta Main',
          company: beta,
          role: 'owner',
          current: true,
        },
        { id: betaOps, name: 'Beta Ops', company: beta, role: 'owner', current: false },
      ],
    );
    // The Acme owner sees only Acme.
    assert.deepEqual(
      (await workspacesOf(t, acmeOwner.token)).map((w) => w.id),
      [acmeOwner.auth.workspace.id],
    );
  });

  void it('creates a workspace for owners and admins (201 WORKSPACE_CREATED), 403 FORBIDDEN for members', async () => {
    const owner = await signUpOwner(t, 'Create Co');
    const admin = await addMember(t, owner, 'admin');
    const member = await addMember(t, owner, 'member');

    const byOwner = await call(t, 'POST', ROUTES.workspaces, owner.token, {
      name: 'Staging',
    });
    assert.equal(byOwner.status, 201, byOwner.text);
    assert.equal(byOwner.body.message, 'WORKSPACE_CREATED');
    assert.equal(byOwner.body.workspace.name, 'Staging');
    assert.equal(typeof byOwner.body.workspace.id, 'string');

    const byAdmin = await call(t, 'POST', ROUTES.workspaces, admin.token, {
      name: 'Admin made',
    });
    assert.equal(byAdmin.status, 201, byAdmin.text);
    assert.equal(byAdmin.body.message, 'WORKSPACE_CREATED');

    assertError(
      await call(t, 'POST', ROUTES.workspaces, member.token, { name: 'Nope' }),
      403,
      'FORBIDDEN',
      'member',
    );
    for (const body of [{}, { name: '' }, { name: 7 }, { name: 'x'.repeat(201) }]) {
      assertError(
        await call(t, 'POST', ROUTES.workspaces, owner.token, body),
        400,
        'VALIDATION_FAILED',
        JSON.stringify(body),
      );
    }

    // Every member of the company can enter the new workspaces, with their role there.
    const seen = await workspacesOf(t, member.token);
    assert.deepEqual(seen.map((w) => w.name as string).sort(), ['Admin made', 'Main', 'Staging']);
    for (const w of seen) {
      assert.equal(w.role, 'member');
      assert.deepEqual(w.company, { id: owner.auth.company.id, name: 'Create Co' });
    }
  });

  void it('switches to another workspace of the company: new LOGGEDIN token, the old session ends at once', async () => {
    const owner = await signUpOwner(t, 'Switch Co', 'Main');
    const opsId = await createWorkspace(t, owner, 'Ops');

    const r = await call(t, 'POST', ROUTES.switchWorkspace, owner.token, {
      workspace_id: opsId,
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.message, 'LOGGEDIN');
    assert.match(r.body.token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const auth = r.body.auth as Json;
    assert.deepEqual(auth.workspace, { id: opsId, name: 'Ops' });
    assert.deepEqual(auth.company, owner.auth.company);
    assert.deepEqual(auth.user, owner.auth.user);
    assert.equal(auth.role, 'owner');
    assert.notEqual(auth.session.id, owner.auth.session.id);

    assertError(await me(t, owner.token), 401, 'INVALID_LOGIN_TOKEN', 'the old token');
    const now = await me(t, r.body.token as string);
    assert.equal(now.status, 200);
    assert.deepEqual(now.body.auth.workspace, { id: opsId, name: 'Ops' });
    const current = (await workspacesOf(t, r.body.token as string)).filter((w) => w.current);
    assert.deepEqual(
      current.map((w) => w.id),
      [opsId],
    );

    // Login puts them back where they were last.
    const relogged = await logIn(t, owner.email);
    assert.deepEqual(relogged.auth.workspace, { id: opsId, name: 'Ops' });
  });

  void it('switches into a workspace of another company the person belongs to, with their role there', async () => {
    const person = await signUpOwner(t, 'Home Co');
    const acmeOwner = await signUpOwner(t, 'Acme');
    const joined = await addMember(t, acmeOwner, 'admin', person.email);
    const inAcme = await switchTo(t, joined, acmeOwner.auth.workspace.id as string);
    assert.deepEqual(inAcme.auth.company, acmeOwner.auth.company);
    assert.deepEqual(inAcme.auth.workspace, acmeOwner.auth.workspace);
    assert.equal(inAcme.auth.role, 'admin');
    assertError(await me(t, joined.token), 401, 'INVALID_LOGIN_TOKEN', 'the session in Home Co');
    const check = await me(t, inAcme.token);
    assert.equal(check.body.auth.role, 'admin');
    assert.deepEqual(check.body.auth.company, acmeOwner.auth.company);

    assert.deepEqual((await logIn(t, person.email)).auth.workspace, acmeOwner.auth.workspace);

    // Suspended in Acme: gone from the list, can't switch there, login falls back to Home Co.
    assert.equal((await patchMember(t, acmeOwner, person.id, { disabled: true })).status, 200);
    const fallback = await logIn(t, person.email);
    assert.deepEqual(fallback.auth.company, person.auth.company);
    assert.deepEqual(fallback.auth.workspace, person.auth.workspace);
    assert.deepEqual(
      (await workspacesOf(t, fallback.token)).map((w) => w.id),
      [person.auth.workspace.id],
    );
    assertError(
      await call(t, 'POST', ROUTES.switchWorkspace, fallback.token, {
        workspace_id: acmeOwner.auth.workspace.id,
      }),
      404,
      'WORKSPACE_NOT_FOUND',
      'suspended membership',
    );
  });

  void it("an unknown workspace or another company's is 404 WORKSPACE_NOT_FOUND, and the session stays", async () => {
    const owner = await signUpOwner(t, 'Mine');
    const stranger = await signUpOwner(t, 'Theirs');
    for (const id of [randomUUID(), stranger.auth.workspace.id as string]) {
      assertError(
        await call(t, 'POST', ROUTES.switchWorkspace, owner.token, { workspace_id: id }),
        404,
        'WORKSPACE_NOT_FOUND',
        id,
      );
    }
    assertError(
      await call(t, 'POST', ROUTES.switchWorkspace, owner.token, {}),
      400,
      'VALIDATION_FAILED',
    );
    const still = await me(t, owner.token);
    assert.equal(still.status, 200);
    assert.deepEqual(still.body.auth.workspace, owner.auth.workspace);
  });
});

void describe('members and invitations', () => {
  void it('invites a new address: 201 INVITED, a mail; their first login creates the account and joins with the role', async () => {
    const owner = await signUpOwner(t, 'Invite Co');
    const email = uniqueEmail('newbie');
    const r = await invite(t, owner, email, 'admin');
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.message, 'INVITED');
    assert.equal(r.body.invitation.email, email);
    assert.equal(r.body.invitation.role, 'admin');
    assert.equal(typeof r.body.invitation.id, 'string');

    const mail = await t.smtp.waitForMail(email, 1);
    assert.ok(mailText(mail.raw).includes('Invite Co'), 'the mail names the company');
    const pending = await membersOf(t, owner.token);
    assert.deepEqual(
      pending.invitations.map((i) => ({ id: i.id, email: i.email, role: i.role })),
      [{ id: r.body.invitation.id, email, role: 'admin' }],
    );
    assert.equal(pending.members.length, 1);

    const step1 = await call(t, 'POST', ROUTES.login, undefined, { username: email });
    assert.equal(step1.status, 200);
    assert.deepEqual(step1.body, { message: 'OTP_SENT' });
    const otp = await t.smtp.codeFor(email, 2);
    const step2 = await call(t, 'POST', ROUTES.login, undefined, { username: email, otp });
    assert.equal(step2.status, 200, step2.text);
    assert.equal(step2.body.message, 'LOGGEDIN');
    const auth = step2.body.auth as Json;
    assert.equal(auth.user.email, email);
    assert.deepEqual(auth.company, owner.auth.company);
    assert.deepEqual(auth.workspace, owner.auth.workspace);
    assert.equal(auth.role, 'admin');

    const after = await membersOf(t, owner.token);
    assert.deepEqual(after.invitations, []);
    const joined = memberEntry(after, auth.user.id as string)!;
    assert.equal(joined.user.email, email);
    assert.equal(joined.role, 'admin');
    assert.equal(joined.disabled, false);
    assert.equal(memberEntry(after, owner.id)!.role, 'owner');
    // The new admin can manage at once.
    assert.equal(
      (await invite(t, { ...owner, token: step2.body.token as string }, uniqueEmail(), 'member'))
        .status,
      201,
    );
  });

  void it('an existing user of another company joins at their next login, and can switch there', async () => {
    const owner = await signUpOwner(t, 'Host Co');
    const guest = await signUpOwner(t, 'Guest Co');
    const r = await invite(t, owner, guest.email, 'member');
    assert.equal(r.status, 201, r.text);
    await t.smtp.waitForMail(guest.email, 2);
    // Not yet a member: the invitation is pending until they log in.
    assert.equal(memberEntry(await membersOf(t, owner.token), guest.id), undefined);
    assert.equal((await workspacesOf(t, guest.token)).length, 1);

    const relogged = await logIn(t, guest.email);
    assert.deepEqual(relogged.auth.company, guest.auth.company, 'lands in the workspace used last');
    const companies = (await workspacesOf(t, relogged.token)).map((w) => [w.company.id, w.role]);
    assert.deepEqual(
      companies.sort(),
      [
        [guest.auth.company.id, 'owner'],
        [owner.auth.company.id, 'member'],
      ].sort(),
    );
    const inHost = await switchTo(t, relogged, owner.auth.workspace.id as string);
    assert.deepEqual(inHost.auth.company, owner.auth.company);
    assert.equal(inHost.auth.role, 'member');
    const list = await membersOf(t, owner.token);
    assert.equal(memberEntry(list, guest.id)!.role, 'member');
    assert.deepEqual(list.invitations, []);
  });

  void it('an invited address that signs up joins the inviting company too', async () => {
    const owner = await signUpOwner(t, 'Host Co');
    const email = uniqueEmail('signs-up');
    assert.equal((await invite(t, owner, email, 'member')).status, 201);
    await t.smtp.waitForMail(email, 1);
    const newcomer = await signUpOwner(t, 'Own Co', 'Own Main', email);
    assert.deepEqual(newcomer.auth.company.name, 'Own Co');
    assert.equal(newcomer.auth.role, 'owner');
    const roles = (await workspacesOf(t, newcomer.token)).map((w) => [w.company.id, w.role]);
    assert.deepEqual(
      roles.sort(),
      [
        [newcomer.auth.company.id, 'owner'],
        [owner.auth.company.id, 'member'],
      ].sort(),
    );
    assert.equal(memberEntry(await membersOf(t, owner.token), newcomer.id)!.role, 'member');
  });

  void it('re-inviting a pending address refreshes its invitation', async () => {
    const owner = await signUpOwner(t);
    const email = uniqueEmail('twice');
    const first = await invite(t, owner, email, 'member');
    assert.equal(first.status, 201);
    const second = await invite(t, owner, email, 'admin');
    assert.equal(second.status, 201);
    const { invitations } = await membersOf(t, owner.token);
    assert.deepEqual(
      invitations.map((i) => [i.id, i.email, i.role]),
      [[first.body.invitation.id, email, 'admin']],
    );
    assert.equal(second.body.invitation.id, first.body.invitation.id, 'the stored id, answered');
    await t.smtp.waitForMail(email, 2);
    assert.equal((await logIn(t, email)).auth.role, 'admin');
  });

  void it('refuses: a member already in (409 CONFLICT), members inviting or admins inviting owners (403), a bad address (400)', async () => {
    const owner = await signUpOwner(t);
    const admin = await addMember(t, owner, 'admin');
    const member = await addMember(t, owner, 'member');

    assertError(await invite(t, owner, member.email, 'member'), 409, 'CONFLICT', 'a member');
    assertError(await invite(t, owner, owner.email, 'owner'), 409, 'CONFLICT', 'the owner');
    assertError(
      await invite(t, owner, member.email.toUpperCase(), 'admin'),
      409,
      'CONFLICT',
      'another spelling of a member',
    );
    assertError(await invite(t, member, uniqueEmail(), 'member'), 403, 'FORBIDDEN', 'member');
    assertError(await invite(t, admin, uniqueEmail(), 'owner'), 403, 'FORBIDDEN', 'admin→owner');
    // Permission first: a member learns nothing about what a valid invitation looks like.
    assertError(
      await invite(t, member, 'not-an-email', 'member'),
      403,
      'FORBIDDEN',
      'member, bad email',
    );
    assertError(await invite(t, owner, 'not-an-email', 'member'), 400, 'INVALID_USERNAME');
    assertError(await invite(t, owner, 'two@@example.test', 'member'), 400, 'INVALID_USERNAME');
    assertError(
      await invite(t, owner, uniqueEmail(), 'superuser' as never),
      400,
      'VALIDATION_FAILED',
      'unknown role',
    );
    assertError(
      await call(t, 'POST', ROUTES.members, owner.token, { role: 'member' }),
      400,
      'VALIDATION_FAILED',
      'no email',
    );
    // Admins invite admins and members; owners invite owners.
    assert.equal((await invite(t, admin, uniqueEmail(), 'admin')).status, 201);
    assert.equal((await invite(t, owner, uniqueEmail(), 'owner')).status, 201);
    assert.equal((await membersOf(t, owner.token)).invitations.length, 2);
  });

  void it('PATCH changes a role, and the change applies to the next request of their live token', async () => {
    const owner = await signUpOwner(t);
    const member = await addMember(t, owner, 'member');
    assertError(await invite(t, member, uniqueEmail(), 'member'), 403, 'FORBIDDEN', 'as member');

    const r = await patchMember(t, owner, member.id, { role: 'admin' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.message, 'MEMBER_UPDATED');
    assert.deepEqual(r.body.member.user, member.auth.user);
    assert.equal(r.body.member.role, 'admin');
    assert.equal(r.body.member.disabled, false);
    assert.ok(!Number.isNaN(Date.parse(r.body.member.joined_at as string)));

    assert.equal((await invite(t, member, uniqueEmail(), 'member')).status, 201, 'as admin');
    assert.equal((await call(t, 'GET', `${ROUTES.tokens}?all=true`, member.token)).status, 200);
    assert.equal((await me(t, member.token)).body.auth.role, 'admin');

    assert.equal((await patchMember(t, owner, member.id, { role: 'member' })).status, 200);
    assertError(await invite(t, member, uniqueEmail(), 'member'), 403, 'FORBIDDEN', 'demoted');
    assertError(await call(t, 'GET', `${ROUTES.tokens}?all=true`, member.token), 403, 'FORBIDDEN');
    assertError(await patchMember(t, owner, member.id, { role: 'boss' }), 400, 'VALIDATION_FAILED');
    assertError(
      await patchMember(t, owner, member.id, { disabled: 'yes' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  void it('the last owner cannot be demoted, disabled or removed (409 CONFLICT); with another owner they can', async () => {
    const owner = await signUpOwner(t);
    const second = await addMember(t, owner, 'admin');

    assertError(
      await patchMember(t, owner, owner.id, { role: 'admin' }),
      409,
      'CONFLICT',
      'demote',
    );
    assertError(
      await patchMember(t, owner, owner.id, { role: 'member' }),
      409,
      'CONFLICT',
      'demote',
    );
    assertError(
      await patchMember(t, owner, owner.id, { disabled: true }),
      409,
      'CONFLICT',
      'disable',
    );
    assertError(await removeMember(t, owner, owner.id), 409, 'CONFLICT', 'remove');
    assert.equal((await me(t, owner.token)).body.auth.role, 'owner', 'nothing changed');

    // A second owner who is suspended does not count.
    assert.equal((await patchMember(t, owner, second.id, { role: 'owner' })).status, 200);
    assert.equal((await patchMember(t, owner, second.id, { disabled: true })).status, 200);
    assertError(
      await patchMember(t, owner, owner.id, { role: 'admin' }),
      409,
      'CONFLICT',
      'the only active owner',
    );
    assert.equal((await patchMember(t, owner, second.id, { disabled: false })).status, 200);

    const demoted = await patchMember(t, owner, owner.id, { role: 'admin' });
    assert.equal(demoted.status, 200, demoted.text);
    assert.equal(demoted.body.member.role, 'admin');
    assert.equal((await me(t, owner.token)).body.auth.role, 'admin');
    // Now `second` is the last owner, and an admin can't touch them.
    assertError(await patchMember(t, second, second.id, { role: 'member' }), 409, 'CONFLICT');
    assertError(await patchMember(t, owner, second.id, { role: 'admin' }), 403, 'FORBIDDEN');
    assertError(await patchMember(t, owner, second.id, { disabled: true }), 403, 'FORBIDDEN');
    assertError(await removeMember(t, owner, second.id), 403, 'FORBIDDEN');
  });

  void it('admins cannot make owners or manage owners (403 FORBIDDEN)', async () => {
    const owner = await signUpOwner(t);
    const admin = await addMember(t, owner, 'admin');
    const member = await addMember(t, owner, 'member');
    assertError(
      await patchMember(t, admin, member.id, { role: 'owner' }),
      403,
      'FORBIDDEN',
      'promote',
    );
    assertError(
      await patchMember(t, admin, owner.id, { role: 'member' }),
      403,
      'FORBIDDEN',
      'demote',
    );
    assertError(
      await patchMember(t, admin, owner.id, { disabled: true }),
      403,
      'FORBIDDEN',
      'disable',
    );
    assertError(await removeMember(t, admin, owner.id), 403, 'FORBIDDEN', 'remove');
    // Admins do manage members.
    assert.equal((await patchMember(t, admin, member.id, { role: 'admin' })).status, 200);
    const list = await membersOf(t, owner.token);
    assert.equal(memberEntry(list, owner.id)!.role, 'owner');
    assert.equal(memberEntry(list, owner.id)!.disabled, false);
    assert.equal(memberEntry(list, member.id)!.role, 'admin');
  });

  void it('PATCH {"disabled": true} refuses their login token and API token on the very next request; false restores both', async () => {
    const owner = await signUpOwner(t);
    const member = await addMember(t, owner, 'member');
    const api = (await mint(t, member.token)).token as string;

    const r = await patchMember(t, owner, member.id, { disabled: true });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.member.disabled, true);
    assertError(await me(t, member.token), 401, 'INVALID_LOGIN_TOKEN', 'login token');
    assertError(await verify(t, member.token), 401, 'INVALID_LOGIN_TOKEN', 'login token verify');
    assertError(await verify(t, api), 401, 'INVALID_TOKEN', 'API token');
    assert.equal(memberEntry(await membersOf(t, owner.token), member.id)!.disabled, true);
    // Nowhere else to go: a suspended member of only this company can't log in.
    await call(t, 'POST', ROUTES.login, undefined, { username: member.email });
    const otp = await t.smtp.codeFor(member.email, 3);
    assertError(
      await call(t, 'POST', ROUTES.login, undefined, { username: member.email, otp }),
      403,
      'FORBIDDEN',
      'login while suspended',
    );

    const back = await patchMember(t, owner, member.id, { disabled: false });
    assert.equal(back.status, 200, back.text);
    assert.equal(back.body.member.disabled, false);
    assert.equal((await me(t, member.token)).status, 200);
    await assertVerifies(t, api, 're-enabled');
  });

  void it("DELETE removes a member: their tokens die at once, and re-inviting them doesn't revive the old ones", async () => {
    const owner = await signUpOwner(t);
    const member = await addMember(t, owner, 'member');
    const api = await mint(t, member.token);

    const r = await removeMember(t, owner, member.id);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { message: 'MEMBER_REMOVED' });
    assertError(await me(t, member.token), 401, 'INVALID_LOGIN_TOKEN', 'login token');
    assertError(await verify(t, api.token as string), 401, 'INVALID_TOKEN', 'API token');
    assert.equal(memberEntry(await membersOf(t, owner.token), member.id), undefined);
    assertError(await removeMember(t, owner, member.id), 404, 'NOT_FOUND', 'again');
    assertError(await patchMember(t, owner, member.id, { role: 'admin' }), 404, 'NOT_FOUND');

    const back = await addMember(t, owner, 'member', member.email);
    assert.equal(back.id, member.id, 'the same account');
    assert.deepEqual(back.auth.company, owner.auth.company);
    assertError(await verify(t, api.token as string), 401, 'INVALID_TOKEN', 'old API token');
    assertError(await me(t, member.token), 401, 'INVALID_LOGIN_TOKEN', 'old login token');
    assert.ok(!(await listedIds(t, owner.token, '?all=true')).includes(api.id as string));
    assert.equal((await me(t, back.token)).status, 200);
  });

  void it('a user id not in the company, or of another company, is 404 NOT_FOUND and changes nothing', async () => {
    const owner = await signUpOwner(t);
    const stranger = await signUpOwner(t, 'Elsewhere');
    for (const id of [randomUUID(), stranger.id]) {
      assertError(await patchMember(t, owner, id, { role: 'member' }), 404, 'NOT_FOUND', id);
      assertError(await patchMember(t, owner, id, { disabled: true }), 404, 'NOT_FOUND', id);
      assertError(await removeMember(t, owner, id), 404, 'NOT_FOUND', id);
    }
    const still = await me(t, stranger.token);
    assert.equal(still.status, 200);
    assert.equal(still.body.auth.role, 'owner');
  });

  void it('members cannot PATCH or DELETE anyone (403 FORBIDDEN)', async () => {
    const owner = await signUpOwner(t);
    const alice = await addMember(t, owner, 'member');
    const bob = await addMember(t, owner, 'member');
    for (const target of [bob, owner, alice]) {
      assertError(await patchMember(t, alice, target.id, { role: 'owner' }), 403, 'FORBIDDEN');
      assertError(await patchMember(t, alice, target.id, { disabled: true }), 403, 'FORBIDDEN');
      assertError(await removeMember(t, alice, target.id), 403, 'FORBIDDEN');
    }
    // Even for an id that isn't there: no answer tells a member who is.
    assertError(await removeMember(t, alice, randomUUID()), 403, 'FORBIDDEN');
    const list = await membersOf(t, owner.token);
    for (const person of [owner, alice, bob])
      assert.equal(memberEntry(list, person.id)!.disabled, false);
    assert.equal(memberEntry(list, bob.id)!.role, 'member');
  });
});

void describe('tenant isolation', () => {
  void it('a token of company A lists, reads and revokes nothing of company B; ids from B answer 404', async () => {
    const a = await signUpOwner(t, 'Tenant A');
    const aMember = await addMember(t, a, 'member');
    const aToken = await mint(t, a.token);
    const b = await signUpOwner(t, 'Tenant B');
    const bMember = await addMember(t, b, 'member');
    const bOps = await createWorkspace(t, b, 'B Ops');
    const bToken = await mint(t, b.token);
    const bMemberToken = await mint(t, bMember.token);
    const bIds = [
      b.id,
      bMember.id,
      b.auth.company.id,
      b.auth.workspace.id,
      bOps,
      bToken.id,
      bMemberToken.id,
    ];

    // Listing: nothing of B.
    assert.deepEqual(await listedIds(t, a.token, '?all=true'), [aToken.id]);
    const members = await call(t, 'GET', ROUTES.members, a.token);
    const workspaces = await call(t, 'GET', ROUTES.workspaces, a.token);
    const tokens = await call(t, 'GET', `${ROUTES.tokens}?all=true`, a.token);
    for (const r of [members, workspaces, tokens]) {
      for (const id of bIds)
        assert.ok(!r.text.includes(id as string), `B's ${id as string} shown to A`);
      assert.ok(!r.text.includes(b.email) && !r.text.includes(bMember.email));
    }

    // Ids from B: 404, for A's owner and A's member alike.
    for (const id of [bToken.id, bMemberToken.id] as string[]) {
      assertError(await call(t, 'DELETE', ROUTES.token(id), a.token), 404, 'TOKEN_NOT_FOUND');
      assertError(await call(t, 'DELETE', ROUTES.token(id), aMember.token), 404, 'TOKEN_NOT_FOUND');
    }
    for (const id of [b.id, bMember.id]) {
      assertError(await patchMember(t, a, id, { role: 'admin' }), 404, 'NOT_FOUND');
      assertError(await patchMember(t, a, id, { disabled: true }), 404, 'NOT_FOUND');
      assertError(await removeMember(t, a, id), 404, 'NOT_FOUND');
    }
    for (const id of [b.auth.workspace.id as string, bOps]) {
      assertError(
        await call(t, 'POST', ROUTES.switchWorkspace, a.token, { workspace_id: id }),
        404,
        'WORKSPACE_NOT_FOUND',
      );
    }
    // A's audit log holds nothing of B.
    const audit = await allAuditEvents(a.token);
    for (const id of bIds)
      assert.ok(!audit.text.includes(id as string), `B's ${id as string} in A's audit log`);

    // B is untouched.
    await assertVerifies(t, bToken.token as string, "B owner's token");
    await assertVerifies(t, bMemberToken.token as string, "B member's token");
    const bList = await membersOf(t, b.token);
    assert.equal(memberEntry(bList, bMember.id)!.role, 'member');
    assert.equal(memberEntry(bList, bMember.id)!.disabled, false);
    assert.equal(memberEntry(bList, b.id)!.role, 'owner');
    assert.deepEqual(
      (await workspacesOf(t, b.token)).map((w) => w.id as string).sort(),
      sortedIds(b.auth.workspace.id as string, bOps),
    );
    assert.deepEqual(
      await listedIds(t, b.token, '?all=true'),
      sortedIds(bToken.id, bMemberToken.id),
    );
    // And B's audit log holds nothing of A.
    const bAudit = await allAuditEvents(b.token);
    for (const id of [a.id, aMember.id, aToken.id, a.auth.company.id] as string[]) {
      assert.ok(!bAudit.text.includes(id), `A's ${id} in B's audit log`);
    }
  });

  void it('a token of workspace A reads nothing of workspace B', async () => {
    const owner = await signUpOwner(t, 'Two Spaces', 'Space A');
    const spaceA = owner.auth.workspace as Json;
    t.clock.advance(1000); // Space A is the oldest: where a new member lands
    const spaceB = await createWorkspace(t, owner, 'Space B');
    const member = await addMember(t, owner, 'member');
    assert.deepEqual(member.auth.workspace, spaceA);
    const tokenA = await mint(t, owner.token);
    const memberTokenA = await mint(t, member.token);
    const ownerInB = await switchTo(t, owner, spaceB);
    const memberInB = await switchTo(t, member, spaceB);
    const tokenB = await mint(t, ownerInB.token);
    const memberTokenB = await mint(t, memberInB.token);

    // API tokens speak for their own workspace only.
    assert.deepEqual((await assertVerifies(t, tokenA.token as string, 'A')).workspace, spaceA);
    assert.deepEqual((await assertVerifies(t, tokenB.token as string, 'B')).workspace, {
      id: spaceB,
      name: 'Space B',
    });
    const meA = await call(t, 'GET', ROUTES.me, tokenA.token as string);
    assert.deepEqual(meA.body.auth.workspace, spaceA);

    // Login tokens list their own workspace's tokens only.
    assert.deepEqual(await listedIds(t, ownerInB.token), [tokenB.id]);
    assert.deepEqual(await listedIds(t, memberInB.token), [memberTokenB.id]);
    const ownerBackInA = await switchTo(t, ownerInB, spaceA.id as string);
    assert.deepEqual(await listedIds(t, ownerBackInA.token), [tokenA.id]);
    const text = (await call(t, 'GET', ROUTES.tokens, ownerBackInA.token)).text;
    assert.ok(!text.includes(spaceB), 'workspace B named in a workspace-A listing');
    // The company-wide view is the owner's explicit choice.
    assert.deepEqual(
      await listedIds(t, ownerBackInA.token, '?all=true'),
      sortedIds(tokenA.id, tokenB.id, memberTokenA.id, memberTokenB.id),
    );
  });
});

void describe('audit log', () => {
  void it('records every change with actor, ip, user agent and target, newest first, and no secret', async () => {
    const step = () => {
      t.clock.advance(1000);
      return t.clock.now();
    };
    const t0 = step();
    const owner = await signUpOwner(t, 'Audit Co');
    const t1 = step();
    const api = await mint(t, owner.token, { name: 'audited' });
    const t2 = step();
    const wsId = await createWorkspace(t, owner, 'Audited space');
    const t3 = step();
    const memberEmail = uniqueEmail('audited');
    assert.equal((await invite(t, owner, memberEmail, 'member')).status, 201);
    await t.smtp.waitForMail(memberEmail, 1);
    const t4 = step();
    const member = await logIn(t, memberEmail);
    const t5 = step();
    assert.equal(
      (await call(t, 'DELETE', ROUTES.token(api.id as string), owner.token)).status,
      200,
    );
    const t6 = step();
    assert.equal((await removeMember(t, owner, member.id)).status, 200);
    const t7 = step();
    const again = await logIn(t, owner.email);
    const t8 = step();
    const out = await call(t, 'POST', ROUTES.logout, owner.token, {});
    assert.equal(out.status, 200, out.text);

    const { events, text } = await allAuditEvents(again.token);
    // Newest first; events of one request share a time, so compare groups of equal time.
    const groups: { at: string; actions: string[] }[] = [];
    for (const e of events) {
      const last = groups[groups.length - 1];
      if (last !== undefined && last.at === e.created_at) last.actions.push(e.action as string);
      else groups.push({ at: e.created_at as string, actions: [e.action as string] });
    }
    for (const g of groups) g.actions.sort();
    assert.deepEqual(groups, [
      { at: iso(t8), actions: ['logout'] },
      { at: iso(t7), actions: ['login'] },
      { at: iso(t6), actions: ['member_removed'] },
      { at: iso(t5), actions: ['token_revoked'] },
      { at: iso(t4), actions: ['login', 'member_added'] },
      { at: iso(t3), actions: ['member_invited'] },
      { at: iso(t2), actions: ['workspace_created'] },
      { at: iso(t1), actions: ['token_generated'] },
      { at: iso(t0), actions: ['signup'] },
    ]);

    const one = (action: string, actorId: string): Json => {
      const found = events.filter((e) => e.action === action && e.actor?.id === actorId);
      assert.equal(found.length, 1, `${action} by ${actorId}`);
      return found[0]!;
    };
    const expectTarget = (action: string, actorId: string, targetId: string | null) =>
      assert.equal(one(action, actorId).target_id, targetId, action);
    expectTarget('signup', owner.id, owner.id);
    expectTarget('token_generated', owner.id, api.id as string);
    expectTarget('workspace_created', owner.id, wsId);
    expectTarget('member_added', owner.id, member.id);
    expectTarget('login', member.id, member.auth.session.id as string);
    expectTarget('token_revoked', owner.id, api.id as string);
    expectTarget('member_removed', owner.id, member.id);
    expectTarget('login', owner.id, again.auth.session.id as string);
    expectTarget('logout', owner.id, owner.auth.session.id as string);
    const invited = one('member_invited', owner.id);
    assert.equal(
      typeof invited.target_id,
      'string',
      'an invitation is the target of member_invited',
    );
    for (const e of events) {
      assert.equal(e.ip, '127.0.0.1', e.action as string);
      assert.equal(e.user_agent, USER_AGENT, e.action as string);
      assert.equal(typeof e.id, 'string');
    }

    // No secret in any event: no token, no token hash, no code.
    const secrets = [owner.token, again.token, member.token, api.token as string];
    for (const secret of secrets) assert.ok(!text.includes(secret), 'a token in the audit log');
    assert.ok(!text.includes(sha256Hex(api.token as string)), "a token's hash in the audit log");
    const codes = [...codesMailedTo(owner.email), ...codesMailedTo(memberEmail)];
    assert.equal(codes.length, 3);
    for (const code of codes) {
      assert.doesNotMatch(text, new RegExp(`(?<![0-9a-fA-F])${code}(?![0-9a-fA-F])`), 'a code');
    }
  });

  void it('records role changes and suspensions, and nothing for a refused change', async () => {
    const owner = await signUpOwner(t, 'Refusals Co');
    const member = await addMember(t, owner, 'member');
    const stranger = await signUpOwner(t, 'Other Co');
    const strangerToken = await mint(t, stranger.token);
    const before = (await allAuditEvents(owner.token)).events.length;

    // Refused: each must leave the log as it was.
    assertError(await patchMember(t, owner, owner.id, { role: 'admin' }), 409, 'CONFLICT');
    assertError(await removeMember(t, owner, owner.id), 409, 'CONFLICT');
    assertError(await deleteMe(owner.token), 409, 'CONFLICT');
    assertError(await invite(t, owner, member.email, 'admin'), 409, 'CONFLICT');
    assertError(
      await call(t, 'DELETE', ROUTES.token(strangerToken.id as string), owner.token),
      404,
      'TOKEN_NOT_FOUND',
    );
    assertError(await removeMember(t, member, owner.id), 403, 'FORBIDDEN');
    assertError(
      await call(t, 'POST', ROUTES.workspaces, member.token, { name: 'x' }),
      403,
      'FORBIDDEN',
    );
    assert.equal((await allAuditEvents(owner.token)).events.length, before, 'refusals audited');

    t.clock.advance(1000);
    assert.equal((await patchMember(t, owner, member.id, { role: 'admin' })).status, 200);
    t.clock.advance(1000);
    assert.equal((await patchMember(t, owner, member.id, { disabled: true })).status, 200);
    const { events } = await allAuditEvents(owner.token);
    assert.equal(events.length, before + 2);
    for (const e of events.slice(0, 2)) {
      assert.equal(e.action, 'member_updated');
      assert.equal(e.actor?.id, owner.id);
      assert.equal(e.target_id, member.id);
    }
  });

  void it('pages with a cursor: ?limit=2 walks every event once, in order', async () => {
    const owner = await signUpOwner(t, 'Paged Co');
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1000);
      await mint(t, owner.token);
      await createWorkspace(t, owner, `Space ${i}`); // same time as the mint: ties cross pages
    }
    const { events } = await allAuditEvents(owner.token);
    assert.equal(events.length, 7);

    const walked: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const query: string =
        cursor === null ? '?limit=2' : `?limit=2&cursor=${encodeURIComponent(cursor)}`;
      const r = await auditPage(owner.token, query);
      assert.equal(r.status, 200, r.text);
      const page = r.body.events as Json[];
      assert.ok(page.length <= 2);
      walked.push(...page.map((e) => e.id as string));
      cursor = r.body.next_cursor as string | null;
      if (cursor === null) break;
      assert.equal(typeof cursor, 'string');
    }
    assert.equal(cursor, null, 'the walk ended');
    assert.equal(new Set(walked).size, walked.length, 'no event twice');
    assert.deepEqual(
      walked,
      events.map((e) => e.id as string),
    );
  });

  void it('refuses a bad cursor or limit with 400 VALIDATION_FAILED', async () => {
    const owner = await signUpOwner(t);
    for (const query of [
      '?cursor=not-a-cursor',
      `?cursor=${Buffer.from('abc:def').toString('base64url')}`,
      `?cursor=${Buffer.from(':x').toString('base64url')}`,
      '?cursor=',
      '?limit=0',
      '?limit=101',
      '?limit=two',
      '?color=blue',
    ]) {
      assertError(await auditPage(owner.token, query), 400, 'VALIDATION_FAILED', query);
    }
  });

  void it('is for owners and admins: members get 403 FORBIDDEN', async () => {
    const owner = await signUpOwner(t);
    const admin = await addMember(t, owner, 'admin');
    const member = await addMember(t, owner, 'member');
    assert.equal((await auditPage(admin.token)).status, 200);
    assertError(await auditPage(member.token), 403, 'FORBIDDEN');
    assertError(await auditPage(member.token, '?limit=1'), 403, 'FORBIDDEN');
  });
});

void describe('account deletion', () => {
  void it('a solo owner deletes their account: 200 ACCOUNT_DELETED, their company goes, their tokens die', async () => {
    const owner = await signUpOwner(t, 'Solo Co');
    const opsId = await createWorkspace(t, owner, 'Ops');
    const api = await mint(t, owner.token);
    const otherSession = await logIn(t, owner.email);

    const r = await deleteMe(owner.token);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { message: 'ACCOUNT_DELETED' });
    assertError(await verify(t, api.token as string), 401, 'INVALID_TOKEN', 'API token');
    assertError(await me(t, owner.token), 401, 'INVALID_LOGIN_TOKEN', 'this session');
    assertError(await me(t, otherSession.token), 401, 'INVALID_LOGIN_TOKEN', 'another session');
    assertError(await deleteMe(otherSession.token), 401, 'INVALID_LOGIN_TOKEN', 'delete again');

    const db = t.store.db;
    const companyId = owner.auth.company.id as string;
    assert.equal(
      (await db.selectFrom('companies').select('id').where('id', '=', companyId).execute()).length,
      0,
      'the company is gone',
    );
    assert.equal(
      (
        await db
          .selectFrom('workspaces')
          .select('id')
          .where('id', 'in', [owner.auth.workspace.id as string, opsId])
          .execute()
      ).length,
      0,
      'its workspaces are gone',
    );
    // The address is free again.
    const fresh = await signUpOwner(t, 'Second Life', 'Main', owner.email);
    assert.notEqual(fresh.id, owner.id);
    assert.equal((await workspacesOf(t, fresh.token)).length, 1);
  });

  void it('the last owner of a company with other members gets 409 CONFLICT, and nothing changes', async () => {
    const owner = await signUpOwner(t, 'Crowded Co');
    const member = await addMember(t, owner, 'member');
    const api = await mint(t, owner.token);

    assertError(await deleteMe(owner.token), 409, 'CONFLICT');
    assert.equal((await me(t, owner.token)).body.auth.role, 'owner');
    await assertVerifies(t, api.token as string, 'after the refusal');
    const list = await membersOf(t, owner.token);
    assert.deepEqual(
      list.members.map((m) => m.user.id as string).sort(),
      sortedIds(owner.id, member.id),
    );
    assert.equal((await me(t, member.token)).status, 200);

    // Once it is handed over, they may leave; the company stays with its new owner.
    assert.equal((await patchMember(t, owner, member.id, { role: 'owner' })).status, 200);
    const r = await deleteMe(owner.token);
    assert.equal(r.status, 200, r.text);
    assertError(await verify(t, api.token as string), 401, 'INVALID_TOKEN');
    const after = await me(t, member.token);
    assert.equal(after.status, 200);
    assert.equal(after.body.auth.role, 'owner');
    assert.deepEqual(after.body.auth.company, owner.auth.company);
    assert.deepEqual(
      (await membersOf(t, member.token)).members.map((m) => m.user.id),
      [member.id],
    );
  });

  void it('a member deletes their account: the company stays, they are gone from it, and it is audited', async () => {
    const owner = await signUpOwner(t, 'Stays Co');
    const member = await signUpOwner(t, 'Member Own Co'); // also the solo owner of a company of their own
    const joined = await addMember(t, owner, 'member', member.email);
    const inOwnersCompany = await switchTo(t, joined, owner.auth.workspace.id as string);
    const api = await mint(t, inOwnersCompany.token);

    const r = await deleteMe(inOwnersCompany.token);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { message: 'ACCOUNT_DELETED' });
    assertError(await verify(t, api.token as string), 401, 'INVALID_TOKEN');
    assertError(await me(t, inOwnersCompany.token), 401, 'INVALID_LOGIN_TOKEN');

    assert.equal((await me(t, owner.token)).status, 200);
    const list = await membersOf(t, owner.token);
    assert.deepEqual(
      list.members.map((m) => m.user.id),
      [owner.id],
    );
    const audit = await allAuditEvents(owner.token);
    const deleted = audit.events.filter((e) => e.action === 'account_deleted');
    assert.equal(deleted.length, 1);
    assert.equal(deleted[0]!.target_id, member.id);
    assert.equal(deleted[0]!.actor?.id, member.id);
    // Their own solo company went with them.
    const own = await t.store.db
      .selectFrom('companies')
      .select('id')
      .where('id', '=', member.auth.company.id as string)
      .execute();
    assert.equal(own.length, 0);
  });

  void it('needs a login token: an API token is 401 INVALID_LOGIN_TOKEN and deletes nothing', async () => {
    const owner = await signUpOwner(t);
    const api = (await mint(t, owner.token)).token as string;
    assertError(await deleteMe(api), 401, 'INVALID_LOGIN_TOKEN');
    assertError(await call(t, 'DELETE', ROUTES.me), 400, 'LOGIN_TOKEN_REQUIRED');
    assert.equal((await me(t, owner.token)).status, 200);
    await assertVerifies(t, api, 'still there');
  });
});
