// The package as a user gets it: `npm pack`ed, installed from the tarball into a new project
// (the frameworks taken from this repository's node_modules), type-checked there, and run as
// real Fastify, Express and Hono services against a real keyward.
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { projectRoot } from '../../../test/helpers/project-root.js';
import { STREAM_KEY, signedUp, startDeployment, type Deployment } from './fixture.js';

const run = promisify(execFile);
const clientDir = path.join(projectRoot, 'packages', 'client');
/** Taken from this repository rather than the registry: the test runs offline. */
const FROM_ROOT = ['fastify', 'express', 'hono', '@hono/node-server', '@types', 'typescript'];

const SERVICES = `
import { serve } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { createVerifier } from '@keyward/client';
import { keyward as forExpress } from '@keyward/client/express';
import { keyward as forFastify } from '@keyward/client/fastify';
import { keyward as forHono } from '@keyward/client/hono';

const verifier = createVerifier({
  baseUrl: process.env.KEYWARD_URL,
  eventStreamKey: process.env.KEYWARD_EVENT_STREAM_KEY,
  log: (message) => console.error(message),
});

const fastify = Fastify();
await fastify.register(forFastify, { verifier });
fastify.get('/whoami', (request) => ({ email: request.keyward.user.email }));
await fastify.listen({ port: 0, host: '127.0.0.1' });

const app = express();
app.use(forExpress({ verifier }));
app.get('/whoami', (req, res) => res.json({ email: req.keyward.user.email }));
const expressServer = await new Promise((resolve) => {
  const server = app.listen(0, '127.0.0.1', () => resolve(server));
});

const hono = new Hono();
hono.use(forHono({ verifier }));
hono.get('/whoami', (c) => c.json({ email: c.get('keyward').user.email }));
const honoServer = await new Promise((resolve) => {
  const server = serve({ fetch: hono.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(server));
});

const port = (server) => server.address().port;
console.log(JSON.stringify({
  fastify: port(fastify.server),
  express: port(expressServer),
  hono: port(honoServer),
}));
`;

/** What a TypeScript user writes: the types come with the package, request.keyward included. */
const TYPED = `
import Fastify from 'fastify';
import { Hono } from 'hono';
import { createVerifier, KeywardError, type VerifyData } from '@keyward/client';
import { keyward } from '@keyward/client/fastify';
import { keyward as forHono, type KeywardEnv } from '@keyward/client/hono';
import { keyward as forExpress } from '@keyward/client/express';
import express from 'express';

const verifier = createVerifier({ baseUrl: 'http://127.0.0.1:8080', cacheMs: 30_000 });
const app = Fastify();
await app.register(keyward, { verifier, scopes: ['agents:read'] });
app.get('/', (request) => {
  const data: VerifyData | null = request.keyward;
  return { company: data?.company.name };
});
const hono = new Hono<KeywardEnv>();
hono.use(forHono({ verifier }));
hono.get('/', (c) => c.json({ workspace: c.get('keyward').workspace.id }));
const server = express();
server.use(forExpress({ verifier }));
server.get('/', (req, res) => {
  res.json({ role: req.keyward?.role });
});
const failed: unknown = new KeywardError({ code: 'INVALID_TOKEN', status: 401 });
verifier.close();
export { failed };
`;

void describe('the packed package in a new project', () => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-consumer-'));
  let deployment: Deployment;
  let services: ChildProcess | undefined;

  before(async () => {
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', project], {
      cwd: clientDir,
    });
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    assert.ok(packed);
    const files = packed.files.map((f) => f.path);
    assert.ok(files.includes('dist/fastify.js') && files.includes('README.md'), files.join(' '));
    assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('test/')), files.join(' '));
    fs.writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', `./${packed.filename}`], {
      cwd: project,
    });
    for (const name of FROM_ROOT) {
      const link = path.join(project, 'node_modules', name);
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(path.join(projectRoot, 'node_modules', name), link);
    }
    deployment = await startDeployment();
  });
  after(async () => {
    services?.kill();
    await deployment?.close();
    fs.rmSync(project, { recursive: true, force: true });
  });

  void it('installs with no runtime dependency', () => {
    const installed = JSON.parse(
      fs.readFileSync(path.join(project, 'node_modules/@keyward/client/package.json'), 'utf8'),
    ) as { dependencies?: object };
    assert.equal(installed.dependencies, undefined);
  });

  void it('type-checks a TypeScript service that uses it', async () => {
    fs.writeFileSync(path.join(project, 'service.ts'), TYPED);
    const tsc = path.join(project, 'node_modules/typescript/bin/tsc');
    const args = ['--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext'];
    try {
      await run('node', [tsc, ...args, '--target', 'es2022', 'service.ts'], { cwd: project });
    } catch (err) {
      assert.fail((err as { stdout: string }).stdout);
    }
  });

  void it('runs Fastify, Express and Hono services that let a valid token through', async () => {
    fs.writeFileSync(path.join(project, 'services.mjs'), SERVICES);
    const child = spawn('node', ['services.mjs'], {
      cwd: project,
      env: {
        ...process.env,
        KEYWARD_URL: deployment.a.base,
        KEYWARD_EVENT_STREAM_KEY: STREAM_KEY,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    services = child;
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const ports = await new Promise<Record<string, number>>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const line = /^\{.*\}$/m.exec(output);
        if (line) resolve(JSON.parse(line[0]) as Record<string, number>);
      });
      child.on('exit', (code) => reject(new Error(`services exited with ${code}:\n${output}`)));
    });

    const { client, email } = await signedUp(deployment.a);
    const { token } = await client.generateToken();
    for (const [framework, port] of Object.entries(ports)) {
      const ok = await fetch(`http://127.0.0.1:${port}/whoami`, { headers: { token } });
      assert.deepEqual([ok.status, await ok.json()], [200, { email }], framework);
      const refused = await fetch(`http://127.0.0.1:${port}/whoami`);
      assert.deepEqual(
        [refused.status, await refused.json()],
        [400, { error: true, message: 'TOKEN_REQUIRED' }],
        framework,
      );
    }
  });
});
