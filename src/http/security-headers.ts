// Security headers on every answer (helmet) and CORS for the browser origins the operator lists.
import cors from '@fastify/cors';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

/** Headers a browser client may read from an answer. */
const EXPOSED_HEADERS = [
  'x-request-id',
  'retry-after',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
];

/**
 * helmet's headers, worked out once: @fastify/helmet rebuilds the whole middleware (and parses the
 * policy again) on every request, which cost verify an eighth of its CPU time.
 */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet({
    // The API answers JSON only: nothing in it may load, run or be framed. The /docs page sets a
    // policy of its own (routes/docs.routes.ts), which replaces this one on its answers.
    // Headers that only mean something to an HTML document in an old browser (IE8 downloads,
    // Flash policies, DNS prefetch, the XSS auditor, origin-keyed agent clusters) are left out:
    // every header is parsed and written on each verify, and these protect nothing here.
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  })({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  // Answers carry tokens and who owns them: no cache, shared or private, may keep one (OWASP REST
  // Security Cheat Sheet). Routes that serve static files set their own.
  headers['cache-control'] = 'no-store';
  return headers;
}

/** CORS for the origins the operator lists; none by default. */
export async function registerCors(
  app: FastifyInstance,
  config: Pick<Config, 'corsOrigins'>,
): Promise<void> {
  // Off unless origins are listed: credentials travel in a header, never a cookie, so a page of
  // another origin can only call keyward with a token it already holds — and only if allowed here.
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: [...config.corsOrigins],
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowedHeaders: ['content-type', 'token', 'api_access_token'],
      exposedHeaders: EXPOSED_HEADERS,
      credentials: false,
      maxAge: 600,
      // An OPTIONS that is not a preflight gets 204, not the plugin's plain-text 400 (every
      // error body is keyward's own).
      strictPreflight: false,
    });
  }
}
