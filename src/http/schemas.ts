// Response and shared schemas. Every route declares its responses, so a field that isn't listed
// here (a hash, an internal flag) can never reach a client by accident.
import { STATUS_CODES } from 'node:http';
import { Type, type TSchema } from 'typebox';
import { ERROR_STATUS, type ErrorCode } from '../errors.js';
import { toIso } from '../lib/clock.js';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Named = Type.Object({ id: Type.String(), name: Type.String() });

export const User = Type.Object({ id: Type.String(), email: Type.String(), name: Type.String() });

export const Role = Type.Union([
  Type.Literal('owner'),
  Type.Literal('admin'),
  Type.Literal('member'),
]);

const Session = Type.Object({
  id: Type.String(),
  expires_at: Type.String({ format: 'date-time' }),
});

/** A person in a workspace: sign-up, login, switch, and /me for a person's token. */
export const Auth = Type.Object({
  user: User,
  company: Named,
  workspace: Named,
  role: Role,
  session: Nullable(Session),
});

/** /me: a person, or (for a workspace's own API token) nobody: `user` and `role` are null. */
export const CallerAuth = Type.Object({
  user: Nullable(User),
  company: Named,
  workspace: Named,
  role: Nullable(Role),
  session: Nullable(Session),
});

export const message = (text: string) => Type.Literal(text);

/** The `auth` object of sign-up, login and /me. */
export function authOf<U, R>(caller: {
  user: U;
  role: R;
  company: { id: string; name: string };
  workspace: { id: string; name: string };
  session: { id: string; expires_at: number } | null;
}) {
  return {
    user: caller.user,
    company: caller.company,
    workspace: caller.workspace,
    role: caller.role,
    session: caller.session
      ? { id: caller.session.id, expires_at: toIso(caller.session.expires_at) }
      : null,
  };
}

type Security = { [scheme: string]: string[] }[];

/** Either header carries the token: `token`, or its alias `api_access_token`. */
export const security: Security = [{ token: [] }, { api_access_token: [] }];

/** Operations anyone may call, with no token. */
export const PUBLIC: Security = [];

/**
 * Keywords that only the OpenAPI document reads: request validation ignores them, and the
 * document shows their content as if written in place (see openapi.ts). For what the services
 * check themselves, with their own error codes, which a schema check would pre-empt.
 */
export const DOCUMENT_ONLY = 'x-document-only';
export const documentOnly = (keywords: { format?: string; required?: string[] }) => ({
  [DOCUMENT_ONLY]: keywords,
});

/**
 * An email address in a request body. Documented as `format: email`, not checked as one here:
 * the service normalises the address and answers USERNAME_REQUIRED / INVALID_USERNAME itself,
 * Unicode addresses included, where ajv's format would refuse them as VALIDATION_FAILED.
 */
export const EmailAddress = (description: string) =>
  Type.String({ maxLength: 320, description, ...documentOnly({ format: 'email' }) });

/**
 * Body fields a client may send out of habit and that are ignored: credentials count only in
 * the `token` header, so a token here neither authenticates nor fails validation.
 */
export const IgnoredCredentials = {
  token: Type.Optional(Type.Unknown({ description: 'Ignored: send the token in the header' })),
  api_access_token: Type.Optional(Type.Unknown({ description: 'Ignored' })),
};

// ---- error responses ---------------------------------------------------------------------

/** What each code tells a client, for the document. */
const MEANING: Record<ErrorCode, string> = {
  LOGIN_TOKEN_REQUIRED: 'no `token` header',
  TOKEN_REQUIRED: 'no `token` header',
  USERNAME_REQUIRED: 'no email address given',
  INVALID_USERNAME: 'not an email address',
  VALIDATION_FAILED: 'a malformed request, or one that does not match its schema (`details`)',
  INVALID_JSON: 'the body is not JSON',
  INVALID_LOGIN_TOKEN: 'not a valid login token (an API token included), or its session ended',
  SESSIONEXPIRED: "the login token's lifetime is over, or its session was idle too long",
  INVALID_TOKEN:
    'unknown, revoked or expired API token, or its user, membership or workspace is gone',
  INVALID_OTP: 'wrong or already used code',
  OTP_EXPIRED: 'the code is past its 10 minutes',
  FORBIDDEN: 'your role, or your account, may not do this',
  INSUFFICIENT_SCOPE: 'the token lacks a scope the verify asked for',
  NOT_FOUND: 'nothing here by that id or path',
  TOKEN_NOT_FOUND: 'no live API token by that id that you may manage',
  WORKSPACE_NOT_FOUND: 'no workspace by that id that you may enter',
  METHOD_NOT_ALLOWED: 'the path exists, but not with this method; `Allow` lists its methods',
  EMAIL_ALREADY_REGISTERED: 'the address already has an account',
  CONFLICT: 'the change would leave a company without an owner, or is already done',
  PAYLOAD_TOO_LARGE: 'the body is over 16 KiB, or the headers over 16 KiB',
  TOO_MANY_ATTEMPTS: 'too many wrong codes: the address is locked until `Retry-After`',
  TOO_MANY_REQUESTS: 'a rate limit is spent: try again after `Retry-After` seconds',
  INTERNAL_ERROR: 'a bug, logged with the request id; nothing of it is in the body',
  SERVICE_UNAVAILABLE: 'the store cannot be reached: nothing was written, try again',
};

/**
 * Any request at all, before it reaches an operation: a malformed request line or header, or
 * headers over the size limit.
 */
const REQUEST_ERRORS = ['VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE'] as const;

/** Any request with a body (every POST, PATCH and DELETE): it is read before anything else. */
export const BODY_ERRORS = ['INVALID_JSON', ...REQUEST_ERRORS] as const;

/** A route that needs a login token: its session is looked up in the store. */
export const LOGIN_ERRORS = [
  'LOGIN_TOKEN_REQUIRED',
  'INVALID_LOGIN_TOKEN',
  'SESSIONEXPIRED',
  'SERVICE_UNAVAILABLE',
] as const;

/** A route that takes either kind of token; `missing` is its answer to no token at all. */
export const anyTokenErrors = (missing: 'TOKEN_REQUIRED' | 'LOGIN_TOKEN_REQUIRED') =>
  [
    missing,
    'INVALID_TOKEN',
    'INVALID_LOGIN_TOKEN',
    'SESSIONEXPIRED',
    'SERVICE_UNAVAILABLE',
  ] as const;

type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

const RATE_LIMIT_HEADERS = {
  'retry-after': Type.Integer({ description: 'Seconds until the client may try again' }),
  'ratelimit-limit': Type.Integer({ description: "The spent budget's size" }),
  'ratelimit-remaining': Type.Integer({ description: 'What is left of it: 0' }),
  'ratelimit-reset': Type.Integer({ description: 'Seconds until it refills' }),
};

/**
 * The error responses of an operation, one per status, from the codes it can answer (grouped
 * by their status in the registry). Each body's `message` is an enum of that status's codes,
 * and the description says what each one means. Every operation can get a malformed or
 * oversized request, and meet a bug: those codes are always there.
 */
export function errors(
  ...codes: (ErrorCode | readonly ErrorCode[])[]
): Partial<Record<ErrorStatus, TSchema>> {
  const listed = new Set<ErrorCode>([...REQUEST_ERRORS, ...codes.flat(), 'INTERNAL_ERROR']);
  const byStatus = new Map<ErrorStatus, ErrorCode[]>();
  // Registry order, so the document reads the same whatever order a route lists its codes in.
  for (const code of Object.keys(ERROR_STATUS) as ErrorCode[]) {
    if (!listed.has(code)) continue;
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Partial<Record<ErrorStatus, TSchema>> = {};
  for (const [status, statusCodes] of byStatus) {
    responses[status] = Type.Object(
      {
        error: Type.Literal(true),
        message: Type.Unsafe<ErrorCode>({ type: 'string', enum: statusCodes }),
        request_id: Type.Optional(Type.String({ description: 'Also in `x-request-id`' })),
        details: Type.Optional(
          Type.Array(Type.Unknown(), {
            description:
              'What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED)',
          }),
        ),
      },
      {
        description: [
          `${STATUS_CODES[status]}. \`message\` is one of:`,
          ...statusCodes.map((code) => `- \`${code}\`: ${MEANING[code]}`),
        ].join('\n'),
        ...(status === 429 ? { headers: RATE_LIMIT_HEADERS } : {}),
      },
    );
  }
  return responses;
}
