// People for the token-management and tenancy tests: made through the real sign-up, login and
// invitation flows (./client.ts), with the calls those tests repeat.
import assert from 'node:assert/strict';
import {
  call,
  errorOf,
  logIn,
  signUp,
  uniqueEmail,
  type Answer,
  type Json,
  type Person,
} from './client.js';
import { ROUTES } from './routes.js';
import type { TestApp } from './test-app.js';

export const DAY_MS = 86_400_000;
export type Role = 'owner' | 'admin' | 'member';
export { sha256Hex } from '../../src/lib/crypto.js';
export const iso = (ms: number): string => new Date(ms).toISOString();

export function assertError(result: Answer, status: number, code: string, label = ''): void {
  assert.deepEqual(
    errorOf(result),
    { status, error: true, message: code },
    `${label}: ${result.text}`,
  );
}

/** Signs up an owner of `company` whose first workspace is `workspace`. */
export const signUpOwner = (
  t: TestApp,
  company = 'Acme',
  workspace = 'Main',
  email = uniqueEmail('owner'),
): Promise<Person> =>
  signUp(t, email, { name: 'Ada Owner', company_name: company, workspace_name: workspace });

/** Invites `email` (a new address unless given) and logs them in, which makes them a member. */
export async function addMember(
  t: TestApp,
  manager: Person,
  role: Role,
  email = uniqueEmail(role),
): Promise<Person> {
  const before = t.smtp.mailTo(email).length;
  const invited = await call(t, 'POST', ROUTES.members, manager.token, { email, role });
  assert.equal(invited.status, 201, invited.text);
  await t.smtp.waitForMail(email, before + 1);
  return logIn(t, email);
}

export async function mint(t: TestApp, loginToken: string, body: unknown = {}): Promise<Json> {
  const r = await call(t, 'POST', ROUTES.generateToken, loginToken, body);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

export const verify = (t: TestApp, token: string) => call(t, 'POST', ROUTES.verify, token);
export const listTokens = (t: TestApp, token: string, query = '') =>
  call(t, 'GET', `${ROUTES.tokens}${query}`, token);
export const revoke = (t: TestApp, token: string, id: string) =>
  call(t, 'DELETE', ROUTES.token(id), token);

export async function listedIds(t: TestApp, token: string, query = ''): Promise<string[]> {
  const r = await listTokens(t, token, query);
  assert.equal(r.status, 200, r.text);
  return (r.body.tokens as Json[]).map((x) => x.id as string).sort();
}

export async function switchTo(t: TestApp, person: Person, workspaceId: string): Promise<Person> {
  const r = await call(t, 'POST', ROUTES.switchWorkspace, person.token, {
    workspace_id: workspaceId,
  });
  assert.equal(r.status, 200, r.text);
  return { ...person, token: r.body.token as string, auth: r.body.auth as Json };
}

export async function createWorkspace(t: TestApp, person: Person, name: string): Promise<string> {
  const r = await call(t, 'POST', ROUTES.workspaces, person.token, { name });
  assert.equal(r.status, 201, r.text);
  return r.body.workspace.id as string;
}

export async function assertVerifies(t: TestApp, apiToken: string, label: string): Promise<Json> {
  const r = await verify(t, apiToken);
  assert.equal(r.status, 200, `${label}: ${r.text}`);
  assert.equal(r.body.data.token_type, 'api');
  return r.body.data as Json;
}

export const sortedIds = (...ids: string[]): string[] => [...ids].sort();

export const invite = (t: TestApp, manager: Person, email: string, role: Role) =>
  call(t, 'POST', ROUTES.members, manager.token, { email, role });
export const patchMember = (t: TestApp, manager: Person, userId: string, body: unknown) =>
  call(t, 'PATCH', ROUTES.member(userId), manager.token, body);
export const removeMember = (t: TestApp, manager: Person, userId: string) =>
  call(t, 'DELETE', ROUTES.member(userId), manager.token);
export const me = (t: TestApp, token: string) => call(t, 'GET', ROUTES.me, token);

/** GET /api/v1/global/workspaces, asserted 200. */
export async function workspacesOf(t: TestApp, token: string): Promise<Json[]> {
  const r = await call(t, 'GET', ROUTES.workspaces, token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.message, 'OK');
  return r.body.workspaces as Json[];
}

/** GET /api/v1/global/members, asserted 200. */
export async function membersOf(
  t: TestApp,
  token: string,
): Promise<{ members: Json[]; invitations: Json[] }> {
  const r = await call(t, 'GET', ROUTES.members, token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.message, 'OK');
  return { members: r.body.members as Json[], invitations: r.body.invitations as Json[] };
}
