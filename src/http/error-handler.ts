import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isStoreUnavailable } from '../db/store-errors.js';
import { AppError, type ErrorCode } from '../errors.js';

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** Every error a route or hook throws, and every request no route matched. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  // A request no route matched is told so, whatever else is wrong with it (a body that is not
  // JSON, a QUERY without a Content-Type): that is read before the not-found handler runs.
  if (request.is404) return handleNotFound(request, reply);
  return sendError(toAppError(error), request, reply);
}

/**
 * No route matched: a path that exists with other methods is 405 METHOD_NOT_ALLOWED, with
 * `Allow` listing them; anything else is 404 NOT_FOUND.
 */
export function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  const allowed = methodsOf(request.server, request.url);
  // The path's own method among them: a route matched and found nothing (a static file).
  if (allowed.length === 0 || allowed.includes(request.method)) {
    return sendError(new AppError('NOT_FOUND'), request, reply);
  }
  reply.header('allow', allowed.join(', '));
  return sendError(new AppError('METHOD_NOT_ALLOWED'), request, reply);
}

/**
 * Requests Fastify's router refuses before routing (a path that is not valid percent-encoding, a
 * path parameter too long for it) are malformed requests, in keyward's error body rather than
 * Fastify's, which echoes the path. No onRequest hook ran for them: `headers` are the ones the
 * app's hook would have set.
 */
export function handleFrameworkError(headers: Record<string, string>) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    reply.headers(headers).header('x-request-id', request.id);
    void sendError(new AppError('VALIDATION_FAILED', { cause: error }), request, reply);
  };
}

/** The one place that writes error bodies: `{"error": true, "message": CODE, "request_id"}`. */
function sendError(appError: AppError, request: FastifyRequest, reply: FastifyReply) {
  if (appError.status >= 500) {
    request.log.error({ err: appError.cause ?? appError }, 'request failed');
  } else {
    request.log.info({ code: appError.code, cause: appError.cause }, 'request refused');
  }
  if (appError.retryAfter !== undefined) reply.header('retry-after', String(appError.retryAfter));
  if (appError.rateLimit !== undefined) {
    reply.header('ratelimit-limit', String(appError.rateLimit.limit));
    reply.header('ratelimit-remaining', String(appError.rateLimit.remaining));
    reply.header('ratelimit-reset', String(appError.rateLimit.reset));
  }
  return reply.code(appError.status).send({
    error: true,
    message: appError.code,
    request_id: request.id,
    ...(appError.details === undefined ? {} : { details: appError.details }),
  });
}

/**
 * The methods a URL's path has routes for. OPTIONS alone does not make a path known: with CORS
 * on, one route answers preflights for every path.
 */
function methodsOf(app: FastifyInstance, url: string): string[] {
  const methods = app.supportedMethods.filter((method) => app.findRoute({ method, url }) !== null);
  return methods.some((method) => method !== 'OPTIONS') ? methods.sort() : [];
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as Partial<FastifyError>;
  if (Array.isArray(fastifyError.validation)) {
    return fromValidation(fastifyError.validation, error);
  }
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new AppError('PAYLOAD_TOO_LARGE', { cause: error });
  }
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new AppError('INVALID_JSON', { cause: error });
  }
  if (isStoreUnavailable(error)) return new AppError('SERVICE_UNAVAILABLE', { cause: error });
  const status = fastifyError.statusCode ?? 500;
  // Any other client error Fastify raises (bad content-length, unsupported encoding…) is the
  // client's fault and gets a 4xx with a documented code; only our own bugs are 500s.
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', { cause: error });
  if (status === 404) return new AppError('NOT_FOUND', { cause: error });
  if (status >= 400 && status < 500) return new AppError('VALIDATION_FAILED', { cause: error });
  return new AppError('INTERNAL_ERROR', { cause: error });
}

function fromValidation(issues: ValidationIssue[], cause: unknown): AppError {
  const [first] = issues;
  const onUsername =
    first?.instancePath === '/username' ||
    (first?.keyword === 'required' && first.params?.missingProperty === 'username');
  if (onUsername) {
    const code: ErrorCode = first.keyword === 'required' ? 'USERNAME_REQUIRED' : 'INVALID_USERNAME';
    return new AppError(code, { cause });
  }
  const details = issues.map((issue) => ({
    path: issue.instancePath || '/',
    keyword: issue.keyword,
    params: issue.params,
    message: issue.message,
  }));
  return new AppError('VALIDATION_FAILED', { details, cause });
}
