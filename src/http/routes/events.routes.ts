import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../errors.js';
import type { EventStream } from '../../events/event-stream.js';
import { credentialOf } from '../credentials.js';
import { errors, security } from '../schemas.js';

interface Deps {
  /** Undefined while EVENT_STREAM_KEYS is unset: the stream is off. */
  stream: EventStream | undefined;
  isKey: (presented: string) => boolean;
}

/** How soon a client refused for the connection limit may try again, in seconds. */
const FULL_RETRY_AFTER_S = 5;

const EVENTS_DESCRIPTION = [
  "Server-Sent Events for the operator's own services, so that they can cache verify answers",
  'and still drop a revoked token at once. Open with one of `EVENT_STREAM_KEYS` in the `token`',
  'header (off, 404, while that is unset). Each event has an `id:` (a sequence number), an',
  '`event:` line (its type) and one JSON object as `data:`; events carry ids only.',
  '',
  '- `hello` `{"max_cache_ms"}`: first, on every connection; drop whatever was cached before.',
  '- `token.revoked` `{"token_id"}`: revoked, or rotated with no grace.',
  '- `token.updated` `{"token_id"}`: its name, scopes, metadata or rate limit changed.',
  '- `session.ended` `{"session_id"}`: logout, workspace switch, membership removed.',
  '- `member.changed` `{"user_id", "company_id"}`: removed, suspended, restored, role changed.',
  '- `user.changed` `{"user_id"}`: an account disabled, enabled or deleted.',
  '- `workspace.changed` `{"workspace_id"}`: a workspace gone with its company.',
  '- `ping` `{}`: every 15 s.',
  '',
  'Expiry is not an event: never cache an answer past its `expires_at`. Every instance streams',
  "every instance's events. A reader that falls behind is disconnected; past",
  '`EVENT_STREAM_MAX_CONNECTIONS` open streams a new one is refused with 503 and `Retry-After`.',
].join('\n');

export const eventsRoutes: FastifyPluginAsyncTypebox<Deps> = async (app, deps) => {
  app.get(
    '/api/v1/global/events',
    {
      schema: {
        tags: ['api tokens'],
        operationId: 'streamEvents',
        summary: 'Stream changes that make cached verify answers stale (Server-Sent Events)',
        description: EVENTS_DESCRIPTION,
        security,
        response: {
          200: {
            description: 'An endless `text/event-stream`, `hello` first',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          ...errors('TOKEN_REQUIRED', 'INVALID_TOKEN', 'NOT_FOUND', 'SERVICE_UNAVAILABLE'),
        },
      },
    },
    async (request, reply) => {
      const stream = deps.stream;
      if (!stream) throw new AppError('NOT_FOUND');
      const key = credentialOf(request);
      if (key === undefined) throw new AppError('TOKEN_REQUIRED');
      if (!deps.isKey(key)) throw new AppError('INVALID_TOKEN');
      if (stream.full)
        throw new AppError('SERVICE_UNAVAILABLE', { retryAfter: FULL_RETRY_AFTER_S });
      // A HEAD learns that the stream is there, without holding a connection open.
      if (request.method === 'HEAD') return reply.type('text/event-stream; charset=utf-8').send();
      reply.hijack();
      stream.open(reply.raw, reply.getHeaders() as Record<string, string | number | string[]>);
    },
  );
};
