// Route hooks that put the AbuseGuard in front of verify and record refused API tokens.
import type { onErrorAsyncHookHandler, onRequestAsyncHookHandler } from 'fastify';
import { AppError } from '../errors.js';
import type { AbuseGuard } from '../ratelimit/abuse-guard.js';
import { contextOf, credentialOf } from './credentials.js';

const refusesToken = (error: unknown): boolean =>
  error instanceof AppError &&
  (error.code === 'INVALID_TOKEN' || error.code === 'INVALID_LOGIN_TOKEN');

/** verify, before anything else: an IP out of failed-verify budget gets 429 without a lookup. */
export function verifyBudget(guard: AbuseGuard): onRequestAsyncHookHandler {
  return async (request) => guard.beforeVerify(contextOf(request));
}

/** verify, on a refused token: one point off the IP's failed-verify budget. */
export function countFailedVerify(guard: AbuseGuard): onErrorAsyncHookHandler {
  return async (request, _reply, error) => {
    if (!refusesToken(error)) return;
    try {
      await guard.verifyFailed(contextOf(request));
    } catch (err) {
      request.log.warn({ err }, 'could not count a failed verify');
    }
  };
}

/** Every route: a refused credential that is a real API token goes to its company's audit log. */
export function auditRefusedApiTokens(guard: AbuseGuard): onErrorAsyncHookHandler {
  return async (request, _reply, error) => {
    const token = refusesToken(error) ? credentialOf(request) : undefined;
    if (token === undefined) return;
    try {
      await guard.tokenRefused(token, contextOf(request));
    } catch (err) {
      // The refusal itself stands; only its audit event is lost.
      request.log.warn({ err }, 'could not audit a refused API token');
    }
  };
}
