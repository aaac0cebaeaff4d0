import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../identity/request-context.js';

/**
 * The credential of a request: the `token` header, or its alias `api_access_token`. Nothing else
 * counts — a token in the body or the query string is ignored (docs/api.md, "Conventions").
 */
export function credentialOf(request: FastifyRequest): string | undefined {
  const value = request.headers.token ?? request.headers.api_access_token;
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text === '' ? undefined : text;
}

export function contextOf(request: FastifyRequest): RequestContext {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: userAgent ?? null };
}
