// SIGTERM under load, against the real process: it stops listening at once, answers every request
// it had accepted (one of them still sending its body), flushes the last-used buffer, closes the
// store and exits 0; a restart on the same data has everything.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Load, NO_RATE_LIMITS, logLines, sleep } from '../helpers/load.js';
import { SmtpSink } from '../helpers/smtp-sink.js';
import { createTestDatabase, TEST_STORE, type TestDatabase } from '../helpers/test-database.js';
import { call, signUp, uniqueEmail } from '../helpers/client.js';
import { startServer, stopServer, type ServerProcess } from '../helpers/keyward-process.js';
import { ROUTES } from '../helpers/routes.js';

/** Resolves once a new connection to `port` is refused (the server stopped listening). */
async function refused(port: number): Promise<void> {
  for (;;) {
    const outcome = await new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    });
    if (outcome === 'ECONNREFUSED') return;
    await sleep(10);
  }
}

/** A POST whose body is sent in two halves: `finish()` sends the rest and resolves the answer. */
function slowPost(server: ServerProcess, url: string, token: string, body: unknown) {
  const payload = Buffer.from(JSON.stringify(body));
  const { hostname, port } = new URL(server.base);
  const request = http.request({
    host: hostname,
    port,
    method: 'POST',
    path: url,
    agent: false,
    headers: { token, 'content-type': 'application/json', 'content-length': payload.length },
  });
  const answer = new Promise<{ status: number; body: Record<string, any> }>((resolve, reject) => {
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: JSON.parse(text) as Record<string, any>,
        }),
      );
    });
    request.on('error', reject);
  });
  request.flushHeaders();
  request.write(payload.subarray(0, 5));
  return {
    finish: () => {
      request.end(payload.subarray(5));
      return answer;
    },
  };
}

void describe(`SIGTERM under load (${TEST_STORE})`, () => {
  let smtp: SmtpSink;
  let database: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;
  let server: ServerProcess | undefined;

  before(async () => {
    smtp = await SmtpSink.start();
    database = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-shutdown-'));
    env = {
      ...NO_RATE_LIMITS,
      DATA_DIR: dataDir,
      DATABASE_URL: database.url ?? '',
      SMTP_URL: smtp.url,
      JWT_SECRET: randomBytes(32).toString('hex'),
    };
  });
  after(async () => {
    if (server) await stopServer(server, 'SIGKILL');
    await smtp.close();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  void it('finishes every accepted request, flushes last-used times and exits 0', async () => {
    const first = (server = await startServer(env, ['node', 'dist/server.js']));
    const { token: login } = await signUp({ ...first, smtp }, uniqueEmail('sigterm'));
    const generated = await call(first, 'POST', ROUTES.generateToken, login, {
      name: 'under load',
    });
    const apiToken = generated.body.token as string;
    const loadStarted = Date.now();

    // verify and generate-token over keep-alive connections, as real clients send them.
    const answers: number[] = [];
    const load = new Load(16, async (loop) => {
      const r =
        loop % 4 === 0
          ? await call(first, 'POST', ROUTES.generateToken, login, {})
          : await call(first, 'POST', ROUTES.verify, apiToken);
      answers.push(r.status);
    });
    // A request that is in flight for sure: its headers are in, half of its body is not.
    const slow = slowPost(first, ROUTES.workspaces, login, {
      name: 'Created mid-shutdown',
    });
    const waitFrom = Date.now();
    while (
      !logLines(first).some((l) => l.msg === 'incoming request' && l.req?.url === ROUTES.workspaces)
    ) {
      assert.ok(Date.now() - waitFrom < 10_000, 'the server read the slow request’s headers');
      await sleep(10);
    }
    await sleep(300);

    // 'close', not 'exit': the exit code, and every line the process wrote before it.
    const exited = new Promise<number | null>((resolve) =>
      first.child.once('close', (code) => resolve(code)),
    );
    process.kill(first.child.pid!, 'SIGTERM');
    const answersAtSigterm = answers.length;
    await refused(Number(new URL(first.base).port)); // stops accepting connections…
    const created = await slow.finish(); // …and still answers the request it had accepted
    assert.deepEqual([created.status, created.body.message], [201, 'WORKSPACE_CREATED']);
    await load.done();
    assert.equal(await exited, 0, first.output().slice(-2000));

    // Every request the server logged as accepted got its answer to the client, and no answer
    // was a failure: the only network errors are requests the server never read.
    const logs = logLines(first);
    const accepted = logs.filter(
      (l) =>
        l.msg === 'incoming request' &&
        Date.parse(l.time as string) >= loadStarted &&
        ([ROUTES.verify, ROUTES.generateToken] as string[]).includes(l.req?.url as string),
    ).length;
    const failed = answers.filter((status) => status !== 200);
    console.log(
      `SIGTERM (${TEST_STORE}): ${answers.length} answers under load, ` +
        `${answers.length - answersAtSigterm} of them after SIGTERM, ${failed.length} failed; ` +
        `${load.failures.length} requests never read (${[...new Set(load.failures)].join(', ') || 'none'})`,
    );
    assert.deepEqual(failed, []);
    assert.equal(answers.length, accepted, 'every accepted request was answered');
    assert.ok(logs.some((l) => l.msg === 'shutting down'));

    // After a restart, the last-used time buffered in memory is in the store.
    const second = (server = await startServer(env, ['node', 'dist/server.js']));
    const listed = await call(second, 'GET', ROUTES.tokens, login);
    const row = (listed.body.tokens as Record<string, any>[]).find(
      (t) => t.id === generated.body.id,
    );
    assert.ok(row?.last_used_at, 'last_used_at was flushed at shutdown');
    assert.ok(Date.parse(row.last_used_at as string) >= loadStarted - 1000);
    const workspaces = await call(second, 'GET', ROUTES.workspaces, login);
    assert.ok(
      (workspaces.body.workspaces as { name: string }[]).some(
        (w) => w.name === 'Created mid-shutdown',
      ),
    );
    await stopServer(second);
  });
});
