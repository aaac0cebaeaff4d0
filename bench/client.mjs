// `npm run bench -- --client` (or `node bench/client.mjs`): what @keyward/client costs a service.
//
//   1. a cache hit in `verifier.verify`, in µs: a million calls on one cached token, in this process
//   2. a Fastify service with the keyward middleware answering a cached token, against the same
//      service without it, in one run (requests/s of each, and their ratio)
//
//   options: --duration S (each load, default 10), --rounds N (default 2), --connections N (50),
//            --no-build, --no-pin
//
// keyward runs as `node dist/server.js` with its event stream on, on a fresh data folder. The two
// services run one at a time on CPU 0, the load (autocannon, bench/load.mjs) on CPU 1.
// `node bench/client.mjs --service=<plain|keyward>` is how the bench starts a service.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  HOST,
  ROOT,
  SERVER_CPU,
  freePort,
  generateToken,
  median,
  pinned,
  runLoad,
  setUpPinning,
  signUp,
  startProcess,
  stopProcess,
  waitHealthy,
} from './lib.mjs';
import { SmtpSink } from './smtp-sink.mjs';

const argv = process.argv.slice(2);
const value = (name, fallback) => {
  const inline = argv.find((a) => a.startsWith(`${name}=`));
  if (inline) return inline.slice(name.length + 1);
  const i = argv.indexOf(name);
  return i !== -1 && argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : fallback;
};
const client = () => import(path.join(ROOT, 'packages/client/dist/index.js'));

// ---- the services ------------------------------------------------------------------------------
/** The protected route, with and without the middleware: the same answer either way. */
async function serve(kind) {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  if (kind === 'keyward') {
    const { createVerifier } = await client();
    const { keyward } = await import(path.join(ROOT, 'packages/client/dist/fastify.js'));
    const verifier = createVerifier({
      baseUrl: process.env.KEYWARD_URL,
      eventStreamKey: process.env.KEYWARD_EVENT_STREAM_KEY,
    });
    // In a scope of its own, as a service would protect its API but not its health check.
    await app.register(async (api) => {
      await api.register(keyward, { verifier });
      api.get('/whoami', (request) => ({ workspace: request.keyward.workspace.id }));
    });
  } else {
    app.get('/whoami', (request) => ({ workspace: String(request.headers.token).slice(0, 8) }));
  }
  app.get('/healthz', () => ({ status: 'ok' }));
  await app.listen({ port: Number(process.env.PORT), host: HOST });
}

const service = value('--service');
if (service !== undefined) {
  await serve(service);
} else {
  await main();
}

// ---- the bench ---------------------------------------------------------------------------------
async function main() {
  const duration = Number(value('--duration', 10));
  const rounds = Number(value('--rounds', 2));
  const connections = Number(value('--connections', 50));
  if (!argv.includes('--no-build')) {
    execFileSync('npm', ['run', 'build:all'], { cwd: ROOT, stdio: 'ignore' });
  }
  const pin = setUpPinning(!argv.includes('--no-pin'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-bench-client-'));
  const key = randomBytes(24).toString('hex');
  const sink = await SmtpSink.start();
  const port = await freePort();
  const keyward = startProcess([process.execPath, 'dist/server.js'], {
    logFile: path.join(work, 'keyward.log'),
    env: {
      ...process.env,
      PORT: String(port),
      HOST,
      DATA_DIR: path.join(work, 'data'),
      SMTP_URL: sink.url,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      EVENT_STREAM_KEYS: key,
    },
  });
  try {
    await waitHealthy(keyward, port);
    const base = `http://${HOST}:${port}`;
    const signedUp = await signUp(base, sink);
    const token = await generateToken(base, signedUp.token);

    // 1. A cache hit, in this process.
    const { createVerifier } = await client();
    const verifier = createVerifier({ baseUrl: base, eventStreamKey: key });
    const deadline = Date.now() + 10_000;
    while (!verifier.streaming && Date.now() < deadline) await sleep(10);
    await verifier.verify(token);
    const hitUs = [];
    for (let round = 0; round < 5; round++) {
      const calls = 1_000_000;
      const started = performance.now();
      for (let i = 0; i < calls; i++) await verifier.verify(token);
      hitUs.push(((performance.now() - started) * 1000) / calls);
    }
    verifier.close();

    // 2. The services, one at a time on the server CPU, under the same load.
    const rates = { plain: [], keyward: [] };
    for (let round = 1; round <= rounds; round++) {
      for (const kind of ['plain', 'keyward']) {
        const servicePort = await freePort();
        const child = startProcess(
          pinned(pin, SERVER_CPU, [process.execPath, 'bench/client.mjs', `--service=${kind}`]),
          {
            logFile: path.join(work, `${kind}.log`),
            env: {
              ...process.env,
              PORT: String(servicePort),
              KEYWARD_URL: base,
              KEYWARD_EVENT_STREAM_KEY: key,
            },
          },
        );
        try {
          await waitHealthy(child, servicePort);
          const result = await runLoad(pin, {
            url: `http://${HOST}:${servicePort}/whoami`,
            method: 'GET',
            headers: { token },
            connections,
            duration,
            warmup: 2,
          });
          if (result.ok === 0) throw new Error(`${kind}: no 2xx answer`);
          rates[kind].push(result.rate);
          console.error(`round ${round}/${rounds} ${kind}: ${Math.round(result.rate)} req/s`);
        } finally {
          await stopProcess(child);
        }
      }
    }

    const plain = median(rates.plain);
    const withMiddleware = median(rates.keyward);
    // Each round measures the two back to back: their ratio is steadier than the medians' on a
    // machine whose load comes and goes.
    const ratio = median(rates.keyward.map((rate, i) => rate / rates.plain[i]));
    console.log('\n@keyward/client');
    console.log(`  verifier.verify, cache hit:    ${median(hitUs).toFixed(3)} µs (target ≤ 2 µs)`);
    console.log(`  Fastify service, no middleware: ${Math.round(plain)} req/s`);
    console.log(`  same, keyward middleware:       ${Math.round(withMiddleware)} req/s`);
    console.log(
      `  ratio (median of rounds):       ${ratio.toFixed(3)}× (target ≥ 0.9×)` +
        `${pin ? '' : ' (not pinned to CPUs)'}`,
    );
  } finally {
    await stopProcess(keyward);
    await sink.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
