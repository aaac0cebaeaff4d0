// The real process, started the way the README says (`npm start`), driven with the curl commands
// of the original API page: sign-up/login → generate-token → verify, the code read from real mail.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { SmtpSink } from '../helpers/smtp-sink.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { startServer, stopServer, type ServerProcess } from '../helpers/keyward-process.js';
import { projectRoot } from '../helpers/project-root.js';
import { uniqueEmail } from '../helpers/client.js';

const run = promisify(execFile);
const root = projectRoot;
const start = (env: Record<string, string>) => startServer(env);
const stop = (server: Server) => stopServer(server);
type Server = ServerProcess;

/** curl as a user types it; returns the status and the parsed body. */
async function curl(url: string, token: string | undefined, body: string) {
  const args = [
    '-sS',
    '-X',
    'POST',
    url,
    '-H',
    'Content-Type: application/json',
    '-w',
    '\n%{http_code}',
  ];
  if (token) args.push('-H', `token: ${token}`);
  args.push('-d', body);
  const { stdout } = await run('curl', args);
  const at = stdout.lastIndexOf('\n');
  return {
    status: Number(stdout.slice(at + 1)),
    body: JSON.parse(stdout.slice(0, at)) as Record<string, unknown>,
  };
}

describe('the real process, as the README runs it', () => {
  let smtp: SmtpSink;
  let dataDir: string;
  let server: Server;
  let database: TestDatabase;
  let env: Record<string, string>;

  before(async () => {
    smtp = await SmtpSink.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-e2e-'));
    database = await createTestDatabase();
    env = {
      DATA_DIR: dataDir,
      DATABASE_URL: database.url ?? '',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'e2e@example.test',
    };
    server = await start(env);
  });
  after(async () => {
    // `server` is unset when start-up failed: the sink must still close, or the file hangs.
    if ((server as Server | undefined) !== undefined) await stop(server);
    await smtp.close();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the original page’s three steps and gives exactly its responses', async () => {
    const email = uniqueEmail('e2e');
    const signup = { username: email, name: 'Ada', company_name: 'Acme' };
    assert.deepEqual(await curl(`${server.base}/api/signup`, undefined, JSON.stringify(signup)), {
      status: 200,
      body: { message: 'OTP_SENT' },
    });
    const signupOtp = await smtp.codeFor(email);
    const signedUp = await curl(
      `${server.base}/api/signup`,
      undefined,
      JSON.stringify({ ...signup, otp: signupOtp }),
    );
    assert.equal(signedUp.status, 201);
    assert.equal(signedUp.body.message, 'SIGNEDUP');

    // Step 1: login (username only, then username + the mailed code).
    assert.deepEqual(
      await curl(`${server.base}/api/login`, undefined, JSON.stringify({ username: email })),
      {
        status: 200,
        body: { message: 'OTP_SENT' },
      },
    );
    const otp = await smtp.codeFor(email, 2);
    const login = await curl(
      `${server.base}/api/login`,
      undefined,
      JSON.stringify({ username: email, otp }),
    );
    assert.equal(login.status, 200);
    assert.equal(login.body.message, 'LOGGEDIN');
    assert.equal(typeof login.body.auth, 'object');
    const loginToken = login.body.token as string;
    assert.match(loginToken, /^eyJ/);

    // Step 2: generate an API token with the login token.
    const generated = await curl(`${server.base}/api/v1/global/generate-token`, loginToken, '{}');
    assert.equal(generated.status, 200);
    assert.equal(generated.body.message, 'API token generated successfully');
    const apiToken = generated.body.token as string;
    assert.match(apiToken, /^[0-9a-f]{64}$/);

    // Step 3: use the API token.
    const verified = await curl(`${server.base}/api/v1/global/verify`, apiToken, '{}');
    assert.equal(verified.status, 200);
    assert.equal(verified.body.message, 'Token is valid');

    // The page's error answers.
    const missing = await curl(`${server.base}/api/v1/global/generate-token`, undefined, '{}');
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error, true);
    assert.equal(missing.body.message, 'LOGIN_TOKEN_REQUIRED');
    const invalid = await curl(`${server.base}/api/v1/global/generate-token`, 'not-a-token', '{}');
    assert.equal(invalid.status, 401);
    assert.equal(invalid.body.message, 'INVALID_LOGIN_TOKEN');

    // SIGTERM ends it cleanly; restarted on the same data, everything is still there.
    await stop(server);
    assert.match(server.output(), /shutting down/);
    server = await start(env);
    assert.equal((await curl(`${server.base}/api/v1/global/verify`, apiToken, '{}')).status, 200);
    assert.equal((await curl(`${server.base}/api/v1/global/verify`, loginToken, '{}')).status, 200);
    assert.ok(!server.output().includes(apiToken), 'the API token is not in the log');
  });
});

describe('start-up refusals', () => {
  it('refuses NODE_ENV=production without SMTP_URL, with a clear message', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-e2e-'));
    try {
      const result = await run('node', ['dist/server.js'], {
        cwd: root,
        env: { ...process.env, NODE_ENV: 'production', SMTP_URL: '', DATA_DIR: dataDir, PORT: '0' },
      }).then(
        () => assert.fail('the server started'),
        (err: { code: number; stderr: string }) => err,
      );
      assert.equal(result.code, 1);
      assert.match(result.stderr, /SMTP_URL is required when NODE_ENV=production/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
