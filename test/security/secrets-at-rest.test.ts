// No token or code in plain text in the data folder (WAL included) or the logs; a restart keeps
// every account, session and API token; the generated JWT secret is kept private.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { GENERATED_SECRET_FILE } from '../../src/sessions/keyring.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createTestDatabase, TEST_STORE } from '../helpers/test-database.js';
import { generateToken, get, post, signUp, uniqueEmail } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

/** Every file of the data folder, as latin1 text so any byte sequence can be searched. */
function dataFolderText(dir: string): { names: string[]; text: string } {
  const names = fs.readdirSync(dir);
  return {
    names,
    text: names.map((name) => fs.readFileSync(path.join(dir, name)).toString('latin1')).join('\n'),
  };
}

/** Every row of every table of the test's PostgreSQL schema, as text. */
async function postgresText(t: TestApp): Promise<string> {
  const tables = [
    'users',
    'companies',
    'workspaces',
    'memberships',
    'sessions',
    'otp_codes',
    'api_tokens',
    'audit_events',
  ];
  const parts: string[] = [];
  for (const table of tables) {
    const { rows } = await sql<{
      row: string;
    }>`select row_to_json(t)::text as row from ${sql.table(table)} t`.execute(t.store.db);
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join('\n');
}

/** A 6-digit code as a stand-alone string, not a run of digits inside a hex id or hash. */
const codePattern = (code: string) => new RegExp(`(?<![0-9a-fA-F])${code}(?![0-9a-fA-F])`);

describe('secrets at rest and in logs', () => {
  let dataDir: string;
  let t: TestApp;
  const codes: string[] = [];
  const apiTokens: string[] = [];
  const loginTokens: string[] = [];

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-secrets-'));
    t = await createTestApp({ DATA_DIR: dataDir });
    for (let i = 0; i < 3; i++) {
      const email = uniqueEmail('secret');
      const body = { username: email, name: 'S', company_name: 'Secret Co' };
      await post(t, ROUTES.signup, body);
      const otp = await t.smtp.codeFor(email);
      codes.push(otp);
      const signed = await post(t, ROUTES.signup, { ...body, otp });
      loginTokens.push(signed.body.token as string);
      for (let j = 0; j < 2; j++) {
        apiTokens.push((await generateToken(t, signed.body.token as string)).body.token as string);
      }
      // A live, unused code too.
      await post(t, ROUTES.login, { username: email });
      codes.push(await t.smtp.codeFor(email, 2));
    }
    // Credentials where they don't belong must not be logged either.
    await post(t, `${ROUTES.verify}?token=${apiTokens[0]}`, {});
    await post(t, ROUTES.verify, {}, { token: `${apiTokens[1]!.slice(0, 60)}ffff` });
    await post(t, ROUTES.verify, {}, { api_access_token: apiTokens[2]! });
    await post(t, ROUTES.login, { username: uniqueEmail(), otp: codes[0] });
    await exposeOnEveryRefusalPath();
  });

  /**
   * Codes and tokens sent where every refusal path sees them: failed logins and sign-ups (wrong
   * and right-but-wrong-address codes), malformed and oversized bodies that hold them, tokens with
   * bytes appended, and requests Node's HTTP parser refuses (the error it raises holds the raw
   * bytes received, token header included).
   */
  async function exposeOnEveryRefusalPath(): Promise<void> {
    const victim = uniqueEmail('victim');
    await post(t, ROUTES.login, { username: victim });
    const wrong = String((Number(codes[1]) + 1) % 1_000_000).padStart(6, '0');
    codes.push(wrong);
    await post(t, ROUTES.login, { username: victim, otp: wrong });
    await post(t, ROUTES.signup, { username: victim, name: 'V', company_name: 'V', otp: wrong });
    await post(t, ROUTES.login, { username: victim, otp: codes[1], extra: true });
    for (const payload of [
      `{"username":"${victim}","otp":"${wrong}"x}`,
      `{"token":"${apiTokens[0]}",`,
      `{"username":"${victim}","otp":"${wrong}","pad":"${'x'.repeat(20_000)}"}`,
    ]) {
      await t.app.inject({
        method: 'POST',
        url: ROUTES.login,
        headers: { 'content-type': 'application/json' },
        payload,
      });
    }
    await post(t, ROUTES.verify, {}, { token: `${apiTokens[0]}0` });
    await post(t, ROUTES.generateToken, {}, { token: apiTokens[1]! });
    await post(t, ROUTES.generateToken, {}, { token: `${loginTokens[0]}x` });
    await post(t, ROUTES.logout, { token: loginTokens[1] }, {});

    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as net.AddressInfo;
    const refusedByParser = [
      `POST /api/v1/global/verify HTTP/1.1\r\nHost: x\r\ntoken: ${apiTokens[2]}\r\nx-pad: ${'p'.repeat(20_000)}\r\n\r\n`,
      `POST /api/v1/global/verify HTTP/1.1\r\nHost: x\r\ntoken: ${loginTokens[2]}\u0000\r\n\r\n`,
      `POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\n{"username":"${victim}","otp":"${wrong}`,
    ];
    for (const request of refusedByParser) {
      await new Promise<void>((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        socket.on('error', () => undefined);
        socket.on('close', () => resolve());
        // Only what reaches the log matters here, not the answer.
        setTimeout(() => socket.destroy(), 3000).unref();
        socket.end(request);
      });
    }
  }
  after(() => t.close());

  it('keeps no code, API token or login token in the store (SQLite: any file, WAL included)', async () => {
    let text: string;
    if (TEST_STORE === 'sqlite') {
      const folder = dataFolderText(dataDir);
      assert.ok(
        folder.names.some((n) => n.endsWith('-wal')),
        `the WAL file is searched too: ${folder.names.join(', ')}`,
      );
      text = folder.text;
    } else {
      text = await postgresText(t);
      assert.ok(text.includes('Secret Co'), 'the dump holds the rows');
    }
    for (const token of apiTokens) assert.ok(!text.includes(token), 'API token in the data folder');
    for (const token of loginTokens)
      assert.ok(!text.includes(token), 'login token in the data folder');
    for (const code of codes)
      assert.doesNotMatch(text, codePattern(code), 'code in the data folder');
  });

  it('stores the SHA-256 of each API token', async () => {
    const rows = await t.store.db.selectFrom('api_tokens').select(['token_hash', 'hint']).execute();
    const hashes = new Set(rows.map((r) => r.token_hash));
    for (const token of apiTokens) {
      assert.ok(hashes.has(createHash('sha256').update(token).digest('hex')));
    }
  });

  it('logs no code, API token or login token once SMTP_URL is set', () => {
    const logs = t.logs.join('');
    assert.ok(logs.length > 0);
    for (const token of [...apiTokens, ...loginTokens])
      assert.ok(!logs.includes(token), 'token in logs');
    for (const code of codes) assert.doesNotMatch(logs, codePattern(code), 'code in logs');
  });

  it('keeps the generated JWT secret in the data folder with mode 0600', () => {
    const stat = fs.statSync(path.join(dataDir, GENERATED_SECRET_FILE));
    assert.equal(stat.mode & 0o777, 0o600);
  });
});

describe('a restart keeps every account, session and API token', () => {
  let dataDir: string;
  let first: TestApp;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: Record<string, string>;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-restart-'));
    database = await createTestDatabase();
    env = { DATA_DIR: dataDir, ...(database.url ? { DATABASE_URL: database.url } : {}) };
    first = await createTestApp(env);
  });
  after(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
  });

  it('accepts the same login token and API token after the app and store are reopened', async () => {
    const { email, token, auth } = await signUp(first);
    const apiToken = (await generateToken(first, token)).body.token as string;
    const secret = fs.readFileSync(path.join(dataDir, GENERATED_SECRET_FILE), 'utf8');
    await first.close();

    const second = await createTestApp(env);
    try {
      assert.equal(fs.readFileSync(path.join(dataDir, GENERATED_SECRET_FILE), 'utf8'), secret);
      const me = await get(second, ROUTES.me, { token });
      assert.equal(me.status, 200);
      assert.deepEqual(me.body.auth, auth);
      const verified = await post(second, ROUTES.verify, {}, { token: apiToken });
      assert.equal(verified.status, 200);
      assert.equal(verified.body.data.user.email, email);
    } finally {
      await second.close();
    }
  });
});
