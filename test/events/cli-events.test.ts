// A change made with the `keyward` CLI reaches a running server's event stream (and its own
// verify cache): through Redis when it is set, else, on SQLite, through files in DATA_DIR. A real
// server process and the real CLI, as an operator would run them.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { KeywardClient } from '../../packages/client/src/index.js';
import { uniqueEmail } from '../helpers/client.js';
import { startKeyward, type KeywardProcess } from '../helpers/keyward-process.js';
import { projectRoot } from '../helpers/project-root.js';
import { SseReader } from '../helpers/sse.js';
import { TEST_STORE, createTestDatabase } from '../helpers/test-database.js';

const run = promisify(execFile);
const KEY = randomBytes(24).toString('hex');
const redisUrl = process.env.REDIS_URL;
// Several PostgreSQL instances share changes only through Redis.
const skip = TEST_STORE === 'postgres' && !redisUrl ? 'PostgreSQL needs REDIS_URL' : false;

void describe('CLI changes on the event stream', { skip }, () => {
  let keyward: KeywardProcess;
  let env: Record<string, string>;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-cli-events-'));

  before(async () => {
    const database = await createTestDatabase();
    env = {
      DATA_DIR: dataDir,
      DATABASE_URL: database.url ?? '',
      JWT_SECRET: randomBytes(32).toString('hex'),
      ...(TEST_STORE === 'postgres'
        ? {
            REDIS_URL: redisUrl!,
            REDIS_KEY_PREFIX: `kw-cli-events-${randomBytes(4).toString('hex')}:`,
          }
        : { REDIS_URL: '' }),
    };
    keyward = await startKeyward({ ...env, EVENT_STREAM_KEYS: KEY });
  });
  after(async () => {
    await keyward?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) =>
    run('node', ['dist/cli.js', ...args], {
      cwd: projectRoot,
      env: { ...process.env, ...env, SMTP_URL: '' },
    });

  void it('token revoke and user disable are on the stream, and refused at once', async () => {
    const client = new KeywardClient({ baseUrl: keyward.base });
    const email = uniqueEmail('cli-events');
    const person = { username: email, name: 'Ada', company_name: 'Acme' };
    await client.signupStart(person);
    const { auth } = await client.signupComplete({
      ...person,
      otp: await keyward.smtp.codeFor(email),
    });
    const minted = await client.generateToken({ name: 'cli' });
    const service = new KeywardClient({ baseUrl: keyward.base });
    assert.equal((await service.verify(minted.token)).data.token_id, minted.id);

    const reader = await SseReader.open(keyward.base, KEY);
    await reader.next((e) => e.type === 'hello');

    await cli('token', 'revoke', minted.id);
    const answered = performance.now();
    const revoked = await reader.next((e) => e.type === 'token.revoked');
    assert.deepEqual(revoked.data, { token_id: minted.id });
    console.log(
      `keyward token revoke → token.revoked on the stream (${TEST_STORE}): ` +
        `${Math.round(revoked.at - answered)} ms after the command returned`,
    );
    // The server's own verify cache heard it too.
    await assert.rejects(service.verify(minted.token), { code: 'INVALID_TOKEN' });

    await cli('user', 'disable', email);
    const disabled = performance.now();
    const changed = await reader.next((e) => e.type === 'user.changed');
    assert.deepEqual(changed.data, { user_id: auth.user.id });
    console.log(
      `keyward user disable → user.changed on the stream: ${Math.round(changed.at - disabled)} ms`,
    );
    reader.close();
  });
});
