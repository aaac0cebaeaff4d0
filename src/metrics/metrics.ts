// What keyward tells Prometheus. One Registry per app, never prom-client's global one: tests build
// many apps in one process, and each must count only its own requests.
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Outcome } from '../verification/outcome.js';
import { RequestMetrics } from './request-metrics.js';

/** How a verify ended: `revoked` includes tokens whose user or membership was disabled or removed. */
type VerifyOutcome = Outcome['kind'];
/** Every outcome, so each series exists (at 0) from the start. */
const VERIFY_OUTCOMES = {
  valid: true,
  invalid: true,
  expired: true,
  revoked: true,
} satisfies Record<VerifyOutcome, true>;

/** `code`: one-time codes; `other`: everything else (invitations). */
export type MailKind = 'code' | 'other';

/** Connections of the PostgreSQL pool; undefined on SQLite, which has none. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/** Read when Prometheus scrapes, so the gauges are never stale. */
export interface MetricSources {
  lastUsedBufferSize(): number;
  outboxPending(): number;
  pool(): PoolStats | undefined;
}

// Seconds; an auth service answers in milliseconds, so the low end is finer than prom-client's.
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class Metrics {
  readonly registry = new Registry();
  private sources: MetricSources | undefined;
  /** Answered requests and their latency, by method, route pattern and status. */
  readonly requests = new RequestMetrics(this.registry, LATENCY_BUCKETS);

  private readonly verifications = new Counter({
    name: 'keyward_verify_total',
    help: 'POST /api/v1/global/verify answers by outcome: valid, invalid, expired, revoked',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly verificationsByOutcome = new Map(
    (Object.keys(VERIFY_OUTCOMES) as VerifyOutcome[]).map((outcome) => [
      outcome,
      this.verifications.labels({ outcome }),
    ]),
  );

  readonly codesIssued = new Counter({
    name: 'keyward_codes_issued_total',
    help: 'Sign-up and login step 1 answered OTP_SENT (a code was made), by flow',
    labelNames: ['flow'] as const,
    registers: [this.registry],
  });

  readonly logins = new Counter({
    name: 'keyward_logins_total',
    help: 'Sign-up and login step 2 answers, by flow and outcome (success, failure)',
    labelNames: ['flow', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'keyward_rate_limited_total',
    help: 'Requests refused with 429, by route pattern and code (TOO_MANY_REQUESTS, TOO_MANY_ATTEMPTS)',
    labelNames: ['route', 'code'] as const,
    registers: [this.registry],
  });

  readonly mails = new Counter({
    name: 'keyward_mails_total',
    help: 'Mail handed to the SMTP server (sent), attempts that failed and will be retried (retried), mail given up on (failed), by kind',
    labelNames: ['kind', 'result'] as const,
    registers: [this.registry],
  });

  constructor() {
    const sources = () => this.sources;
    new Gauge({
      name: 'keyward_last_used_buffer_size',
      help: 'API tokens whose last-used time is buffered in memory, not yet written to the store',
      registers: [this.registry],
      collect() {
        this.set(sources()?.lastUsedBufferSize() ?? 0);
      },
    });
    new Gauge({
      name: 'keyward_outbox_pending',
      help: 'Mails being sent or waiting for a retry',
      registers: [this.registry],
      collect() {
        this.set(sources()?.outboxPending() ?? 0);
      },
    });
    new Gauge({
      name: 'keyward_store_pool_connections',
      help: 'PostgreSQL pool: open connections (total), idle ones, and queries waiting for one (absent on SQLite)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const pool = sources()?.pool();
        if (!pool) return;
        this.set({ state: 'total' }, pool.total);
        this.set({ state: 'idle' }, pool.idle);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'keyward_' });
  }

  countVerify(outcome: VerifyOutcome): void {
    this.verificationsByOutcome.get(outcome)?.inc();
  }

  /** Where the gauges read from, once the app has built the parts they describe. */
  watch(sources: MetricSources): void {
    this.sources = sources;
  }

  /** The Prometheus text exposition of every metric. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
