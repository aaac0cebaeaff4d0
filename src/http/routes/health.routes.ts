import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Store } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { PUBLIC, errors } from '../schemas.js';

const Status = (description: string) =>
  Type.Object({ status: Type.Literal('ok') }, { description });

export const healthRoutes: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        operationId: 'getHealth',
        summary: 'The process is up',
        description: 'Answers as long as the process runs, without touching the store.',
        security: PUBLIC,
        response: { 200: Status('The process is up'), ...errors() },
      },
    },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        operationId: 'getReadiness',
        summary: 'The store answers',
        description: 'Ready to serve: the store answered a query just now.',
        security: PUBLIC,
        response: { 200: Status('Ready: the store answered'), ...errors('SERVICE_UNAVAILABLE') },
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
