import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from 'fastify';
import { AppError } from '../errors.js';

/**
 * JSON bodies, whatever Content-Type they come with (curl's `-d` says form-urlencoded). An empty
 * body counts as `{}`: a POST needs no body, while Fastify's own parser refuses an empty JSON
 * body.
 */
export function registerJsonBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, {});
      return;
    }
    try {
      done(null, JSON.parse(text) as unknown);
    } catch (cause) {
      done(new AppError('INVALID_JSON', { cause }), undefined);
    }
  });
  // No body at all (no Content-Type either) is the same as `{}`, on the routes that validate a
  // body; the others (verify among them) skip the hook.
  app.addHook('onRoute', (route) => {
    if (route.schema?.body === undefined) return;
    const hooks = route.preValidation;
    route.preValidation = [
      emptyBodyIsEmptyObject,
      ...(hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]),
    ];
  });
}

function emptyBodyIsEmptyObject(
  request: FastifyRequest,
  _reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  if (request.body === undefined) request.body = {};
  done();
}
