import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ApiTokensService } from '../../api-tokens/api-tokens.service.js';
import { toIso } from '../../lib/clock.js';
import { principalOf, type Authenticator } from '../authenticator.js';
import { contextOf } from '../credentials.js';
import { Named, Nullable, errorResponses, message, security } from '../schemas.js';

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
        summary:
          'Your live API tokens in this workspace; `all=true` (owners/admins): the whole company',
        security,
        querystring: Type.Object(
          { all: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
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
          }),
          ...errorResponses,
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
        summary: 'Revoke an API token: yours, or any of the company for owners/admins',
        security,
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: {
          200: Type.Object({ message: message('API token revoked') }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      await deps.apiTokens.revoke(principalOf(request), request.params.id, contextOf(request));
      return { message: 'API token revoked' as const };
    },
  );
};
