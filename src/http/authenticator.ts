import type { FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import { AppError } from '../errors.js';
import type { Principal } from '../identity/principal.js';
import { refusalCode, type Outcome } from '../verification/outcome.js';
import type { Verifier } from '../verification/verifier.js';
import { credentialOf } from './credentials.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by an Authenticator hook on routes that need a token. */
    principal: Principal | null;
    /** How the request's token was judged, for metrics and the audit log; null if it had none. */
    verification: Outcome | null;
  }
}

/**
 * Turns a request's `token` header into a principal, with the contract's answers for each case.
 * Runs as a preValidation hook, so a request without a valid token is told so before anything
 * about its body.
 */
export class Authenticator {
  constructor(private readonly verifier: Verifier) {}

  /** A login token only: an API token is refused, so a leaked one cannot mint more. */
  readonly requireLogin: preValidationAsyncHookHandler = async (request) => {
    const token = credentialOf(request);
    if (token === undefined) throw new AppError('LOGIN_TOKEN_REQUIRED');
    const outcome = await this.verifier.verify(token, { loginOnly: true });
    request.verification = outcome;
    if (outcome.kind !== 'valid') {
      throw new AppError(
        outcome.credential === 'api' ? 'INVALID_LOGIN_TOKEN' : refusalCode(outcome),
      );
    }
    request.principal = outcome.principal;
  };

  /** Either kind of token; a missing header is answered with `missing`. */
  requireAny(missing: 'TOKEN_REQUIRED' | 'LOGIN_TOKEN_REQUIRED'): preValidationAsyncHookHandler {
    return async (request) => {
      const token = credentialOf(request);
      if (token === undefined) throw new AppError(missing);
      const outcome = await this.verifier.verify(token);
      request.verification = outcome;
      if (outcome.kind !== 'valid') throw new AppError(refusalCode(outcome));
      request.principal = outcome.principal;
    };
  }
}

/** The principal an Authenticator hook set; a route without one is a bug, not a client error. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`route ${request.url} has no authentication hook`);
  return request.principal;
}
