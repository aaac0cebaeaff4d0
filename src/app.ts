import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Logger } from 'pino';
import { AccountsService } from './accounts/accounts.service.js';
import { ApiTokensService } from './api-tokens/api-tokens.service.js';
import type { ApiTokenForAuth } from './api-tokens/api-tokens.repository.js';
import { LastUsedBuffer } from './api-tokens/last-used-buffer.js';
import { AuditService } from './audit/audit.service.js';
import type { Config } from './config.js';
import type { Store } from './db/database.js';
import { auditRefusedApiTokens } from './http/abuse-hooks.js';
import { Authenticator } from './http/authenticator.js';
import { handleClientError } from './http/client-error.js';
import { handleError, handleNotFound } from './http/error-handler.js';
import { registerJsonBody } from './http/json-body.js';
import { registerMetrics } from './http/metrics.js';
import { lazyRequestLoggers } from './http/request-logger.js';
import { accountRoutes } from './http/routes/account.routes.js';
import { accountsRoutes } from './http/routes/accounts.routes.js';
import { auditRoutes } from './http/routes/audit.routes.js';
import { CONSOLE_DIR, consoleRoutes } from './http/routes/console.routes.js';
import { membersRoutes } from './http/routes/members.routes.js';
import { tokenManagementRoutes } from './http/routes/token-management.routes.js';
import { workspacesRoutes } from './http/routes/workspaces.routes.js';
import { healthRoutes } from './http/routes/health.routes.js';
import { tokensRoutes } from './http/routes/tokens.routes.js';
import { ErrorBody } from './http/schemas.js';
import { registerCors, securityHeaders } from './http/security-headers.js';
import { systemClock, type Clock } from './lib/clock.js';
import { requestIds } from './lib/crypto.js';
import type { Mailer } from './mail/mailer.js';
import { Outbox } from './mail/outbox.js';
import { Housekeeping } from './housekeeping/housekeeping.js';
import { Metrics } from './metrics/metrics.js';
import { OtpService } from './otp/otp.service.js';
import { AbuseGuard } from './ratelimit/abuse-guard.js';
import { RateLimits } from './ratelimit/rate-limits.js';
import type { Keyring } from './sessions/keyring.js';
import { SessionsService } from './sessions/sessions.service.js';
import type { SessionForAuth } from './sessions/sessions.repository.js';
import { TtlCache } from './lib/ttl-cache.js';
import { RevocationBus } from './revocation/revocation-bus.js';
import { MembersService } from './tenancy/members.service.js';
import { WorkspacesService } from './tenancy/workspaces.service.js';

export interface AppDeps {
  config: Config;
  /** Migrated and open; the caller closes it. */
  store: Store;
  mailer: Mailer;
  keyring: Keyring;
  logger: Logger;
  clock?: Clock;
  /** The built console to serve at /console/ (packages/console/dist by default). */
  consoleDir?: string;
}

/** Last-used times of API tokens reach the store at most this long after the use. */
export const LAST_USED_FLUSH_MS = 60_000;

/** Entries per verify cache (sessions, API tokens); the oldest goes first. */
export const AUTH_CACHE_SIZE = 10_000;

/** Largest request body accepted; anything bigger is 413 PAYLOAD_TOO_LARGE. */
export const BODY_LIMIT = 16 * 1024;

/** A ready app that never listens: server.ts listens, tests use `inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, store, mailer, keyring, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const db = store.db;

  const metrics = new Metrics();
  const outbox = new Outbox(mailer, logger, config.mailRetryBaseMs, metrics);
  const revocations = config.redisUrl
    ? await RevocationBus.redis(config.redisUrl, logger)
    : RevocationBus.local(logger);
  // Verify's reads, cached briefly; any revocation empties both caches at once.
  const sessionCache = new TtlCache<SessionForAuth>(config.authCacheTtlMs, AUTH_CACHE_SIZE, clock);
  const tokenCache = new TtlCache<ApiTokenForAuth>(config.authCacheTtlMs, AUTH_CACHE_SIZE, clock);
  revocations.onRevoke(() => {
    sessionCache.clear();
    tokenCache.clear();
  });
  const otp = new OtpService(db, keyring.otpKey, clock);
  const sessions = new SessionsService(db, keyring, config, sessionCache, revocations, clock);
  const lastUsed = new LastUsedBuffer(db, logger, LAST_USED_FLUSH_MS);
  const apiTokens = new ApiTokensService(db, lastUsed, tokenCache, revocations, clock);
  const members = new MembersService(db, outbox, revocations, clock);
  const workspaces = new WorkspacesService(db, sessions, revocations, clock);
  const accounts = new AccountsService(db, otp, sessions, members, outbox, revocations, clock);
  const audit = new AuditService(db);
  const authenticator = new Authenticator(sessions, apiTokens);
  const limits = await RateLimits.create(config, logger);
  const guard = new AbuseGuard(limits, config.rateLimits, db, clock);
  const housekeeping = new Housekeeping(db, config, clock, logger);
  metrics.watch({
    lastUsedBufferSize: () => lastUsed.size,
    outboxPending: () => outbox.size,
    pool: () => store.poolStats(),
  });

  const loggerInstance: FastifyBaseLogger = logger;
  const app = Fastify({
    loggerInstance,
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    genReqId: requestIds(),
    logController: new LogController({ requestIdLogLabel: 'request_id' }),
    childLoggerFactory: lazyRequestLoggers,
    // Strict bodies: a wrong type is an error, not something to coerce; an unknown field is an
    // error, not something to drop silently.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    routerOptions: { ignoreTrailingSlash: true },
    clientErrorHandler: handleClientError,
    // While shutting down, a request that still arrives on an open keep-alive connection is
    // served (with `Connection: close`), not refused with a 503: the client sent it before it
    // could know, and a POST like generate-token can't safely be retried.
    return503OnClosing: false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const headers = securityHeaders();
  // Every answer's fixed headers and its request id, in one hook: each hook costs verify.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers).header('x-request-id', request.id);
    done();
  });
  registerMetrics(app, metrics);
  lastUsed.start();
  housekeeping.start();
  app.addHook('onClose', async () => {
    await Promise.all([
      outbox.drain(),
      lastUsed.stop(),
      housekeeping.stop(),
      limits.close(),
      revocations.close(),
    ]);
  });
  app.decorateRequest('principal', null);
  registerJsonBody(app);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  app.addSchema(ErrorBody);
  app.addHook('onError', auditRefusedApiTokens(guard));
  await registerCors(app, config);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'keyward',
        version: '0.1.0',
        description:
          'Email-code sign-up and login, login tokens (JWT sessions) and API tokens. Credentials travel only in the `token` header.',
      },
      components: {
        securitySchemes: { token: { type: 'apiKey', in: 'header', name: 'token' } },
      },
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // The page's own policy, with hashes of its inline script and style; without
    // upgrade-insecure-requests, which would break it when served over plain HTTP.
    staticCSP: true,
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
  });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());

  await app.register(healthRoutes, { store });
  await app.register(accountsRoutes, { accounts, sessions, authenticator, guard });
  await app.register(tokensRoutes, { apiTokens, authenticator, guard });
  await app.register(tokenManagementRoutes, { apiTokens, authenticator });
  await app.register(accountRoutes, { accounts, authenticator });
  await app.register(workspacesRoutes, { workspaces, authenticator });
  await app.register(membersRoutes, { members, authenticator });
  await app.register(auditRoutes, { audit, authenticator });
  await app.register(consoleRoutes, { root: deps.consoleDir ?? CONSOLE_DIR });

  await app.ready();
  return app;
}
