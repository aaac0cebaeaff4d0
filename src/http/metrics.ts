// Counts every answer for Prometheus, and serves GET /metrics. Registered on the root instance
// (not as an encapsulated plugin), so its hooks see the requests of every route.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { Metrics } from '../metrics/metrics.js';
import { PUBLIC, errors as errorResponses } from './schemas.js';

const VERIFY_ROUTE = '/api/v1/global/verify';
const CODE_ROUTES: Record<string, 'signup' | 'login'> = {
  '/api/signup': 'signup',
  '/api/login': 'login',
};

export function registerMetrics(app: FastifyInstance, metrics: Metrics): void {
  // The error a request was answered with: its code says why a 429 or a refused verify happened.
  const errors = new WeakMap<FastifyRequest, AppError>();
  app.addHook('onError', (request, _reply, error, done) => {
    if (error instanceof AppError) errors.set(request, error);
    done();
  });

  // Synchronous hooks (with `done`): an async one costs a promise per request on verify's path.
  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern, never the raw URL: ids in paths would make a series per id.
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    metrics.requests.observe(request.method, route, status, reply.elapsedTime / 1000);

    const error = errors.get(request);
    if (status === 429)
      metrics.rateLimited.inc({ route, code: error?.code ?? 'TOO_MANY_REQUESTS' });
    // Only answers that judged a token count: a missing header, a 429 or a 503 judged nothing.
    if (route === VERIFY_ROUTE && request.verification) {
      metrics.countVerify(request.verification.kind);
    }
    const flow = CODE_ROUTES[route];
    if (flow && request.method === 'POST') {
      const body = request.body as { otp?: unknown } | undefined;
      if (body?.otp === undefined) {
        if (status === 200) metrics.codesIssued.inc({ flow });
      } else if (status !== 400) {
        metrics.logins.inc({ flow, outcome: status < 300 ? 'success' : 'failure' });
      }
    }
    done();
  });

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['operations'],
        operationId: 'getMetrics',
        summary: 'Prometheus metrics (text exposition format)',
        description: 'Requests by route and status, verify outcomes, rate limits, logins, pools.',
        security: PUBLIC,
        response: {
          200: {
            description: 'Prometheus text exposition format 0.0.4',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
          ...errorResponses(),
        },
      },
    },
    async (_request, reply) => {
      const text = await metrics.render();
      return reply.type(metrics.contentType).send(text);
    },
  );
}
