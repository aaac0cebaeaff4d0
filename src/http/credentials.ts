import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
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

/**
 * The answer to a request without a credential. When it sent one where keyward doesn't look
 * (`Authorization: Bearer …`, `api-access-token`, `x-api-key`…), `details` names the header to
 * use: that is the first mistake of most people wiring a service to verify.
 */
export function missingCredential(
  request: FastifyRequest,
  code: 'TOKEN_REQUIRED' | 'LOGIN_TOKEN_REQUIRED',
): AppError {
  const misplaced = Object.keys(request.headers).filter(looksLikeACredential);
  if (misplaced.length === 0) return new AppError(code);
  return new AppError(code, {
    details: misplaced.map((header) => ({
      header,
      hint: 'keyward reads the token from the `token` header (or `api_access_token`) only',
    })),
  });
}

function looksLikeACredential(header: string): boolean {
  if (header === 'token' || header === 'api_access_token') return false;
  const name = header.replace(/[^a-z]/g, '');
  return name === 'authorization' || name.includes('token') || name.includes('apikey');
}

export function contextOf(request: FastifyRequest): RequestContext {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: userAgent ?? null };
}
