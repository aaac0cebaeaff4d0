// The `keyward` command as an operator meets it, run as a real process (dist/cli.js) against a
// real app's store: it tells its version, finds a company's id from an address, prints real
// nulls in JSON, reads only the settings a command uses, and says what went wrong in one line.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, storeEnvOf, type CliOutcome } from '../helpers/cli-process.js';
import { generateToken, signUp } from '../helpers/client.js';
import { projectRoot } from '../helpers/project-root.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** Every line of a `--json` answer, parsed. */
const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** An error as the terminal shows it: one line naming the trouble, no stack trace. */
function assertOneLineError(r: CliOutcome, what: RegExp) {
  assert.notEqual(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /^keyward: /);
  assert.match(lines[0]!, what);
  assert.doesNotMatch(r.stderr, /^\s+at /m);
}

void describe('keyward CLI, as an operator meets it', () => {
  let t: TestApp;
  let storeEnv: Record<string, string>;

  before(async () => {
    t = await createTestApp();
    storeEnv = { ...storeEnvOf(t), NODE_ENV: 'development' };
  });
  after(() => t.close());

  const cli = (args: string[], env: Record<string, string> = {}): Promise<CliOutcome> =>
    runCli(args, { ...storeEnv, ...env });

  void it('--version and -V print the package version', async () => {
    const { version } = JSON.parse(
      fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8'),
    ) as {
      version: string;
    };
    for (const r of await Promise.all([cli(['--version']), cli(['-V'])])) {
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `${version}\n`);
    }
  });

  void it('company list finds the ids of the companies an address belongs to', async () => {
    const ada = await signUp(t, undefined, { company_name: 'Analytical Engines' });
    const grace = await signUp(t, undefined, { company_name: 'Compilers Inc' });

    const mine = await cli(['company', 'list', '--email', ada.email.toUpperCase(), '--json']);
    assert.equal(mine.code, 0, mine.stderr);
    const [row, ...rest] = jsonLines(mine.stdout);
    assert.deepEqual(rest, []);
    assert.deepEqual(row, {
      id: ada.auth.company.id,
      name: 'Analytical Engines',
      created_at: row!.created_at,
      members: 1,
      workspaces: 1,
      role: 'owner',
    });
    assert.ok(!Number.isNaN(Date.parse(row.created_at as string)));

    const all = await cli(['company', 'list', '--json']);
    assert.equal(all.code, 0, all.stderr);
    const ids = jsonLines(all.stdout).map((c) => c.id);
    assert.ok(ids.includes(ada.auth.company.id) && ids.includes(grace.auth.company.id));

    const text = await cli(['company', 'list', '--email', grace.email]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`^${grace.auth.company.id as string}  Compilers Inc  `));

    // The id found is the one `token list` wants.
    await generateToken(t, ada.token, { name: 'deploy' });
    const tokens = await cli(['token', 'list', '--company', row.id as string, '--json']);
    assert.equal(tokens.code, 0, tokens.stderr);
    assert.deepEqual(
      jsonLines(tokens.stdout).map((tk) => tk.name),
      ['deploy'],
    );

    const nobody = await cli(['company', 'list', '--email', 'nobody@example.com']);
    assert.equal(nobody.code, 3);
    assertOneLineError(nobody, /no user with the address nobody@example\.com/);
  });

  void it('--json prints absent values as null, never as "-"', async () => {
    const { token: login, auth } = await signUp(t);
    assert.equal((await generateToken(t, login)).status, 200);
    const listed = await cli(['token', 'list', '--company', auth.company.id as string, '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    const [token] = jsonLines(listed.stdout);
    for (const field of [
      'name',
      'scopes',
      'metadata',
      'rate_limit',
      'last_used_at',
      'expires_at',
    ]) {
      assert.equal(token![field], null, field);
    }
    const tail = await cli(['audit', 'tail', '-n', '50', '--json']);
    assert.equal(tail.code, 0, tail.stderr);
    const events = jsonLines(tail.stdout);
    // Events tied to no company and made by nobody (a code mailed) have nulls to show.
    assert.ok(events.some((e) => e.company === null && e.actor === null));
    for (const e of events) assert.ok(!Object.values(e).includes('-'), JSON.stringify(e));
  });

  void it('each command reads only the settings it uses', async () => {
    // Settings of the server only: none of them stops a command that does not serve.
    const serverOnly = {
      PORT: 'abc',
      HOST: '',
      LOG_LEVEL: 'loud',
      NODE_ENV: 'production',
      SMTP_URL: '',
      CORS_ORIGINS: 'not an origin',
      RATE_LIMIT_OTP_LOCK: 'forever',
      SHUTDOWN_GRACE_MS: '-1',
    };
    const [migrated, listed, rotated, badPool, badTtl, badRetention] = await Promise.all([
      cli(['migrate'], serverOnly),
      cli(['company', 'list'], serverOnly),
      cli(['secret', 'rotate'], serverOnly),
      // A setting the command does use is still checked, and named.
      cli(['migrate'], { DATABASE_POOL_SIZE: 'abc' }),
      cli(['secret', 'rotate'], { LOGIN_TOKEN_TTL: 'soon' }),
      cli(['purge'], { AUDIT_RETENTION_DAYS: 'x' }),
    ]);
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stdout, /store is up to date/);
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.match(rotated.stdout, /^JWT_SECRETS=k\d+:/);

    assert.equal(badPool.code, 2);
    assertOneLineError(badPool, /DATABASE_POOL_SIZE must be a whole number/);
    assert.equal(badTtl.code, 2);
    assertOneLineError(badTtl, /LOGIN_TOKEN_TTL must be/);
    assert.equal(badRetention.code, 2);
    assertOneLineError(badRetention, /AUDIT_RETENTION_DAYS must be/);
  });

  void it('a failure is one line without a stack trace, and a non-zero exit', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-cli-'));
    try {
      const [usage, missing, badAddress, unknownToken, unreachable, unmigrated] = await Promise.all(
        [
          cli(['compnay', 'list']),
          cli(['token', 'list']),
          cli(['user', 'disable', 'not an address']),
          cli(['token', 'revoke', 'no-such-token']),
          // A store that does not answer: nothing listens on port 1.
          cli(['company', 'list'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/keyward' }),
          // A store nobody migrated.
          cli(['company', 'list'], { DATA_DIR: empty, DATABASE_URL: '' }),
        ],
      );
      assert.equal(usage.code, 2);
      assertOneLineError(usage, /unknown command 'compnay'.*company/);
      assert.equal(missing.code, 2);
      assertOneLineError(missing, /--company/);
      assert.equal(badAddress.code, 1);
      assertOneLineError(badAddress, /"not an address" is not an email address/);
      assert.equal(unknownToken.code, 3);
      assertOneLineError(unknownToken, /no API token with the id no-such-token/);
      assert.equal(unreachable.code, 1);
      assertOneLineError(unreachable, /failed: .*ECONNREFUSED/);
      assert.equal(unmigrated.code, 1);
      assertOneLineError(unmigrated, /keyward migrate/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
