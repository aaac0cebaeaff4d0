// Real keyward processes for tests that drive one from outside, the way a deployment runs it:
// `startServer` spawns one with the given environment (by default `npm start`, as the README
// says); `startKeyward` adds what a test needs around it: a free loopback port, a temp DATA_DIR,
// a store of its own (a schema of its own on the PostgreSQL pass) and mail to a real SMTP sink.
// Calls to a process go through ./client.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from './project-root.js';
import { SmtpSink } from './smtp-sink.js';
import { RELAXED_RATE_LIMITS } from './test-app.js';
import { createTestDatabase } from './test-database.js';

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  output: () => string;
}

/**
 * Starts `command` (by default `npm start`, as the README says) with the given environment on a
 * free loopback port; resolves once it logs the address it serves.
 */
export function startServer(
  env: Record<string, string>,
  command: string[] = ['npm', 'start'],
): Promise<ServerProcess> {
  const [file, ...args] = command;
  const child = spawn(file!, args, {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so the whole npm → node tree can be stopped
  });
  let output = '';
  return new Promise((resolve, reject) => {
    // Generous for a loaded machine; a process that never gets there is killed, or its open
    // pipes would keep the test file running for ever.
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      reject(new Error(`no listen line within 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /keyward listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, base: match[1], output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

/**
 * A signal to the whole group (npm and node), as a process manager would. Resolves once the
 * process has exited and its output pipes are closed: 'exit' can come before the last lines a
 * busy machine has not delivered yet (the shutdown log line, say), 'close' comes after them.
 */
export async function stopServer(
  server: ServerProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.child.once('close', () => resolve()));
  process.kill(-server.child.pid!, signal);
  await exited;
}

export interface KeywardProcess {
  /** e.g. http://127.0.0.1:40123 */
  base: string;
  smtp: SmtpSink;
  server: ServerProcess;
  close(): Promise<void>;
}

export async function startKeyward(env: Record<string, string> = {}): Promise<KeywardProcess> {
  const smtp = await SmtpSink.start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-process-'));
  const database = await createTestDatabase();
  const cleanUp = async () => {
    await smtp.close();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  let server: ServerProcess;
  try {
    server = await startServer(
      {
        ...RELAXED_RATE_LIMITS,
        DATA_DIR: dataDir,
        DATABASE_URL: database.url ?? '',
        SMTP_URL: smtp.url,
        MAIL_FROM: 'keyward-test@example.test',
        ...env,
      },
      ['node', 'dist/server.js'],
    );
  } catch (err) {
    await cleanUp();
    throw err;
  }
  return {
    base: server.base,
    smtp,
    server,
    async close() {
      await stopServer(server);
      await cleanUp();
    },
  };
}
