// Route hooks that put the AbuseGuard in front of verify and record refused API tokens. Both read
// how the authenticator judged the token (request.verification): nothing is looked up again.
import type { FastifyRequest, onErrorAsyncHookHandler, onRequestAsyncHookHandler } from 'fastify';
import type { AbuseGuard } from '../ratelimit/abuse-guard.js';
import { refusalCode, type Refusal } from '../verification/outcome.js';
import { contextOf } from './credentials.js';

const refusalOf = (request: FastifyRequest): Refusal | undefined =>
  request.verification?.kind === 'valid' ? undefined : (request.verification ?? undefined);

/**
 * verify's route hooks for the failed-verify budget, or none when it is off (the default), so the
 * hot path does not pay for a check that always passes. Before anything else, an IP out of budget
 * gets 429 without a lookup; each refused token (a genuine login token that merely expired is
 * not a guess) takes one point off its budget.
 */
export function verifyBudgetHooks(guard: AbuseGuard): {
  onRequest?: onRequestAsyncHookHandler;
  onError?: onErrorAsyncHookHandler;
} {
  if (!guard.guardsVerify) return {};
  return {
    onRequest: async (request) => guard.beforeVerify(contextOf(request)),
    onError: async (request) => {
      const refusal = refusalOf(request);
      if (!refusal || refusalCode(refusal) === 'SESSIONEXPIRED') return;
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
  return async (request) => {
    const token = refusalOf(request)?.apiToken;
    if (token === undefined) return;
    try {
      await guard.tokenRefused(token, contextOf(request));
    } catch (err) {
      // The refusal itself stands; only its audit event is lost.
      request.log.warn({ err }, 'could not audit a refused API token');
    }
  };
}
