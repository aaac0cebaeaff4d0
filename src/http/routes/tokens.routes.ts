import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ApiTokensService } from '../../api-tokens/api-tokens.service.js';
import type { AbuseGuard } from '../../ratelimit/abuse-guard.js';
import { refusalError, type Outcome } from '../../verification/outcome.js';
import type { Verifier } from '../../verification/verifier.js';
import { verifyBudgetHooks } from '../abuse-hooks.js';
import { principalOf, validOf, type Authenticator } from '../authenticator.js';
import { contextOf } from '../credentials.js';
import {
  BODY_ERRORS,
  CallerAuth,
  IgnoredCredentials,
  LOGIN_ERRORS,
  Named,
  Role,
  User,
  anyTokenErrors,
  authOf,
  errors,
  Nullable,
  message,
  security,
} from '../schemas.js';
import { Capabilities, Metadata, Scopes, TokenOwner, isoOrNull } from './token-schemas.js';

interface Deps {
  apiTokens: ApiTokensService;
  authenticator: Authenticator;
  verifier: Verifier;
  guard: AbuseGuard;
}

const Verified = Type.Object(
  {
    message: message('Token is valid'),
    data: Type.Object({
      token_type: Type.Union([Type.Literal('api'), Type.Literal('login')]),
      token_id: Type.String(),
      user: Nullable(User),
      company: Named,
      workspace: Named,
      role: Nullable(Role),
      owner: TokenOwner,
      scopes: Nullable(Scopes),
      metadata: Nullable(Metadata),
      expires_at: Nullable(Type.String({ format: 'date-time' })),
      rate_limit: Nullable(
        Type.Object({
          limit: Type.Integer(),
          remaining: Type.Integer(),
          reset: Type.Integer({ description: 'Seconds until the window ends' }),
        }),
      ),
    }),
  },
  { description: 'The token is valid: whose it is and what it carries' },
);

export const tokensRoutes: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.post(
    '/api/v1/global/generate-token',
    {
      preValidation: deps.authenticator.requireLogin,
      schema: {
        tags: ['api tokens'],
        operationId: 'generateToken',
        summary: 'Mint an API token (login token required); the token is shown only in this answer',
        description:
          'A new API token (64 lowercase hex: 256 random bits) in the workspace of the session: ' +
          "the caller's, or with `owner: workspace` (owners and admins) the workspace's own, " +
          'which outlives whoever made it. Only its SHA-256 is kept: it can never be read back. ' +
          'An API token cannot mint another (`INVALID_LOGIN_TOKEN`). `expires_in_days` absent: ' +
          'it never expires. `scopes` absent or null: unrestricted.',
        security,
        body: Type.Object(
          {
            ...IgnoredCredentials,
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            expires_in_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
            ...Capabilities,
            owner: Type.Optional(TokenOwner),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            {
              message: message('API token generated successfully'),
              token: Type.String({ pattern: '^[0-9a-f]{64}$' }),
              id: Type.String(),
              name: Nullable(Type.String()),
              expires_at: Nullable(Type.String({ format: 'date-time' })),
            },
            { description: 'The new API token: shown here only' },
          ),
          ...errors(BODY_ERRORS, LOGIN_ERRORS, 'FORBIDDEN', 'TOO_MANY_REQUESTS'),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      await deps.guard.mintToken(principal.user.id, contextOf(request));
      const { name, expires_in_days, scopes, metadata, rate_limit, owner } = request.body;
      const created = await deps.apiTokens.generate(
        principal,
        { name, expiresInDays: expires_in_days, scopes, metadata, rate_limit, owner },
        contextOf(request),
      );
      return {
        message: 'API token generated successfully' as const,
        token: created.token,
        id: created.id,
        name: created.name,
        expires_at: isoOrNull(created.expires_at),
      };
    },
  );

  app.post(
    '/api/v1/global/verify',
    {
      ...verifyBudgetHooks(deps.guard),
      preValidation: deps.authenticator.requireAny('TOKEN_REQUIRED'),
      schema: {
        tags: ['api tokens'],
        operationId: 'verifyToken',
        summary: 'Check an API token or a login token and say whose it is and what it carries',
        description:
          'For services that accept keyward tokens: the `token` header holds the token to ' +
          'check. A revoked token is refused by every instance within a second. `scopes` in ' +
          'the body must all be held (`INSUFFICIENT_SCOPE`). A token with a rate limit spends ' +
          'one verify of it per answer 200 (`TOO_MANY_REQUESTS` once spent; a refusal spends ' +
          'nothing). With a failed-verify budget configured, an address that spent it gets ' +
          '`TOO_MANY_REQUESTS` too.',
        security,
        body: Type.Optional(
          Type.Object(
            {
              ...IgnoredCredentials,
              scopes: Type.Optional(
                Type.Array(Type.String({ maxLength: 64 }), {
                  maxItems: 32,
                  description:
                    'Every one must be held (403 INSUFFICIENT_SCOPE otherwise); an unrestricted token or a login token holds them all',
                }),
              ),
            },
            { additionalProperties: false },
          ),
        ),
        response: {
          200: Verified,
          ...errors(
            BODY_ERRORS,
            anyTokenErrors('TOKEN_REQUIRED'),
            'INSUFFICIENT_SCOPE',
            'TOO_MANY_REQUESTS',
          ),
        },
      },
    },
    // Not async: a token without a rate limit is answered without a promise per verify.
    (request, reply) => {
      const admitted = deps.verifier.admit(validOf(request), request.body?.scopes);
      return admitted instanceof Promise
        ? admitted.then((outcome) => answer(request, reply, outcome))
        : answer(request, reply, admitted);
    },
  );

  app.get(
    '/api/v1/global/me',
    {
      preValidation: deps.authenticator.requireAny('LOGIN_TOKEN_REQUIRED'),
      schema: {
        tags: ['accounts'],
        operationId: 'getMe',
        summary: 'Who the token belongs to (either kind of token)',
        description:
          "The user, company, workspace and role behind the token; `session` is the login token's " +
          "session, null for an API token. A workspace's own API token has no user or role (null).",
        security,
        response: {
          200: Type.Object(
            { message: message('OK'), auth: CallerAuth },
            { description: 'Who the token belongs to' },
          ),
          ...errors(anyTokenErrors('LOGIN_TOKEN_REQUIRED'), 'TOO_MANY_REQUESTS'),
        },
      },
    },
    async (request) => {
      const outcome = await deps.verifier.admit(validOf(request));
      request.verification = outcome;
      if (outcome.kind !== 'valid') throw refusalError(outcome);
      return { message: 'OK' as const, auth: authOf(outcome.caller) };
    },
  );
};

/** Verify's answer: what the token is and carries, or the refusal `admit` gave. */
function answer(request: FastifyRequest, reply: FastifyReply, outcome: Outcome) {
  request.verification = outcome;
  if (outcome.kind !== 'valid') throw refusalError(outcome);
  const { caller, terms, budget } = outcome;
  if (budget) {
    reply.header('ratelimit-limit', String(budget.limit));
    reply.header('ratelimit-remaining', String(budget.remaining));
    reply.header('ratelimit-reset', String(budget.reset));
  }
  return {
    message: 'Token is valid' as const,
    data: {
      token_type: caller.kind,
      token_id: caller.tokenId,
      user: caller.user,
      company: caller.company,
      workspace: caller.workspace,
      role: caller.role,
      owner: terms.owner,
      scopes: terms.scopes,
      metadata: terms.metadata,
      expires_at: isoOrNull(terms.expiresAt),
      rate_limit: budget ?? null,
    },
  };
}
