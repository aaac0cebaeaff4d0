import type { FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import { API_TOKEN_PATTERN, type ApiTokensService } from '../api-tokens/api-tokens.service.js';
import { AppError } from '../errors.js';
import type { Principal } from '../principal.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { credentialOf } from './credentials.js';

/**
 * Anything shaped like an API token, in any letter case, is judged as one: an uppercase copy of
 * a real token is an unknown API token (INVALID_TOKEN), not a malformed login token.
 */
const API_TOKEN_SHAPE = /^[0-9a-f]{64}$/i;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by an Authenticator hook on routes that need a token. */
    principal: Principal | null;
  }
}

/**
 * Turns a request's `token` header into a principal, with the contract's answers for each case.
 * Runs as a preValidation hook, so a request without a valid token is told so before anything
 * about its body.
 */
export class Authenticator {
  constructor(
    private readonly sessions: SessionsService,
    private readonly apiTokens: ApiTokensService,
  ) {}

  /** A login token only: an API token is refused, so a leaked one cannot mint more. */
  readonly requireLogin: preValidationAsyncHookHandler = async (request) => {
    const token = credentialOf(request);
    if (token === undefined) throw new AppError('LOGIN_TOKEN_REQUIRED');
    if (API_TOKEN_PATTERN.test(token)) throw new AppError('INVALID_LOGIN_TOKEN');
    request.principal = await this.sessions.authenticate(token);
  };

  /** Either kind of token; a missing header is answered with `missing`. */
  requireAny(missing: 'TOKEN_REQUIRED' | 'LOGIN_TOKEN_REQUIRED'): preValidationAsyncHookHandler {
    return async (request) => {
      const token = credentialOf(request);
      if (token === undefined) throw new AppError(missing);
      request.principal = API_TOKEN_SHAPE.test(token)
        ? await this.apiTokens.authenticate(token)
        : await this.sessions.authenticate(token);
    };
  }
}

/** The principal an Authenticator hook set; a route without one is a bug, not a client error. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`route ${request.url} has no authentication hook`);
  return request.principal;
}
