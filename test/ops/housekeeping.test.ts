// Housekeeping with the fake clock: what nobody can use any more is deleted, nothing else, and the
// answers clients get stay the same (OTP_EXPIRED, SESSIONEXPIRED) across a purge.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Housekeeping } from '../../src/housekeeping/housekeeping.js';
import { createLogger } from '../../src/logger.js';
import { CompiledQuery } from 'kysely';
import { TEST_STORE } from '../helpers/test-database.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { get, logIn, post, signUp, uniqueEmail } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function count(t: TestApp, table: 'sessions' | 'otp_codes' | 'audit_events') {
  const row = await t.store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

void describe('housekeeping', () => {
  let t: TestApp;
  before(async () => {
    // The app's own timer is off here: these tests call purge() themselves.
    t = await createTestApp({ HOUSEKEEPING_INTERVAL_MS: '0' });
  });
  after(() => t.close());

  const housekeeping = (auditRetentionDays: number) =>
    new Housekeeping(
      t.store.db,
      { housekeepingIntervalMs: 0, auditRetentionDays },
      t.clock,
      createLogger('silent'),
    );

  void it('purges revoked sessions at once, the rest when they pass their end; codes a day after', async () => {
    const { email, token: live } = await signUp(t);
    const { token: ended } = await logIn(t, email);
    assert.equal((await post(t, ROUTES.logout, {}, { token: ended })).status, 200);
    const stranger = uniqueEmail('stranger');
    await post(t, ROUTES.login, { username: stranger }); // a code row, no mail
    const sessionsBefore = await count(t, 'sessions');
    const auditBefore = await count(t, 'audit_events');

    t.clock.advance(3 * HOUR); // the code has expired; the live session sat idle past 2 h
    const first = await housekeeping(0).purge();
    assert.deepEqual(first, { codes: 0, sessions: 1, auditEvents: 0 });
    assert.equal(await count(t, 'sessions'), sessionsBefore - 1);
    // Answers are unchanged: the code is still known to be expired, the idle session too.
    const late = await post(t, ROUTES.login, { username: stranger, otp: '123456' });
    assert.equal(late.body.message, 'OTP_EXPIRED');
    const idle = await get(t, ROUTES.me, { token: live });
    assert.equal(idle.body.message, 'SESSIONEXPIRED');
    assert.equal((await get(t, ROUTES.me, { token: ended })).body.message, 'INVALID_LOGIN_TOKEN');

    t.clock.advance(2 * DAY); // past LOGIN_TOKEN_TTL (1 day) and past the codes' extra day
    const second = await housekeeping(0).purge();
    assert.equal(second.sessions, 1);
    assert.ok(second.codes >= 2, 'the stranger’s code and the used ones');
    assert.equal(second.auditEvents, 0, 'AUDIT_RETENTION_DAYS=0 keeps every event');
    assert.equal(await count(t, 'audit_events'), auditBefore + 1); // + the late try's login_failed
    assert.equal((await get(t, ROUTES.me, { token: live })).body.message, 'SESSIONEXPIRED');
  });

  void it('deletes audit events older than AUDIT_RETENTION_DAYS, and only those', async () => {
    t.clock.advance(10 * DAY);
    await signUp(t); // fresh events, now
    const fresh = await count(t, 'audit_events');
    const old = await t.store.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('created_at', '<', t.clock.now() - 5 * DAY)
      .executeTakeFirstOrThrow();
    const purged = await housekeeping(5).purge();
    assert.equal(purged.auditEvents, Number(old.n));
    assert.ok(purged.auditEvents > 0);
    assert.equal(await count(t, 'audit_events'), fresh - Number(old.n));
  });
});

void describe('housekeeping reads by index', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  // The purge's selects (as in the repositories): each finds its rows through an index, so a
  // purge never reads a whole table. SQLite's plan says so; PostgreSQL picks by its statistics.
  void it(
    'finds old audit events, ended sessions and expired codes without a full scan',
    {
      skip: TEST_STORE === 'postgres' && 'query plans are checked on SQLite',
    },
    async () => {
      const db = t.store.db;
      const selects = [
        db.selectFrom('audit_events').select('id').where('created_at', '<', 1).limit(1000),
        db
          .selectFrom('sessions')
          .select('id')
          .where((eb) => eb.or([eb('expires_at', '<=', 1), eb('revoked_at', '<=', 1)]))
          .limit(1000),
        db.selectFrom('otp_codes').select('email').where('expires_at', '<', 1).limit(1000),
      ];
      for (const select of selects) {
        const query = select.compile();
        const plan = await db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
        );
        const details = plan.rows.map((row) => row.detail).join('; ');
        assert.match(details, /USING (COVERING )?INDEX/, query.sql);
        assert.doesNotMatch(details, /^SCAN|; SCAN/, query.sql);
      }
    },
  );
});

void describe('housekeeping on its timer', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ HOUSEKEEPING_INTERVAL_MS: '50' });
  });
  after(() => t.close());

  void it('runs every HOUSEKEEPING_INTERVAL_MS and stops when the app closes', async () => {
    const { token } = await signUp(t);
    assert.equal((await post(t, ROUTES.logout, {}, { token })).status, 200);
    const deadline = Date.now() + 5000;
    while ((await count(t, 'sessions')) > 0) {
      assert.ok(Date.now() < deadline, 'the revoked session was purged by the timer');
      await new Promise((r) => setTimeout(r, 20));
    }
    const runs = t.logs.filter((l) => l.includes('"housekeeping done"')).length;
    assert.ok(runs >= 1);
  });
});
