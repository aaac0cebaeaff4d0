// Response and shared schemas. Every route declares its responses, so a field that isn't listed
// here (a hash, an internal flag) can never reach a client by accident.
import { Type, type TSchema } from 'typebox';
import { toIso } from '../lib/clock.js';
import type { Principal } from '../identity/principal.js';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Named = Type.Object({ id: Type.String(), name: Type.String() });

export const User = Type.Object({ id: Type.String(), email: Type.String(), name: Type.String() });

export const Role = Type.Union([
  Type.Literal('owner'),
  Type.Literal('admin'),
  Type.Literal('member'),
]);

export const Auth = Type.Object({
  user: User,
  company: Named,
  workspace: Named,
  role: Role,
  session: Type.Union([
    Type.Object({ id: Type.String(), expires_at: Type.String({ format: 'date-time' }) }),
    Type.Null(),
  ]),
});

export const ErrorBody = Type.Object(
  {
    error: Type.Literal(true),
    message: Type.String({
      description: 'An error code from the contract, e.g. INVALID_LOGIN_TOKEN',
    }),
    request_id: Type.Optional(Type.String()),
    details: Type.Optional(Type.Array(Type.Unknown())),
  },
  { $id: 'ErrorBody' },
);

export const errorResponses = {
  '4xx': Type.Ref('ErrorBody'),
  '5xx': Type.Ref('ErrorBody'),
} as const;

export const message = (text: string) => Type.Literal(text);

/** The `auth` object of sign-up, login and /me. */
export function authOf(principal: Omit<Principal, 'kind' | 'tokenId'>) {
  return {
    user: principal.user,
    company: principal.company,
    workspace: principal.workspace,
    role: principal.role,
    session: principal.session
      ? { id: principal.session.id, expires_at: toIso(principal.session.expires_at) }
      : null,
  };
}

export const security = [{ token: [] }];

/**
 * Body fields a client may send out of habit and that are ignored: credentials count only in
 * the `token` header (SPEC §1), so a token here neither authenticates nor fails validation.
 */
export const IgnoredCredentials = {
  token: Type.Optional(Type.Unknown({ description: 'Ignored: send the token in the header' })),
  api_access_token: Type.Optional(Type.Unknown({ description: 'Ignored' })),
};
