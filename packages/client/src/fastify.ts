// `@keyward/client/fastify`: a plugin that verifies the `token` header of every request of the
// scope it is registered in, and puts verify's `data` on `request.keyward`.
import type { FastifyInstance, FastifyPluginCallback } from 'fastify';
import { check, tokenOf, type MiddlewareOptions, type Outcome } from './refusal.js';
import type { VerifyData } from './types.js';

export type { MiddlewareOptions as KeywardPluginOptions } from './refusal.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** verify's `data` for the request's token (set by the keyward plugin). */
    keyward: VerifyData | null;
  }
}

const plugin: FastifyPluginCallback<MiddlewareOptions> = (app: FastifyInstance, options, done) => {
  app.decorateRequest('keyward', null);
  app.addHook('onRequest', (request, reply, next) => {
    const answer = (outcome: Outcome) => {
      if ('data' in outcome) {
        request.keyward = outcome.data;
        next();
        return;
      }
      const { status, body, retryAfter } = outcome.refusal;
      if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
      void reply.code(status).send(body);
    };
    const outcome = check(
      options,
      tokenOf(request.headers.token ?? request.headers.api_access_token),
    );
    if (outcome instanceof Promise) outcome.then(answer, next);
    else answer(outcome);
  });
  done();
};

// Like fastify-plugin: the hook applies to the scope that registers the plugin, not a child of it.
(plugin as unknown as Record<symbol, unknown>)[Symbol.for('skip-override')] = true;

/** `app.register(keyward, { verifier, scopes? })`. */
export const keyward = plugin;
export default plugin;
