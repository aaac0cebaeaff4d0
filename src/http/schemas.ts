// Response and shared schemas. Every route declares its responses, so a field that isn't listed
// here (a hash, an internal flag) can never reach a client by accident.
import { Type, type TSchema } from 'typebox';
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

export const security = [{ token: [] }];

/**
 * Body fields a client may send out of habit and that are ignored: credentials count only in
 * the `token` header (SPEC §1), so a token here neither authenticates nor fails validation.
 */
export const IgnoredCredentials = {
  token: Type.Optional(Type.Unknown({ description: 'Ignored: send the token in the header' })),
  api_access_token: Type.Optional(Type.Unknown({ description: 'Ignored' })),
};
