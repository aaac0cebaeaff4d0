import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AuditService } from '../../audit/audit.service.js';
import { toIso } from '../../lib/clock.js';
import { principalOf, type Authenticator } from '../authenticator.js';
import { LOGIN_ERRORS, Nullable, errors, message, security } from '../schemas.js';

interface Deps {
  audit: AuditService;
  authenticator: Authenticator;
}

export const auditRoutes: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get(
    '/api/v1/global/audit-log',
    {
      preValidation: deps.authenticator.requireLogin,
      schema: {
        tags: ['audit'],
        operationId: 'getAuditLog',
        summary: "Your company's audit log, newest first (owners/admins)",
        description:
          'Sign-ups, logins and failed logins, codes sent, tokens generated, refused and ' +
          'revoked, logouts, member and workspace changes: each with its actor, time, address, ' +
          'user agent and target. `limit` is 1 to 100 (default 50); pass `next_cursor` back as ' +
          '`cursor` for the next page.',
        security,
        querystring: Type.Object(
          {
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
            limit: Type.Optional(Type.String({ pattern: '^(?:[1-9]\\d?|100)$' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            {
              message: message('OK'),
              events: Type.Array(
                Type.Object({
                  id: Type.String(),
                  action: Type.String(),
                  actor: Nullable(Type.Object({ id: Type.String() })),
                  target_id: Nullable(Type.String()),
                  ip: Nullable(Type.String()),
                  user_agent: Nullable(Type.String()),
                  created_at: Type.String({ format: 'date-time' }),
                }),
              ),
              next_cursor: Nullable(Type.String()),
            },
            { description: 'A page of events, newest first' },
          ),
          ...errors(LOGIN_ERRORS, 'VALIDATION_FAILED', 'FORBIDDEN'),
        },
      },
    },
    async (request) => {
      const limit = Number(request.query.limit ?? 50);
      const page = await deps.audit.page(principalOf(request), request.query.cursor, limit);
      return {
        message: 'OK' as const,
        events: page.events.map((e) => ({
          id: e.id,
          action: e.action,
          actor: e.actor_user_id === null ? null : { id: e.actor_user_id },
          target_id: e.target_id,
          ip: e.ip,
          user_agent: e.user_agent,
          created_at: toIso(e.created_at),
        })),
        next_cursor: page.nextCursor,
      };
    },
  );
};
