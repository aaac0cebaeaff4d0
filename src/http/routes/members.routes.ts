import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { toIso } from '../../lib/clock.js';
import type { MemberRow } from '../../tenancy/members.repository.js';
import type { MembersService } from '../../tenancy/members.service.js';
import { principalOf, type Authenticator } from '../authenticator.js';
import { contextOf } from '../credentials.js';
import { Role, User, errorResponses, message, security } from '../schemas.js';

interface Deps {
  members: MembersService;
  authenticator: Authenticator;
}

const Member = Type.Object({
  user: User,
  role: Role,
  disabled: Type.Boolean(),
  joined_at: Type.String({ format: 'date-time' }),
});

const memberOf = (row: MemberRow) => ({
  user: { id: row.user_id, email: row.email, name: row.name },
  role: row.role,
  disabled: row.disabled_at !== null,
  joined_at: toIso(row.created_at),
});

const UserIdParams = Type.Object({ user_id: Type.String({ maxLength: 64 }) });

export const membersRoutes: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get(
    '/api/v1/global/members',
    {
      preValidation: deps.authenticator.requireLogin,
      schema: {
        tags: ['members'],
        summary: 'Members and pending invitations of your current company',
        security,
        response: {
          200: Type.Object({
            message: message('OK'),
            members: Type.Array(Member),
            invitations: Type.Array(
              Type.Object({
                id: Type.String(),
                email: Type.String(),
                role: Role,
                invited_at: Type.String({ format: 'date-time' }),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { members, invitations } = await deps.members.list(principalOf(request));
      return {
        message: 'OK' as const,
        members: members.map(memberOf),
        invitations: invitations.map((i) => ({
          id: i.id,
          email: i.email,
          role: i.role,
          invited_at: toIso(i.created_at),
        })),
      };
    },
  );

  app.post(
    '/api/v1/global/members',
    {
      preValidation: deps.authenticator.requireLogin,
      schema: {
        tags: ['members'],
        summary: 'Invite by email (owners/admins): they join at their next sign-up or login',
        security,
        body: Type.Object(
          { email: Type.String({ maxLength: 320 }), role: Role },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            message: message('INVITED'),
            invitation: Type.Object({ id: Type.String(), email: Type.String(), role: Role }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const invitation = await deps.members.invite(
        principalOf(request),
        request.body.email,
        request.body.role,
        contextOf(request),
      );
      return reply.code(201).send({
        message: 'INVITED' as const,
        invitation: { id: invitation.id, email: invitation.email, role: invitation.role },
      });
    },
  );

  app.patch(
    '/api/v1/global/members/:user_id',
    {
      preValidation: deps.authenticator.requireLogin,
      schema: {
        tags: ['members'],
        summary: "Change a member's role or suspend them (owners/admins)",
        security,
        params: UserIdParams,
        body: Type.Object(
          { role: Type.Optional(Role), disabled: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ message: message('MEMBER_UPDATED'), member: Member }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const member = await deps.members.update(
        principalOf(request),
        request.params.user_id,
        request.body,
        contextOf(request),
      );
      return { message: 'MEMBER_UPDATED' as const, member: memberOf(member) };
    },
  );

  app.delete(
    '/api/v1/global/members/:user_id',
    {
      preValidation: deps.authenticator.requireLogin,
      schema: {
        tags: ['members'],
        summary: 'Remove a member: their sessions and API tokens here stop at once',
        security,
        params: UserIdParams,
        response: { 200: Type.Object({ message: message('MEMBER_REMOVED') }), ...errorResponses },
      },
    },
    async (request) => {
      await deps.members.remove(principalOf(request), request.params.user_id, contextOf(request));
      return { message: 'MEMBER_REMOVED' as const };
    },
  );
};
