import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Store } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { errorResponses } from '../schemas.js';

const Status = Type.Object({ status: Type.Literal('ok') });

export const healthRoutes: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  app.get(
    '/healthz',
    { schema: { tags: ['operations'], summary: 'The process is up', response: { 200: Status } } },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'The store answers',
        response: { 200: Status, ...errorResponses },
      },
    },
    async () => {
      try {
        await store.ping();
      } catch (cause) {
        throw new AppError('SERVICE_UNAVAILABLE', { cause });
      }
      return { status: 'ok' as const };
    },
  );
};
