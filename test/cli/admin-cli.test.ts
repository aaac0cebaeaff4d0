// The `keyward` admin CLI, run as a process (dist/cli.js, what the package's bin points at)
// against the store of a real app: what it changes, the app sees at once.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { runCli, storeEnvOf, type CliOutcome } from '../helpers/cli-process.js';
import { startServer, stopServer } from '../helpers/keyward-process.js';
import { generateToken, get, post, signUp } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

void describe('keyward CLI', () => {
  let t: TestApp;
  let storeEnv: Record<string, string>;

  before(async () => {
    // No verify cache, so the app sees each CLI change on its very next request.
    t = await createTestApp({ AUTH_CACHE_TTL_MS: '0' });
    // Production without SMTP_URL: only `serve` needs mail.
    storeEnv = { ...storeEnvOf(t), NODE_ENV: 'production' };
  });
  after(() => t.close());

  const cli = (args: string[], env: Record<string, string> = {}): Promise<CliOutcome> =>
    runCli(args, { ...storeEnv, ...env });

  void it('has --help for every command', async () => {
    const commands = [
      [],
      ['serve'],
      ['migrate'],
      ['user', 'disable'],
      ['user', 'enable'],
      ['token', 'revoke'],
      ['token', 'list'],
      ['secret', 'rotate'],
      ['audit', 'tail'],
      ['purge'],
    ];
    const helps = await Promise.all(commands.map((command) => cli([...command, '--help'])));
    commands.forEach((command, i) => {
      assert.equal(helps[i]!.code, 0, command.join(' '));
      assert.match(helps[i]!.stdout, new RegExp(`^Usage: keyward ${command.join(' ')}`.trimEnd()));
    });
  });

  void it('migrates the store (nothing left to do: the app migrated it)', async () => {
    const r = await cli(['migrate']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /store is up to date/);
  });

  void it('user disable/enable suspends and restores every session and API token', async () => {
    const { email, token: login } = await signUp(t);
    const api = (await generateToken(t, login)).body.token as string;
    const me = async () => (await get(t, ROUTES.me, { token: login })).status;
    const verify = async () => (await post(t, ROUTES.verify, {}, { token: api })).status;

    const disabled = await cli(['user', 'disable', email.toUpperCase()]);
    assert.equal(disabled.code, 0, disabled.stderr);
    assert.match(disabled.stdout, /disabled/);
    assert.deepEqual([await me(), await verify()], [401, 401]);
    assert.match((await cli(['user', 'disable', email])).stdout, /already disabled/);

    assert.equal((await cli(['user', 'enable', email])).code, 0);
    assert.deepEqual([await me(), await verify()], [200, 200]);

    const tail = await cli(['audit', 'tail', '-n', '2', '--json']);
    const actions = tail.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; user_agent: string });
    assert.deepEqual(
      actions.map((a) => a.action),
      ['user_disabled', 'user_enabled'],
    );
    assert.equal(actions[0]!.user_agent, 'keyward-cli');
  });

  void it('token list and token revoke', async () => {
    const { token: login, auth } = await signUp(t);
    const made = await generateToken(t, login, { name: 'ci-deploy' });
    const companyId = auth.company.id as string;

    const listed = await cli(['token', 'list', '--company', companyId, '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    const rows = listed.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      rows.map((r) => [r.id, r.name, r.hint]),
      [[made.body.id, 'ci-deploy', (made.body.token as string).slice(-4)]],
    );
    assert.ok(!listed.stdout.includes(made.body.token as string), 'never the token itself');

    const revoked = await cli(['token', 'revoke', made.body.id as string]);
    assert.equal(revoked.code, 0, revoked.stderr);
    const verify = await post(t, ROUTES.verify, {}, { token: made.body.token as string });
    assert.deepEqual([verify.status, verify.body.message], [401, 'INVALID_TOKEN']);
    const again = await cli(['token', 'revoke', made.body.id as string]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already revoked/);
  });

  void it('says what is wrong, with distinct exit codes', async () => {
    const [
      unknownUser,
      unknownToken,
      unknownCompany,
      missing,
      noCompany,
      unknown,
      badN,
      badConfig,
    ] = await Promise.all([
      cli(['user', 'disable', 'nobody@example.test']),
      cli(['token', 'revoke', 'no-such-id']),
      cli(['token', 'list', '--company', 'no-such-company']),
      cli(['user', 'disable']),
      cli(['token', 'list']),
      cli(['frobnicate']),
      cli(['audit', 'tail', '-n', 'many']),
      cli(['audit', 'tail'], { DATABASE_POOL_SIZE: 'many' }),
    ]);
    assert.deepEqual(
      [unknownUser.code, unknownUser.stderr.trim()],
      [3, 'keyward: no user with the address nobody@example.test'],
    );
    assert.deepEqual([unknownToken.code, unknownCompany.code], [3, 3]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing required argument 'email'/);
    assert.equal(noCompany.code, 2, '--company is required');
    assert.deepEqual([unknown.code, badN.code], [2, 2]);
    assert.equal(badConfig.code, 2);
    assert.match(badConfig.stderr, /DATABASE_POOL_SIZE must be a whole number/);
  });

  void it('secret rotate prints a keyring with a new key first, and how to retire the old one', async () => {
    const old = randomBytes(32).toString('hex');
    const r = await cli(['secret', 'rotate'], { JWT_SECRETS: `k1:${old}` });
    assert.equal(r.code, 0, r.stderr);
    const line = r.stdout.trim();
    assert.match(line, /^JWT_SECRETS=k2:[0-9a-f]{64},k1:[0-9a-f]{64}$/);
    const keys = loadConfig({ JWT_SECRETS: line.slice('JWT_SECRETS='.length) }).jwtKeys!;
    assert.deepEqual(
      keys.map((k) => k.kid),
      ['k2', 'k1'],
    );
    assert.equal(keys[1]!.secret, old);
    assert.match(r.stderr, /LOGIN_TOKEN_TTL \(86400 s, 24 h\)/);
    assert.match(r.stderr, /remove k1:… from JWT_SECRETS/);

    // With no JWT setting, the secret the server generated into DATA_DIR is the current key.
    const generated = await cli(['secret', 'rotate']);
    assert.match(generated.stdout.trim(), /^JWT_SECRETS=k2:[0-9a-f]{64},k1:[0-9a-f]{64}$/);
  });

  void it('purge runs housekeeping once', async () => {
    const r = await cli(['purge']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^purged \d+ expired code\(s\), \d+ ended session\(s\), 0 audit event\(s\)/,
    );
  });

  void it('serve starts the server (and, in production, refuses to without SMTP_URL)', async () => {
    const refused = await cli(['serve']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /SMTP_URL is required/);

    const server = await startServer(
      { ...storeEnv, NODE_ENV: 'development', SMTP_URL: t.smtp.url },
      ['node', 'dist/cli.js', 'serve'],
    );
    try {
      assert.equal((await fetch(`${server.base}/healthz`)).status, 200);
    } finally {
      await stopServer(server);
    }
    assert.equal(server.child.exitCode, 0);
  });
});
