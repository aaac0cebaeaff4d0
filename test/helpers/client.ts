// One way for a test to call keyward: the same calls work on an in-process app (`app.inject`) and
// on a spawned process (HTTP to its address). Sign-up and login go through both steps, reading the
// code from the SMTP sink the app sends to.
import assert from 'node:assert/strict';
import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { ROUTES } from './routes.js';
import type { SmtpSink } from './smtp-sink.js';

export type Json = Record<string, any>;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** An in-process app, or a spawned process at `base` (e.g. http://127.0.0.1:40123). */
export type Target = { app: FastifyInstance } | { base: string };
/** A target together with the mail sink its codes go to. */
export type MailedTarget = Target & { smtp: SmtpSink };

export interface Answer {
  status: number;
  /** The JSON body, or {} for an empty one. */
  body: Json;
  text: string;
  headers: OutgoingHttpHeaders;
}

export interface Person {
  email: string;
  id: string;
  /** The login token. */
  token: string;
  auth: Json;
}

/** Every request carries this user-agent, so audit events have one to show. */
export const USER_AGENT = 'keyward-tests/1.0';

let counter = 0;
/** A fresh address per call, so tests in one file never share a cooldown. */
export const uniqueEmail = (tag = 'user'): string =>
  `${tag}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}@example.test`;

/** Calls a route with an optional `token` header and JSON body. */
export async function call(
  target: Target,
  method: Method,
  url: string,
  token?: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'user-agent': USER_AGENT };
  if (token !== undefined) headers.token = token;
  if (body !== undefined) headers['content-type'] = 'application/json';
  Object.assign(headers, extraHeaders);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  if ('app' in target) {
    const options: InjectOptions = { method, url, headers };
    if (payload !== undefined) options.payload = payload;
    const response = await target.app.inject(options);
    return answer(response.statusCode, response.body, response.headers);
  }
  const response = await fetch(target.base + url, {
    method,
    headers,
    body: payload,
    signal: AbortSignal.timeout(10_000),
  });
  return answer(response.status, await response.text(), Object.fromEntries(response.headers));
}

function answer(status: number, text: string, headers: Answer['headers']): Answer {
  return { status, body: text ? (JSON.parse(text) as Json) : {}, text, headers };
}

export const post = (
  target: Target,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> => call(target, 'POST', url, undefined, body, headers);

export const get = (
  target: Target,
  url: string,
  headers: Record<string, string> = {},
): Promise<Answer> => call(target, 'GET', url, undefined, undefined, headers);

const person = (email: string, answer: Answer): Person => ({
  email,
  id: answer.body.auth.user.id as string,
  token: answer.body.token as string,
  auth: answer.body.auth as Json,
});

/** Signs up through both steps; `fields` add to or replace name, company_name, workspace_name. */
export async function signUp(
  target: MailedTarget,
  email = uniqueEmail(),
  fields: Record<string, string> = {},
): Promise<Person> {
  const body = { username: email, name: 'Ada Lovelace', company_name: 'Acme', ...fields };
  const before = target.smtp.mailTo(email).length;
  const sent = await post(target, ROUTES.signup, body);
  assert.equal(sent.status, 200, `sign-up step 1: ${sent.text}`);
  const otp = await target.smtp.codeFor(email, before + 1);
  const done = await post(target, ROUTES.signup, { ...body, otp });
  assert.equal(done.status, 201, `sign-up step 2: ${done.text}`);
  return person(email, done);
}

/** Logs in through both steps; the caller must be past the resend cooldown (or have used the last code). */
export async function logIn(target: MailedTarget, email: string): Promise<Person> {
  const before = target.smtp.mailTo(email).length;
  const sent = await post(target, ROUTES.login, { username: email });
  assert.equal(sent.status, 200, `login step 1: ${sent.text}`);
  const otp = await target.smtp.codeFor(email, before + 1);
  const done = await post(target, ROUTES.login, { username: email, otp });
  assert.equal(done.status, 200, `login step 2: ${done.text}`);
  return person(email, done);
}

/** POST generate-token with a login token; the answer is the caller's to check. */
export const generateToken = (target: Target, loginToken: string, body: unknown = {}) =>
  call(target, 'POST', ROUTES.generateToken, loginToken, body);

/** The error body's code and status, for a compact check. */
export const errorOf = (r: { status: number; body: Json }) => ({
  status: r.status,
  error: r.body.error as unknown,
  message: r.body.message as unknown,
});
