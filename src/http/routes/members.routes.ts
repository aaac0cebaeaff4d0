import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { toIso } from '../../lib/clock.js';
import type { MemberRow } from '../../tenancy/members.repository.js';
import type { MembersService } from '../../tenancy/members.service.js';
import { principalOf, type Authenticator } from '../authenticator.js';
import { contextOf } from '../credentials.js';
import {
  BODY_ERRORS,
  EmailAddress,
  LOGIN_ERRORS,
  Role,
  User,
  errors,
  message,
  security,
} from '../schemas.js';

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
        operationId: 'listMembers',
        summary: 'Members and pending invitations of your current company',
        description: 'Every member with their role and whether they are suspended.',
        security,
        response: {
          200: Type.Object(
            {
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
            },
            { description: 'The members, and the invitations not yet taken up' },
          ),
          ...errors(LOGIN_ERRORS),
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
        operationId: 'inviteMember',
        summary: 'Invite by email (owners/admins): they join at their next sign-up or login',
        description:
          'The address is mailed an invitation; its owner joins the company with `role` when ' +
          'they next sign up or log in (an address with no account gets one at login). Only ' +
          'owners invite owners. An address that is already a member is a `CONFLICT`. The ' +
          'address is checked like a sign-up `username`.',
        security,
        body: Type.Object(
          { email: EmailAddress('Address to invite'), role: Role },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object(
            {
              message: message('INVITED'),
              invitation: Type.Object({ id: Type.String(), email: Type.String(), role: Role }),
            },
            { description: 'The invitation; the address is mailed' },
          ),
          ...errors(
            BODY_ERRORS,
            LOGIN_ERRORS,
            'USERNAME_REQUIRED',
            'INVALID_USERNAME',
            'FORBIDDEN',
            'CONFLICT',
          ),
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
        operationId: 'updateMember',
        summary: "Change a member's role or suspend them (owners/admins)",
        description:
          "A suspended member's sessions and API tokens in this company stop at once; " +
          '`disabled: false` lets them back. Only owners make or change owners, and the last ' +
          'owner cannot be demoted or suspended (`CONFLICT`).',
        security,
        params: UserIdParams,
        body: Type.Object(
          { role: Type.Optional(Role), disabled: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object(
            { message: message('MEMBER_UPDATED'), member: Member },
            { description: 'The member as changed' },
          ),
          ...errors(BODY_ERRORS, LOGIN_ERRORS, 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'),
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
        operationId: 'removeMember',
        summary: 'Remove a member: their sessions and API tokens here stop at once',
        description:
          'Owners and admins only; admins cannot remove owners, and the last owner cannot be ' +
          'removed (`CONFLICT`). A user who is not a member here is `NOT_FOUND`.',
        security,
        params: UserIdParams,
        response: {
          200: Type.Object(
            { message: message('MEMBER_REMOVED') },
            { description: 'The member is removed' },
          ),
          ...errors(BODY_ERRORS, LOGIN_ERRORS, 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'),
        },
      },
    },
    async (request) => {
      await deps.members.remove(principalOf(request), request.params.user_id, contextOf(request));
      return { message: 'MEMBER_REMOVED' as const };
    },
  );
};
