// Route hooks that put the AbuseGuard in front of verify and record refused API tokens.
import type { onErrorAsyncHookHandler, onRequestAsyncHookHandler } from 'fastify';
import { AppError } from '../errors.js';
import type { AbuseGuard } from '../ratelimit/abuse-guard.js';
import { contextOf, credentialOf } from './credentials.js';

const refusesToken = (error: unknown): boolean =>
  error instanceof AppError &&
  (error.code === 'INVALID_TOKEN' || error.code === 'INVALID_LOGIN_TOKEN');

/**
 * verify's route hooks for the failed-verify budget, or none when it is off (the default), so the
 * hot path does not pay for a check that always passes. Before anything else, an IP out of budget
 * gets 429 without a lookup; each refused token takes one point off its budget.
 */
export function verifyBudgetHooks(guard: AbuseGuard): {
  onRequest?: onRequestAsyncHookHandler;
  onError?: onErrorAsyncHookHandler;
} {
  if (!guard.guardsVerify) return {};
  return {
    onRequest: async (request) => guard.beforeVerify(contextOf(request)),
    onError: async (request, _reply, error) => {
      if (!refusesToken(error)) return;
      try {
        await guard.verifyFailed(contextOf(request));
      } catch (err) {
        request.log.warn({ err }, 'could not count a failed verify');
      }
    },
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
