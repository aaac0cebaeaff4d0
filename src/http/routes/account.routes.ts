import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AccountsService } from '../../accounts/accounts.service.js';
import { principalOf, type Authenticator } from '../authenticator.js';
import { contextOf } from '../credentials.js';
import { BODY_ERRORS, LOGIN_ERRORS, errors, message, security } from '../schemas.js';

interface Deps {
  accounts: AccountsService;
  authenticator: Authenticator;
}

export const accountRoutes: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.delete(
    '/api/v1/global/me',
    {
      preValidation: deps.authenticator.requireLogin,
      schema: {
        tags: ['accounts'],
        operationId: 'deleteAccount',
        summary:
          'Delete your account; a company you are the last owner of must be handed over first',
        description:
          'Every session and API token of the account ends with it. A company whose last owner ' +
          'you are, and that has other members, is a `CONFLICT`: make another owner first. One ' +
          'with no other member is deleted too.',
        security,
        response: {
          200: Type.Object(
            { message: message('ACCOUNT_DELETED') },
            { description: 'The account and everything of it are gone' },
          ),
          ...errors(BODY_ERRORS, LOGIN_ERRORS, 'CONFLICT'),
        },
      },
    },
    async (request) => {
      await deps.accounts.deleteAccount(principalOf(request), contextOf(request));
      return { message: 'ACCOUNT_DELETED' as const };
    },
  );
};
