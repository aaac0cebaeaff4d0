import type { FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import { AppError } from '../errors.js';
import type { Caller, Principal } from '../identity/principal.js';
import { refusalError, type Outcome, type Valid } from '../verification/outcome.js';
import type { Verifier } from '../verification/verifier.js';
import { credentialOf, missingCredential } from './credentials.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** How the request's token was judged, for metrics and the audit log; null if it had none. */
    verification: Outcome | null;
  }
}

/**
 * Turns a request's `token` header into a caller, with the documented answer for each case.
 * Runs as a preValidation hook, so a request without a valid token is told so before anything
 * about its body.
 */
export class Authenticator {
  constructor(private readonly verifier: Verifier) {}

  /** A login token only: an API token is refused, so a leaked one cannot mint more. */
  readonly requireLogin: preValidationAsyncHookHandler = async (request) => {
    const token = credentialOf(request);
    if (token === undefined) throw missingCredential(request, 'LOGIN_TOKEN_REQUIRED');
    const outcome = await this.verifier.verify(token, { loginOnly: true });
    request.verification = outcome;
    if (outcome.kind === 'valid') return;
    throw outcome.credential === 'api'
      ? new AppError('INVALID_LOGIN_TOKEN')
      : refusalError(outcome);
  };

  /** Either kind of token; a missing header is answered with `missing`. */
  requireAny(missing: 'TOKEN_REQUIRED' | 'LOGIN_TOKEN_REQUIRED'): preValidationAsyncHookHandler {
    return async (request) => {
      const token = credentialOf(request);
      if (token === undefined) throw missingCredential(request, missing);
      const outcome = await this.verifier.verify(token);
      request.verification = outcome;
      if (outcome.kind !== 'valid') throw refusalError(outcome);
    };
  }
}

/** The verified token an Authenticator hook found; a route without one is a bug. */
export function validOf(request: FastifyRequest): Valid {
  const outcome = request.verification;
  if (outcome?.kind !== 'valid') throw new Error(`route ${request.url} has no authentication hook`);
  return outcome;
}

/** Whoever the token speaks for (a workspace's own API token speaks for no person). */
export const callerOf = (request: FastifyRequest): Caller => validOf(request).caller;

/** The person behind a login token, on routes that take nothing else (requireLogin). */
export function principalOf(request: FastifyRequest): Principal {
  const caller = callerOf(request);
  if (caller.user === null) throw new Error(`route ${request.url} needs a person's login token`);
  return caller;
}
