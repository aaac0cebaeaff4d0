import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ApiTokensService } from '../../api-tokens/api-tokens.service.js';
import { toIso } from '../../lib/clock.js';
import type { AbuseGuard } from '../../ratelimit/abuse-guard.js';
import { verifyBudgetHooks } from '../abuse-hooks.js';
import { principalOf, type Authenticator } from '../authenticator.js';
import { contextOf } from '../credentials.js';
import {
  Auth,
  IgnoredCredentials,
  Named,
  Role,
  User,
  BODY_ERRORS,
  LOGIN_ERRORS,
  anyTokenErrors,
  authOf,
  errors,
  Nullable,
  message,
  security,
} from '../schemas.js';

interface Deps {
  apiTokens: ApiTokensService;
  authenticator: Authenticator;
  guard: AbuseGuard;
}

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
          'A new API token (64 lowercase hex: 256 random bits) bound to the user, company and ' +
          'workspace of the session. Only its SHA-256 is kept: it can never be read back. ' +
          'An API token cannot mint another (`INVALID_LOGIN_TOKEN`). `expires_in_days` absent: ' +
          'it never expires.',
        security,
        body: Type.Object(
          {
            ...IgnoredCredentials,
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            expires_in_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
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
          ...errors(BODY_ERRORS, LOGIN_ERRORS, 'TOO_MANY_REQUESTS'),
        },
      },
    },
    async (request) => {
      await deps.guard.mintToken(principalOf(request).user.id, contextOf(request));
      const created = await deps.apiTokens.generate(
        principalOf(request),
        { name: request.body.name, expiresInDays: request.body.expires_in_days },
        contextOf(request),
      );
      return {
        message: 'API token generated successfully' as const,
        token: created.token,
        id: created.id,
        name: created.name,
        expires_at: created.expires_at === null ? null : toIso(created.expires_at),
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
        summary: 'Check an API token or a login token and say whose it is',
        description:
          'For services that accept keyward tokens: the `token` header holds the token to ' +
          'check. A revoked token is refused by every instance within a second. With a ' +
          'failed-verify budget configured, an address that spent it gets `TOO_MANY_REQUESTS`.',
        security,
        response: {
          200: Type.Object(
            {
              message: message('Token is valid'),
              data: Type.Object({
                token_type: Type.Union([Type.Literal('api'), Type.Literal('login')]),
                token_id: Type.String(),
                user: User,
                company: Named,
                workspace: Named,
                role: Role,
              }),
            },
            { description: 'The token is valid; whose it is' },
          ),
          ...errors(BODY_ERRORS, anyTokenErrors('TOKEN_REQUIRED'), 'TOO_MANY_REQUESTS'),
        },
      },
    },
    // Not async: nothing to wait for once the hook has the principal, and a returned value is
    // sent as is, without a promise per verify.
    (request) => {
      const principal = principalOf(request);
      return {
        message: 'Token is valid' as const,
        data: {
          token_type: principal.kind,
          token_id: principal.tokenId,
          user: principal.user,
          company: principal.company,
          workspace: principal.workspace,
          role: principal.role,
        },
      };
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
          'session, null for an API token.',
        security,
        response: {
          200: Type.Object(
            { message: message('OK'), auth: Auth },
            { description: 'Who the token belongs to' },
          ),
          ...errors(anyTokenErrors('LOGIN_TOKEN_REQUIRED')),
        },
      },
    },
    async (request) => {
      return { message: 'OK' as const, auth: authOf(principalOf(request)) };
    },
  );
};
