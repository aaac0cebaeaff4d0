import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ApiTokensService } from '../../api-tokens/api-tokens.service.js';
import { toIso } from '../../lib/clock.js';
import { principalOf, type Authenticator } from '../authenticator.js';
import { contextOf } from '../credentials.js';
import {
  BODY_ERRORS,
  LOGIN_ERRORS,
  Named,
  Nullable,
  errors,
  message,
  security,
} from '../schemas.js';

interface Deps {
  apiTokens: ApiTokensService;
  authenticator: Authenticator;
}

const isoOrNull = (ms: number | null) => (ms === null ? null : toIso(ms));

export const tokenManagementRoutes: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get(
    '/api/v1/global/tokens',
    {
      preValidation: deps.authenticator.requireLogin,
      schema: {
        tags: ['api tokens'],
        operationId: 'listTokens',
        summary:
          'Your live API tokens in this workspace; `all=true` (owners/admins): the whole company',
        description:
          'Live tokens only (not revoked, not expired), newest first. No token or hash is ever ' +
          'listed: `hint` is its last 4 characters. `last_used_at` is at most a minute behind.',
        security,
        querystring: Type.Object(
          { all: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            {
              message: message('OK'),
              tokens: Type.Array(
                Type.Object({
                  id: Type.String(),
                  name: Nullable(Type.String()),
                  hint: Type.String({ description: "The token's last 4 characters" }),
                  created_at: Type.String({ format: 'date-time' }),
                  last_used_at: Nullable(Type.String({ format: 'date-time' })),
                  expires_at: Nullable(Type.String({ format: 'date-time' })),
                  workspace: Named,
                  created_by: Type.Object({ id: Type.String(), email: Type.String() }),
                }),
              ),
            },
            { description: 'Your live API tokens (no token or hash, ever)' },
          ),
          ...errors(LOGIN_ERRORS, 'VALIDATION_FAILED', 'FORBIDDEN'),
        },
      },
    },
    async (request) => {
      const rows = await deps.apiTokens.list(principalOf(request), request.query.all === 'true');
      return {
        message: 'OK' as const,
        tokens: rows.map((row) => ({
          id: row.id,
          name: row.name,
          hint: row.hint,
          created_at: toIso(row.created_at),
          last_used_at: isoOrNull(row.last_used_at),
          expires_at: isoOrNull(row.expires_at),
          workspace: { id: row.workspace_id, name: row.workspace_name },
          created_by: { id: row.user_id, email: row.email },
        })),
      };
    },
  );

  app.delete(
    '/api/v1/global/tokens/:id',
    {
      preValidation: deps.authenticator.requireLogin,
      schema: {
        tags: ['api tokens'],
        operationId: 'revokeToken',
        summary: 'Revoke an API token: yours, or any of the company for owners/admins',
        description:
          'The token is refused at once by this instance and within a second by every other. ' +
          "Another person's token, or another company's, is `TOKEN_NOT_FOUND` unless you are " +
          'an owner or admin of its company.',
        security,
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: {
          200: Type.Object(
            { message: message('API token revoked') },
            { description: 'The token is revoked' },
          ),
          ...errors(BODY_ERRORS, LOGIN_ERRORS, 'TOKEN_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      await deps.apiTokens.revoke(principalOf(request), request.params.id, contextOf(request));
      return { message: 'API token revoked' as const };
    },
  );
};
