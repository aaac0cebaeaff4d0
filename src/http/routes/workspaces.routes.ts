import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { WorkspacesService } from '../../tenancy/workspaces.service.js';
import { principalOf, type Authenticator } from '../authenticator.js';
import { contextOf } from '../credentials.js';
import {
  Auth,
  BODY_ERRORS,
  LOGIN_ERRORS,
  Named,
  Role,
  authOf,
  errors,
  message,
  security,
} from '../schemas.js';

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
        operationId: 'listWorkspaces',
        summary: 'Every workspace you can enter, in every company you belong to',
        description:
          'Each with its company and your role there; `current` marks the workspace of this ' +
          'login token.',
        security,
        response: {
          200: Type.Object(
            {
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
            },
            { description: 'The workspaces you can enter' },
          ),
          ...errors(LOGIN_ERRORS),
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
        operationId: 'createWorkspace',
        summary: 'Create a workspace in your current company (owners/admins)',
        description:
          'Members of the company can switch to it with `switchWorkspace`; this login token ' +
          'stays in its own workspace.',
        security,
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object(
            { message: message('WORKSPACE_CREATED'), workspace: Named },
            { description: 'The new workspace' },
          ),
          ...errors(BODY_ERRORS, LOGIN_ERRORS, 'FORBIDDEN'),
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
        operationId: 'switchWorkspace',
        summary: 'A new login token for another workspace; the current session ends',
        description:
          'Any workspace you can enter, in this company or another you belong to. One you ' +
          "can't enter is `WORKSPACE_NOT_FOUND`, whether or not it exists. Your next login " +
          'lands in it.',
        security,
        body: Type.Object(
          { workspace_id: Type.String({ minLength: 1, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            { message: message('LOGGEDIN'), token: Type.String(), auth: Auth },
            { description: 'A login token for that workspace' },
          ),
          ...errors(BODY_ERRORS, LOGIN_ERRORS, 'WORKSPACE_NOT_FOUND'),
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
