import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Logger } from 'pino';
import { AccountsService } from './accounts/accounts.service.js';
import { ApiTokensService } from './api-tokens/api-tokens.service.js';
import { LastUsedBuffer } from './api-tokens/last-used-buffer.js';
import { AuditRecorder } from './audit/audit-recorder.js';
import { AuditService } from './audit/audit.service.js';
import type { Config } from './config.js';
import type { Store } from './db/database.js';
import { EventBus } from './events/event-bus.js';
import { EventStream } from './events/event-stream.js';
import { RelayWatcher } from './events/file-relay.js';
import { streamKeyMatcher } from './events/stream-keys.js';
import { Housekeeping } from './housekeeping/housekeeping.js';
import { auditRefusedApiTokens } from './http/abuse-hooks.js';
import { Authenticator } from './http/authenticator.js';
import { handleClientError } from './http/client-error.js';
import { handleError, handleFrameworkError, handleNotFound } from './http/error-handler.js';
import { registerJsonBody } from './http/json-body.js';
import { registerMetrics } from './http/metrics.js';
import { registerOpenApi, registerOpenApiDocument } from './http/openapi.js';
import { DOCUMENT_ONLY } from './http/schemas.js';
import { lazyRequestLoggers } from './http/request-logger.js';
import { accountRoutes } from './http/routes/account.routes.js';
import { accountsRoutes } from './http/routes/accounts.routes.js';
import { auditRoutes } from './http/routes/audit.routes.js';
import { CONSOLE_DIR, consoleRoutes } from './http/routes/console.routes.js';
import { docsRoutes } from './http/routes/docs.routes.js';
import { redisLine } from './startup-report.js';
import { eventsRoutes } from './http/routes/events.routes.js';
import { healthRoutes } from './http/routes/health.routes.js';
import { membersRoutes } from './http/routes/members.routes.js';
import { tokenManagementRoutes } from './http/routes/token-management.routes.js';
import { tokensRoutes } from './http/routes/tokens.routes.js';
import { workspacesRoutes } from './http/routes/workspaces.routes.js';
import { registerCors, securityHeaders } from './http/security-headers.js';
import { systemClock, type Clock } from './lib/clock.js';
import { requestIds } from './lib/crypto.js';
import type { Mailer } from './mail/mailer.js';
import { Outbox } from './mail/outbox.js';
import { Metrics } from './metrics/metrics.js';
import { OtpService } from './otp/otp.service.js';
import { AbuseGuard } from './ratelimit/abuse-guard.js';
import { RateLimits } from './ratelimit/rate-limits.js';
import type { Keyring } from './sessions/keyring.js';
import { SessionsService } from './sessions/sessions.service.js';
import { MembersService } from './tenancy/members.service.js';
import { TenancyService } from './tenancy/tenancy.service.js';
import { WorkspacesService } from './tenancy/workspaces.service.js';
import { Verifier } from './verification/verifier.js';

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
  /** How often an idle event stream hears `ping` (15 s; tests shorten it). */
  eventStreamPingMs?: number;
}

/** Last-used times of API tokens reach the store at most this long after the use. */
export const LAST_USED_FLUSH_MS = 60_000;

/** How long a client of the event stream may keep a verify answer while it stays connected. */
export const STREAM_CACHE_MS = 300_000;
/** The same, while this instance may miss other instances' changes. */
const FALLBACK_CACHE_MS = 1000;

/** Largest request body accepted; anything bigger is 413 PAYLOAD_TOO_LARGE. */
export const BODY_LIMIT = 16 * 1024;

/** Longest path parameter the router matches: Node's limit on a request's headers. */
const MAX_PARAM_LENGTH = 16 * 1024;

/** A ready app that never listens: server.ts listens, tests use `inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, store, mailer, keyring, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const db = store.db;

  const metrics = new Metrics();
  const outbox = new Outbox(mailer, logger, config.mailRetryBaseMs, metrics);
  const events = config.redisUrl
    ? await EventBus.redis(config.redisUrl, config.redisKeyPrefix, logger)
    : EventBus.local(logger);
  // On SQLite without Redis the CLI, a process of its own, reaches this one through DATA_DIR.
  const cliEvents =
    !config.redisUrl && store.dialect === 'sqlite'
      ? new RelayWatcher(config.dataDir, (changes) => events.relay(changes), logger)
      : undefined;
  const stream =
    config.eventStreamKeys.length === 0
      ? undefined
      : new EventStream(
          events,
          {
            maxConnections: config.eventStreamMaxConnections,
            // Without Redis (or while it is down), instances on one PostgreSQL don't hear each
            // other's changes: their clients may cache no longer than verify's own cache would.
            maxCacheMs: () =>
              (config.redisUrl ? events.hearsOthers : store.dialect === 'sqlite')
                ? STREAM_CACHE_MS
                : FALLBACK_CACHE_MS,
            ...(deps.eventStreamPingMs === undefined ? {} : { pingMs: deps.eventStreamPingMs }),
          },
          logger,
        );
  const audit = new AuditRecorder(clock);
  const otp = new OtpService(db, keyring.otpKey, clock, config.otpLockS * 1000);
  const sessions = new SessionsService(db, keyring, config, audit, events, clock);
  const lastUsed = new LastUsedBuffer(db, logger, LAST_USED_FLUSH_MS);
  const limits = await RateLimits.create(config, logger, clock);
  logger.info(redisLine(config, limits.redisConnected));
  const verifier = new Verifier({
    db,
    keyring,
    config,
    sessions,
    lastUsed,
    tokenLimits: limits,
    events,
    clock,
  });
  const apiTokens = new ApiTokensService(db, lastUsed, audit, events, clock, (token) =>
    verifier.minted(token),
  );
  const tenancy = new TenancyService(clock);
  const members = new MembersService(db, sessions, apiTokens, audit, outbox, events, clock);
  const workspaces = new WorkspacesService(db, sessions, audit, events, clock);
  const accounts = new AccountsService(db, otp, tenancy, members, sessions, audit, outbox, events);
  const auditLog = new AuditService(db);
  const authenticator = new Authenticator(verifier);
  const guard = new AbuseGuard(limits, config, db, tenancy, audit);
  const housekeeping = new Housekeeping(db, config, clock, logger);
  metrics.watch({
    lastUsedBufferSize: () => lastUsed.size,
    outboxPending: () => outbox.size,
    pool: () => store.poolStats(),
  });

  const loggerInstance: FastifyBaseLogger = logger;
  const headers = securityHeaders();
  const app = Fastify({
    loggerInstance,
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    genReqId: requestIds(),
    logController: new LogController({ requestIdLogLabel: 'request_id' }),
    childLoggerFactory: lazyRequestLoggers,
    // Strict bodies: a wrong type is an error, not something to coerce; an unknown field is an
    // error, not something to drop silently.
    ajv: {
      customOptions: {
        coerceTypes: false,
        removeAdditional: false,
        allErrors: false,
        keywords: [DOCUMENT_ONLY],
      },
    },
    routerOptions: {
      ignoreTrailingSlash: true,
      // Past its default of 100, the router answers in a body of its own, before any hook (the
      // token check included) runs. Ids get their limits from the route schemas instead; a
      // request line can't be longer than this anyway (Node's header limit).
      maxParamLength: MAX_PARAM_LENGTH,
    },
    frameworkErrors: handleFrameworkError(headers),
    clientErrorHandler: handleClientError,
    // While shutting down, a request that still arrives on an open keep-alive connection is
    // served (with `Connection: close`), not refused with a 503: the client sent it before it
    // could know, and a POST like generate-token can't safely be retried.
    return503OnClosing: false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Every answer's fixed headers and its request id, in one hook: each hook costs verify.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers).header('x-request-id', request.id);
    done();
  });
  // Before any documented route (GET /metrics is the first), so that the document has them all.
  await registerOpenApi(app);
  registerMetrics(app, metrics);
  lastUsed.start();
  housekeeping.start();
  // Open streams would hold the server's close until the shutdown grace ends: end them first.
  app.addHook('preClose', (done) => {
    stream?.close();
    done();
  });
  app.addHook('onClose', async () => {
    verifier.close();
    cliEvents?.stop();
    await Promise.all([
      outbox.drain(),
      lastUsed.stop(),
      housekeeping.stop(),
      limits.close(),
      events.close(),
    ]);
  });
  app.decorateRequest('verification', null);
  registerJsonBody(app);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  app.addHook('onError', auditRefusedApiTokens(guard));
  await registerCors(app, config);
  registerOpenApiDocument(app);
  await app.register(docsRoutes);

  await app.register(healthRoutes, { store });
  await app.register(accountsRoutes, { accounts, sessions, authenticator, guard });
  await app.register(tokensRoutes, { apiTokens, authenticator, verifier, guard });
  await app.register(tokenManagementRoutes, { apiTokens, authenticator });
  await app.register(accountRoutes, { accounts, authenticator });
  await app.register(workspacesRoutes, { workspaces, authenticator });
  await app.register(membersRoutes, { members, authenticator });
  await app.register(auditRoutes, { audit: auditLog, authenticator });
  await app.register(eventsRoutes, {
    stream,
    isKey: streamKeyMatcher(config.eventStreamKeys),
  });
  await app.register(consoleRoutes, { root: deps.consoleDir ?? CONSOLE_DIR });

  await app.ready();
  return app;
}
