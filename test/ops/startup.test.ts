// What a process says when it starts: one line each for the store, Redis and mail (addresses only,
// never a password), and a refusal to start production on a shared store without a shared secret.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { startServer, stopServer } from '../helpers/keyward-process.js';
import { projectRoot } from '../helpers/project-root.js';

const dataDirs: string[] = [];
after(() => dataDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-startup-'));
  dataDirs.push(dir);
  return dir;
}

/** The `msg` of every JSON log line the process printed. */
function messages(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => String((JSON.parse(line) as { msg?: unknown }).msg));
}

/** Starts `node dist/server.js`, returns its start-up messages, and stops it. */
async function startUpLines(env: Record<string, string>): Promise<string[]> {
  const server = await startServer(env, ['node', 'dist/server.js']);
  await stopServer(server);
  return messages(server.output());
}

const { DATABASE_URL, REDIS_URL } = process.env;

void describe('start-up lines', () => {
  void it('on the embedded default: SQLite with its file, no Redis, mail printed to the log', async () => {
    const dir = dataDir();
    const lines = await startUpLines({
      DATA_DIR: dir,
      DATABASE_URL: '',
      REDIS_URL: '',
      SMTP_URL: '',
    });
    assert.ok(
      lines.includes(`store: SQLite ${path.join(dir, 'keyward.sqlite')}`),
      lines.join('\n'),
    );
    assert.ok(
      lines.includes(
        'Redis: not set (REDIS_URL): rate limits and revocations stay in this instance',
      ),
    );
    assert.ok(lines.includes('mail: printed to the log, codes included (SMTP_URL is not set)'));
  });

  void it('names the SMTP host and an unreachable Redis, never their passwords', async () => {
    const server = await startServer(
      {
        DATA_DIR: dataDir(),
        DATABASE_URL: '',
        SMTP_URL: 'smtp://mailer:smtp-secret-1@127.0.0.1:2525',
        REDIS_URL: 'redis://:redis-secret-2@127.0.0.1:1',
      },
      ['node', 'dist/server.js'],
    );
    await stopServer(server);
    const lines = messages(server.output());
    assert.ok(lines.includes('mail: SMTP 127.0.0.1:2525'), lines.join('\n'));
    assert.ok(
      lines.includes('Redis: not reachable at 127.0.0.1:1: this instance counts alone until it is'),
    );
    assert.doesNotMatch(server.output(), /smtp-secret-1|redis-secret-2/);
  });

  void it('says Redis is connected', { skip: !REDIS_URL && 'REDIS_URL is not set' }, async () => {
    const url = new URL(REDIS_URL!);
    const lines = await startUpLines({
      DATA_DIR: dataDir(),
      DATABASE_URL: '',
      REDIS_URL: REDIS_URL!,
    });
    assert.ok(
      lines.includes(
        `Redis: connected to ${url.hostname}:${url.port || 6379}: rate limits, revocations and events are shared`,
      ) ||
        lines.includes(
          `Redis: connected to ${url.hostname}: rate limits, revocations and events are shared`,
        ),
      lines.join('\n'),
    );
  });

  void it(
    'names the PostgreSQL host and database without the password, and warns about a secret of its own',
    { skip: !DATABASE_URL && 'DATABASE_URL is not set' },
    async () => {
      const url = new URL(DATABASE_URL!);
      url.password = 'pg-secret-3'; // trust authentication ignores it; the log must too
      const lines = await startUpLines({
        DATA_DIR: dataDir(),
        DATABASE_URL: url.href,
        JWT_SECRET: '',
        JWT_SECRETS: '',
      });
      assert.ok(
        lines.includes(`store: PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`) ||
          lines.includes(`store: PostgreSQL ${url.hostname}${url.pathname}`),
        lines.join('\n'),
      );
      assert.ok(lines.some((line) => line.startsWith('DATABASE_URL is set but JWT_SECRETS')));
      assert.ok(!lines.join('\n').includes('pg-secret-3'));
    },
  );
});

void describe('a shared store without a shared secret', () => {
  void it('refuses to start in production, naming JWT_SECRETS, in one line', () => {
    const result = spawnSync('node', ['dist/server.js'], {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 15_000,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        // Refused before the store is opened: nothing needs to listen there.
        DATABASE_URL: 'postgres://keyward:pg-secret-4@127.0.0.1:1/keyward',
        SMTP_URL: 'smtp://127.0.0.1:2525',
        JWT_SECRET: '',
        JWT_SECRETS: '',
        DATA_DIR: dataDir(),
        PORT: '0',
      },
    });
    assert.equal(result.status, 1);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0]!, /^keyward: .*JWT_SECRETS/);
    assert.doesNotMatch(result.stderr + result.stdout, /pg-secret-4/);
  });
});
