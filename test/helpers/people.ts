// People and calls for the issue-3 tests (token management, tenancy): every request goes through
// `inject` with a user-agent, so audit events have one to show; people are made through the real
// sign-up, login and invitation flows, codes read from the SMTP sink.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { errorOf, uniqueEmail, type Json, type TestApp } from './test-app.js';

export const DAY_MS = 86_400_000;
export const UA = 'keyward-issue-3-tests/1.0';
export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
export type Res = { status: number; body: Json; text: string };
export type Role = 'owner' | 'admin' | 'member';
export interface Person {
  email: string;
  id: string;
  token: string;
  auth: Json;
}

export const sha256Hex = (value: string): string =>
  createHash('sha256').update(value).digest('hex');
export const iso = (ms: number): string => new Date(ms).toISOString();

export async function call(
  t: TestApp,
  method: Method,
  url: string,
  token?: string,
  body?: unknown,
): Promise<Res> {
  const headers: Record<string, string> = { 'user-agent': UA };
  if (token !== undefined) headers.token = token;
  const options: InjectOptions = { method, url, headers };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    options.payload = JSON.stringify(body);
  }
  const response = await t.app.inject(options);
  return { status: response.statusCode, body: response.json<Json>(), text: response.body };
}

export function assertError(result: Res, status: number, code: string, label = ''): void {
  assert.deepEqual(
    errorOf(result),
    { status, error: true, message: code },
    `${label}: ${result.text}`,
  );
}

export async function signUp(
  t: TestApp,
  company = 'Acme',
  workspace = 'Main',
  email = uniqueEmail('owner'),
): Promise<Person> {
  const body = {
    username: email,
    name: 'Ada Owner',
    company_name: company,
    workspace_name: workspace,
  };
  const before = t.smtp.mailTo(email).length;
  assert.equal((await call(t, 'POST', '/api/signup', undefined, body)).status, 200);
  const otp = await t.smtp.codeFor(email, before + 1);
  const done = await call(t, 'POST', '/api/signup', undefined, { ...body, otp });
  assert.equal(done.status, 201, done.text);
  const auth = done.body.auth as Json;
  return { email, id: auth.user.id as string, token: done.body.token as string, auth };
}

export async function logIn(t: TestApp, email: string): Promise<Person> {
  const before = t.smtp.mailTo(email).length;
  const sent = await call(t, 'POST', '/api/login', undefined, { username: email });
  assert.equal(sent.status, 200, sent.text);
  const otp = await t.smtp.codeFor(email, before + 1);
  const done = await call(t, 'POST', '/api/login', undefined, { username: email, otp });
  assert.equal(done.status, 200, done.text);
  const auth = done.body.auth as Json;
  return { email, id: auth.user.id as string, token: done.body.token as string, auth };
}

/** Invites `email` (a new address unless given) and logs them in, which makes them a member. */
export async function addMember(
  t: TestApp,
  manager: Person,
  role: Role,
  email = uniqueEmail(role),
): Promise<Person> {
  const before = t.smtp.mailTo(email).length;
  const invited = await call(t, 'POST', '/api/v1/global/members', manager.token, { email, role });
  assert.equal(invited.status, 201, invited.text);
  await t.smtp.waitForMail(email, before + 1);
  return logIn(t, email);
}

export async function mint(t: TestApp, loginToken: string, body: unknown = {}): Promise<Json> {
  const r = await call(t, 'POST', '/api/v1/global/generate-token', loginToken, body);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

export const verify = (t: TestApp, token: string) =>
  call(t, 'POST', '/api/v1/global/verify', token);
export const listTokens = (t: TestApp, token: string, query = '') =>
  call(t, 'GET', `/api/v1/global/tokens${query}`, token);
export const revoke = (t: TestApp, token: string, id: string) =>
  call(t, 'DELETE', `/api/v1/global/tokens/${id}`, token);

export async function listedIds(t: TestApp, token: string, query = ''): Promise<string[]> {
  const r = await listTokens(t, token, query);
  assert.equal(r.status, 200, r.text);
  return (r.body.tokens as Json[]).map((x) => x.id as string).sort();
}

export async function switchTo(t: TestApp, person: Person, workspaceId: string): Promise<Person> {
  const r = await call(t, 'POST', '/api/v1/global/switch-workspace', person.token, {
    workspace_id: workspaceId,
  });
  assert.equal(r.status, 200, r.text);
  return { ...person, token: r.body.token as string, auth: r.body.auth as Json };
}

export async function createWorkspace(t: TestApp, person: Person, name: string): Promise<string> {
  const r = await call(t, 'POST', '/api/v1/global/workspaces', person.token, { name });
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
  call(t, 'POST', '/api/v1/global/members', manager.token, { email, role });
export const patchMember = (t: TestApp, manager: Person, userId: string, body: unknown) =>
  call(t, 'PATCH', `/api/v1/global/members/${userId}`, manager.token, body);
export const removeMember = (t: TestApp, manager: Person, userId: string) =>
  call(t, 'DELETE', `/api/v1/global/members/${userId}`, manager.token);
export const me = (t: TestApp, token: string) => call(t, 'GET', '/api/v1/global/me', token);

/** GET /api/v1/global/workspaces, asserted 200. */
export async function workspacesOf(t: TestApp, token: string): Promise<Json[]> {
  const r = await call(t, 'GET', '/api/v1/global/workspaces', token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.message, 'OK');
  return r.body.workspaces as Json[];
}

/** GET /api/v1/global/members, asserted 200. */
export async function membersOf(
  t: TestApp,
  token: string,
): Promise<{ members: Json[]; invitations: Json[] }> {
  const r = await call(t, 'GET', '/api/v1/global/members', token);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.message, 'OK');
  return { members: r.body.members as Json[], invitations: r.body.invitations as Json[] };
}
