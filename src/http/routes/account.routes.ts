import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AccountsService } from '../../accounts/accounts.service.js';
import { principalOf, type Authenticator } from '../authenticator.js';
import { contextOf } from '../credentials.js';
import { errorResponses, message, security } from '../schemas.js';

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
        summary:
          'Delete your account; a company you are the last owner of must be handed over first',
        security,
        response: { 200: Type.Object({ message: message('ACCOUNT_DELETED') }), ...errorResponses },
      },
    },
    async (request) => {
      await deps.accounts.deleteAccount(principalOf(request), contextOf(request));
      return { message: 'ACCOUNT_DELETED' as const };
    },
  );
};
