import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { WorkspacesService } from '../../tenancy/workspaces.service.js';
import { principalOf, type Authenticator } from '../authenticator.js';
import { contextOf } from '../credentials.js';
import { Auth, Named, Role, authOf, errorResponses, message, security } from '../schemas.js';

interface Deps {
  workspaces: WorkspacesService;
  authenticator: Authenticator;
}

export const workspacesRoutes: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get(
    '/api/v1/global/workspaces',
    {
      preValidation: deps.authenticator.requireLogin,
      schema: {
        tags: ['workspaces'],
        summary: 'Every workspace you can enter, in every company you belong to',
        security,
        response: {
          200: Type.Object({
            message: message('OK'),
            workspaces: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.String(),
                company: Named,
                role: Role,
                current: Type.Boolean(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const rows = await deps.workspaces.list(principal);
      return {
        message: 'OK' as const,
        workspaces: rows.map((row) => ({
          id: row.id,
          name: row.name,
          company: { id: row.company_id, name: row.company_name },
          role: row.role,
          current: row.id === principal.workspace.id,
        })),
      };
    },
  );

  app.post(
    '/api/v1/global/workspaces',
    {
      preValidation: deps.authenticator.requireLogin,
      schema: {
        tags: ['workspaces'],
        summary: 'Create a workspace in your current company (owners/admins)',
        security,
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ message: message('WORKSPACE_CREATED'), workspace: Named }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const workspace = await deps.workspaces.create(
        principalOf(request),
        request.body.name,
        contextOf(request),
      );
      return reply.code(201).send({ message: 'WORKSPACE_CREATED' as const, workspace });
    },
  );

  app.post(
    '/api/v1/global/switch-workspace',
    {
      preValidation: deps.authenticator.requireLogin,
      schema: {
        tags: ['workspaces'],
        summary: 'A new login token for another workspace; the current session ends',
        security,
        body: Type.Object(
          { workspace_id: Type.String({ minLength: 1, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ message: message('LOGGEDIN'), token: Type.String(), auth: Auth }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const switched = await deps.workspaces.switchTo(
        principalOf(request),
        request.body.workspace_id,
        contextOf(request),
      );
      return {
        message: 'LOGGEDIN' as const,
        token: switched.token,
        auth: authOf({ ...switched.placement, session: switched.session }),
      };
    },
  );
};
