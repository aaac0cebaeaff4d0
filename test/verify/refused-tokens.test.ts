// A refused API token costs at most one store read, and a repeated one none: the refused-token
// audit reads what verify found instead of looking the token up again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  RootOperationNode,
} from 'kysely';
import { buildApp } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { createSmtpMailer } from '../../src/mail/smtp-mailer.js';
import { loadKeyring } from '../../src/sessions/keyring.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { generateToken, signUp } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

/** Counts statements by kind (select, insert, update, delete). */
class Statements implements KyselyPlugin {
  private readonly kinds = new WeakMap<object, string>();
  counts: Record<string, number> = {};
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.kinds.set(args.queryId, args.node.kind);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    const kind = this.kinds.get(args.queryId) ?? 'precompiled';
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    return args.result;
  }
  reset() {
    this.counts = {};
  }
}

void describe('refused API tokens', () => {
  let t: TestApp;
  let app: FastifyInstance;
  let mailer: ReturnType<typeof createSmtpMailer>;
  const statements = new Statements();

  before(async () => {
    t = await createTestApp();
    // A second app on the same store, whose statements are counted.
    mailer = createSmtpMailer(t.config.smtpUrl!, t.config.mailFrom);
    app = await buildApp({
      config: t.config,
      store: { ...t.store, db: t.store.db.withPlugin(statements) },
      mailer,
      keyring: loadKeyring(t.config),
      logger: createLogger('silent'),
      clock: t.clock,
    });
  });
  after(async () => {
    await app.close();
    mailer.close();
    await t.close();
  });

  const verify = (token: string) =>
    app.inject({ method: 'POST', url: ROUTES.verify, headers: { token } });

  void it('an unknown one: one read, then none while it is remembered', async () => {
    const guess = 'ef'.repeat(32);
    statements.reset();
    for (let i = 0; i < 3; i++) assert.equal((await verify(guess)).statusCode, 401);
    assert.equal(
      Object.values(statements.counts).reduce((a, b) => a + b, 0),
      1,
      JSON.stringify(statements.counts),
    );
  });

  void it('a revoked one: one read, and its audit event written without a second read', async () => {
    const { token: login } = await signUp(t);
    const minted = await generateToken(t, login);
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: ROUTES.token(minted.body.id),
      headers: { token: login },
    });
    assert.equal(revoked.statusCode, 200);
    statements.reset();
    const answer = await verify(minted.body.token as string);
    assert.equal(answer.json().message, 'INVALID_TOKEN');
    const reads = Object.entries(statements.counts).filter(([kind]) => kind !== 'InsertQueryNode');
    assert.deepEqual(
      {
        reads: reads.reduce((n, [, count]) => n + count, 0),
        inserts: statements.counts.InsertQueryNode,
      },
      { reads: 1, inserts: 1 },
      JSON.stringify(statements.counts),
    );
    const audit = await t.store.db
      .selectFrom('audit_events')
      .select(['action', 'target_id'])
      .where('action', '=', 'token_refused')
      .where('target_id', '=', minted.body.id as string)
      .execute();
    assert.equal(audit.length, 1);
  });
});
