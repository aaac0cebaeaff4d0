import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isStoreUnavailable } from '../db/store-errors.js';
import { AppError, type ErrorCode } from '../errors.js';

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** The one place that writes error bodies: `{"error": true, "message": CODE, "request_id"}`. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const appError = toAppError(error);
  if (appError.status >= 500) {
    request.log.error({ err: error }, 'request failed');
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

export function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  return handleError(new AppError('NOT_FOUND'), request, reply);
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
  // client's fault and gets a 4xx with a contract code; only our own bugs are 500s.
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
