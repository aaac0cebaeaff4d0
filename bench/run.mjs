// `npm run bench` — keyward's hot paths side by side with a bare Fastify route, in one run.
//
//   npm run bench                  full run: verify (API and login token, 3 rounds), generate-token
//                                  (c=50 and sequential), sign-up and login flows, verify under
//                                  mixed load, memory under a 60 s verify load, start-up time
//   npm run bench -- --quick       the same rows, shorter (about a minute): a smoke run
//   npm run bench -- --sizes       verify with 1,000 and then 1,000,000 API tokens in the store
//                                  (--sizes=1000,100000 for other sizes)
//   npm run bench -- --memory      only memory and start-up
//   npm run bench -- --verify      only the bare route and the verify rows (--postgres: theirs
//                                  too)
//   npm run bench -- --client      @keyward/client: a verify cache hit (µs), and a Fastify
//                                  service with its middleware against one without (bench/client.mjs)
//   npm run bench -- --profile     node --cpu-prof on keyward under 10 s of verify with an API
//                                  token (--profile=login: a login token; --profile=generate:
//                                  generate-token at c=50; --profile=unknown: a new random
//                                  unknown API token each; --profile=bare: the bare route),
//                                  summarized
//   options: --postgres (verify rows on PostgreSQL too, DATABASE_URL), --redis (verify of a
//            token with a rate limit counted in Redis too, REDIS_URL or 127.0.0.1:6379, under
//            a key prefix of the run's own), --duration S, --rounds N,
//            --connections N, --memory-seconds S (the memory load, default 60), --env NAME=VALUE
//            (server setting), --wait-quiet[=S] (before each row, wait up to S s, default 60, for
//            both CPUs to be idle), --no-build, --no-pin, --keep;
//            --report <results.json> prints an earlier run's table again
//
// The server is started as `npm start` starts it (node dist/server.js, after `npm run build`) on a
// fresh data folder, NODE_ENV=production, mail to an SMTP sink in this process. Servers run on
// CPU 0; this process, the sink and autocannon (child processes) on CPU 1. Loopback only; every
// load is bounded in time. Results: a table on stdout, and bench/results/<time>-<mode>/.
import { execFileSync } from 'node:child_process';
import { randomBytes, createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import Database from 'better-sqlite3';
import pg from 'pg';
import { formatSummary, summarize } from './cpu-profile-summary.mjs';
import {
  HOST,
  LOAD_CPU,
  ROOT,
  SERVER_CPU,
  cpuSnapshot,
  freePort,
  freshAddress,
  generateToken,
  logIn,
  median,
  memoryOf,
  percentile,
  othersPercent,
  pinned,
  postJson,
  runLoad,
  setUpPinning,
  signUp,
  startProcess,
  stopProcess,
  waitForQuiet,
  waitHealthy,
} from './lib.mjs';
import { SmtpSink } from './smtp-sink.mjs';

// The flows send hundreds of codes a second from one IP, and log the same accounts in again
// and again; generate-token mints thousands per user. Limits far above that keep the limiter's
// work on the path without it refusing anything (see src/config.ts). `--env NAME=VALUE` overrides.
const HUGE = '1000000000/1h';
/** A row during which other processes took more of a CPU than this is "disturbed". */
const DISTURBED_PCT = 10;
const RAISED_LIMITS = {
  RATE_LIMIT_OTP_SEND_PER_ADDRESS: HUGE,
  RATE_LIMIT_OTP_SEND_PER_IP: HUGE,
  RATE_LIMIT_OTP_CHECK_PER_IP: HUGE,
  RATE_LIMIT_GENERATE_TOKEN_PER_USER: HUGE,
};

// ---- options -----------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const flag = (name) => argv.some((a) => a === name || a.startsWith(name + '='));
const value = (name) => {
  const inline = argv.find((a) => a.startsWith(name + '='));
  if (inline) return inline.slice(name.length + 1);
  const i = argv.indexOf(name);
  return i !== -1 && argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : undefined;
};
if (flag('--help') || flag('-h')) {
  console.log(
    fs
      .readFileSync(new URL(import.meta.url), 'utf8')
      .split('\n')
      .filter((line, i, lines) => lines.slice(0, i + 1).every((l) => l.startsWith('//')))
      .join('\n'),
  );
  process.exit(0);
}
// `--client`: the client package's figures instead (bench/client.mjs, its own options).
if (flag('--client')) {
  await import('./client.mjs');
  process.exit(0);
}
/** --report <results.json>: print an earlier run's table again (e.g. after the report changed). */
const reportOnly = value('--report');
const quick = flag('--quick');
const mode = flag('--sizes')
  ? 'sizes'
  : flag('--profile')
    ? 'profile'
    : flag('--memory')
      ? 'memory'
      : flag('--verify')
        ? 'verify'
        : quick
          ? 'quick'
          : 'full';
const opts = {
  duration: Number(value('--duration') ?? (quick ? 3 : 10)),
  warmup: quick ? 1 : 3,
  rounds: Number(value('--rounds') ?? (quick ? 1 : 3)),
  connections: Number(value('--connections') ?? 50),
  /** generate-token connections alongside verify in the mixed row */
  mixedGenerateConnections: 10,
  flowConcurrency: 10,
  memorySeconds: Number(value('--memory-seconds') ?? (quick ? 12 : 60)),
  /** RSS growth is measured from this second of the memory load to its end */
  memoryFromSecond: quick ? 2 : 10,
  startups: quick ? 1 : 3,
  sizes: (value('--sizes') ?? '1000,1000000').split(',').map(Number),
  rotatingTokens: 1000,
  /** what --profile loads: verify with an API token (api), with a login token (login), with
   * random unknown API tokens (unknown), or generate-token at c=50 (generate) */
  profileKind: ['login', 'generate', 'unknown', 'bare'].includes(value('--profile'))
    ? value('--profile')
    : 'api',
  postgres: flag('--postgres'),
  redis: flag('--redis'),
  /** before each row, wait up to this many seconds for both CPUs to be idle */
  waitQuiet: flag('--wait-quiet') ? Number(value('--wait-quiet') ?? 60) : 0,
  /** how many times a disturbed row is measured again (with --wait-quiet) */
  retries: flag('--wait-quiet') ? 3 : 0,
  keep: flag('--keep'),
  build: !flag('--no-build'),
};
const serverEnvOverrides = { ...RAISED_LIMITS };
for (let i = 0; i < argv.length; i++) {
  if (argv[i] !== '--env') continue;
  const [name, ...rest] = (argv[i + 1] ?? '').split('=');
  if (!name || rest.length === 0) throw new Error('--env takes NAME=VALUE');
  serverEnvOverrides[name] = rest.join('=');
}

// ---- run context -------------------------------------------------------------------------------
const pin = !reportOnly && setUpPinning(!flag('--no-pin'));
const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const resultsDir = path.join(ROOT, 'bench/results', `${stamp}-${mode}`);
if (!reportOnly) fs.mkdirSync(resultsDir, { recursive: true });
const workDir = reportOnly ? '' : fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-bench-'));
const live = new Set();
let sink;

const log = (...parts) =>
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);

async function cleanUp() {
  await Promise.all([...live].map((s) => stopProcess(s, { graceMs: 5000 })));
  await sink?.close();
  if (!opts.keep && workDir) fs.rmSync(workDir, { recursive: true, force: true });
}
/** The results so far: written out if the run is interrupted. */
let partial;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping servers`);
    if (partial) {
      partial.meta.interrupted = signal;
      writeResults(partial);
    }
    void cleanUp().finally(() => process.exit(130));
  });
}

function serverEnv(port, dataDir, databaseUrl) {
  // A clean environment, so a DATABASE_URL or JWT_SECRET in the caller's shell can't change what
  // is measured; the settings are those of a production start with mail to the sink.
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: os.tmpdir(),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST,
    PORT: String(port),
    DATA_DIR: dataDir,
    SMTP_URL: sink.url,
    MAIL_FROM: 'keyward bench <bench@example.test>',
    ...serverEnvOverrides,
  };
  // A shared store needs a shared signing secret (production refuses to start without one).
  if (databaseUrl) Object.assign(env, { DATABASE_URL: databaseUrl, JWT_SECRET: BENCH_JWT_SECRET });
  return env;
}

const BENCH_JWT_SECRET = randomBytes(32).toString('hex');

let serverCount = 0;
/** keyward as `npm start` runs it, pinned to the server CPU, waited for until /healthz is 200. */
async function startKeyward({ dataDir, databaseUrl, nodeArgs = [], label = 'keyward', env = {} }) {
  const port = await freePort();
  const logFile = path.join(resultsDir, `${label}-${++serverCount}.log`);
  const argv = pinned(pin, SERVER_CPU, [process.execPath, ...nodeArgs, 'dist/server.js']);
  const server = startProcess(argv, {
    env: { ...serverEnv(port, dataDir, databaseUrl), ...env },
    logFile,
  });
  live.add(server);
  server.stop = async (signal) => {
    await stopProcess(server, { signal });
    live.delete(server);
  };
  server.startupMs = await waitHealthy(server, port);
  server.base = `http://${HOST}:${port}`;
  return server;
}

async function startBaseline({ nodeArgs = [] } = {}) {
  const port = await freePort();
  const logFile = path.join(resultsDir, 'baseline.log');
  const argv = pinned(pin, SERVER_CPU, [process.execPath, ...nodeArgs, 'bench/baseline.mjs']);
  const server = startProcess(argv, {
    env: { ...serverEnv(port, workDir), NODE_ENV: 'production' },
    logFile,
  });
  live.add(server);
  server.stop = async (signal) => {
    await stopProcess(server, { signal });
    live.delete(server);
  };
  await waitHealthy(server, port);
  server.base = `http://${HOST}:${port}`;
  server.token = (await postJson(server.base, '/api/v1/global/keys', {})).token;
  return server;
}

/** A fresh account (sign-up over HTTP), its login token and one API token. */
async function seedAccount(server) {
  const signedUp = await signUp(server.base, sink);
  const loginToken = signedUp.token;
  const apiToken = await generateToken(server.base, loginToken);
  const check = await postJson(server.base, '/api/v1/global/verify', {}, { token: apiToken });
  if (check.data?.token_type !== 'api') throw new Error('seeded API token does not verify');
  // A rate limit far above what a bench sends: every verify spends it, none is refused.
  const limited = await postJson(
    server.base,
    '/api/v1/global/generate-token',
    { rate_limit: '1000000000/1h' },
    { token: loginToken },
  );
  return { loginToken, apiToken, limitedToken: limited.token, auth: signedUp.auth };
}

// ---- loads -------------------------------------------------------------------------------------
const verifyLoad = (base, token, extra = {}) => ({
  url: `${base}/api/v1/global/verify`,
  method: 'POST',
  headers: { token },
  connections: opts.connections,
  duration: opts.duration,
  warmup: opts.warmup,
  ...extra,
});

const generateLoad = (base, loginToken, connections, extra = {}) => ({
  url: `${base}/api/v1/global/generate-token`,
  method: 'POST',
  headers: { token: loginToken, 'content-type': 'application/json' },
  body: '{}',
  connections,
  duration: opts.duration,
  warmup: opts.warmup,
  ...extra,
});

/**
 * Runs `work` and notes how much of each CPU other processes took meanwhile (`othersPct` on the
 * result, or on each result of an array). With --wait-quiet it first waits for idle CPUs, and
 * redoes a row that neighbours disturbed anyway (up to `retries` times), keeping the least
 * disturbed attempt.
 */
async function measure(server, work, { quietFirst = true, retries = opts.retries } = {}) {
  let best;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (quietFirst && opts.waitQuiet > 0 && pin && !(await waitForQuiet(opts.waitQuiet))) {
      log(`  the machine did not get quiet within ${opts.waitQuiet} s: measuring anyway`);
    }
    const before = cpuSnapshot(server.child.pid);
    const result = await work();
    const results = Array.isArray(result) ? result : [result];
    const after = cpuSnapshot(server.child.pid);
    const loadCpuMs = results.reduce((ms, r) => ms + (r.cpuMs ?? 0), 0);
    const others = pin ? othersPercent(before, after, loadCpuMs) : null;
    // The server's CPU time per request: unlike req/s, it does not depend on whether the server
    // or the load generator ran out of CPU first (a mixed row shares it between its loads).
    const requests = results.reduce((n, r) => n + (r.requests ?? 0), 0);
    const serverCpuUs =
      before.serverMs !== null && after.serverMs !== null && requests > 0
        ? ((after.serverMs - before.serverMs) * 1000) / requests
        : null;
    for (const r of results) {
      r.othersPct = others;
      r.serverCpuUs = serverCpuUs;
    }
    const disturbed = Math.max(others?.server ?? 0, others?.load ?? 0);
    if (!best || disturbed < best.disturbed) best = { result, disturbed };
    if (disturbed <= DISTURBED_PCT) break;
    if (attempt < retries) log(`  other processes took ${disturbed.toFixed(0)} % of a CPU: again`);
  }
  return best.result;
}

/** One autocannon load against `server`. */
const load = (server, spec) => measure(server, () => runLoad(pin, spec));

/** A row of the table from one or more load results (medians when there are several). */
function row(key, label, results, unit = 'req/s') {
  const list = Array.isArray(results) ? results : [results];
  const lat = (k) => median(list.map((r) => r.latencyMs[k]));
  return {
    key,
    label,
    unit,
    connections: list[0].connections,
    rate: median(list.map((r) => r.rate)),
    p50: lat('p50'),
    p99: lat('p99'),
    p99_9: lat('p99_9'),
    non2xx: list.reduce((n, r) => n + r.non2xx + (r.errors ?? 0), 0),
    serverCpuUs: median(list.map((r) => r.serverCpuUs)),
    othersPct: {
      server: median(list.map((r) => r.othersPct?.server)),
      load: median(list.map((r) => r.othersPct?.load)),
    },
    runs: list,
  };
}

/**
 * Drives `flow(i)` from `concurrency` workers for `seconds` (each flow several requests plus a
 * mail); one sample per flow. Not autocannon: every step waits for the code from the sink.
 */
async function runFlows(flow, { concurrency, seconds, startAt = 0 }) {
  const latencies = [];
  let failed = 0;
  let firstError;
  let next = startAt;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const i = next++;
        const started = performance.now();
        try {
          await flow(i);
          latencies.push(performance.now() - started);
        } catch (err) {
          failed++;
          firstError ??= err.message;
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const r2 = (x) => (x === null ? null : Math.round(x * 100) / 100);
  if (firstError) log(`  ${failed} flows failed, first: ${firstError}`);
  return {
    connections: concurrency,
    seconds: elapsed,
    ok: latencies.length,
    rate: Math.round((latencies.length / elapsed) * 10) / 10,
    non2xx: failed,
    errors: 0,
    firstError,
    next,
    latencyMs: {
      p50: r2(percentile(latencies, 0.5)),
      p99: r2(percentile(latencies, 0.99)),
      p99_9: r2(percentile(latencies, 0.999)),
      max: r2(percentile(latencies, 1)),
    },
  };
}

// ---- phases ------------------------------------------------------------------------------------
async function verifyRounds(baseline, targets) {
  const results = new Map(targets.map((t) => [t.key, []]));
  results.set('bare', []);
  for (let round = 1; round <= opts.rounds; round++) {
    log(`round ${round}/${opts.rounds}: bare route`);
    results.get('bare').push(await load(baseline, verifyLoad(baseline.base, baseline.token)));
    for (const t of targets) {
      log(`round ${round}/${opts.rounds}: ${t.label}`);
      results.get(t.key).push(await load(t.server, verifyLoad(t.server.base, t.token, t.load)));
    }
  }
  return [
    row('bare', 'bare Fastify route (sha256 + Map)', results.get('bare')),
    ...targets.map((t) => row(t.key, t.label, results.get(t.key))),
  ];
}

async function flowRows(keyward) {
  const accounts = [];
  const signUpFlow = async () => {
    const username = freshAddress('flow');
    await signUp(keyward.base, sink, username);
    accounts.push(username);
  };
  log('sign-up flow: warm-up');
  await runFlows(signUpFlow, { concurrency: opts.flowConcurrency, seconds: opts.warmup });
  log('sign-up flow');
  const signUps = await measure(keyward, () =>
    runFlows(signUpFlow, { concurrency: opts.flowConcurrency, seconds: opts.duration }),
  );

  // Login reuses the accounts just made. An account is lent to one flow at a time; a used code
  // ends its resend cooldown, so it can log in again at once. A failed flow leaves a live code
  // (and its cooldown) behind: that account is not lent again.
  while (accounts.length < 4 * opts.flowConcurrency) await signUpFlow();
  const loginFlow = async () => {
    const username = accounts.shift();
    if (!username) throw new Error('no idle account left to log in with');
    await logIn(keyward.base, sink, username);
    accounts.push(username);
  };
  log('login flow: warm-up');
  await runFlows(loginFlow, { concurrency: opts.flowConcurrency, seconds: opts.warmup });
  log('login flow');
  const logins = await measure(keyward, () =>
    runFlows(loginFlow, { concurrency: opts.flowConcurrency, seconds: opts.duration }),
  );
  return [
    row('signup_flow', 'sign-up flow (step 1, mail, step 2)', signUps, 'flows/s'),
    row('login_flow', 'login flow (step 1, mail, step 2)', logins, 'flows/s'),
  ];
}

async function memoryPhase(dataDir, apiToken) {
  log(`memory: fresh server, ${opts.memorySeconds} s verify load`);
  if (opts.waitQuiet > 0 && pin) await waitForQuiet(opts.waitQuiet);
  const server = await startKeyward({ dataDir, label: 'keyward-memory' });
  const pid = server.child.pid;
  const idle = memoryOf(pid);
  const samples = [];
  const t0 = performance.now();
  const sampler = setInterval(() => {
    const m = memoryOf(pid);
    if (m)
      samples.push({ second: Math.round((performance.now() - t0) / 100) / 10, rssMb: m.rssMb });
  }, 500);
  let result;
  try {
    const spec = verifyLoad(server.base, apiToken, { duration: opts.memorySeconds, warmup: 0 });
    // The samples are timed from the start of this load: no waiting, no second attempt.
    result = await measure(server, () => runLoad(pin, spec), { quietFirst: false, retries: 0 });
  } finally {
    clearInterval(sampler);
  }
  const end = memoryOf(pid);
  await server.stop();
  if (!idle || !end) return { available: false };
  const at = (second) =>
    samples.reduce((best, s) =>
      Math.abs(s.second - second) < Math.abs(best.second - second) ? s : best,
    );
  // RSS saws up and down by tens of MB between garbage collections, so a single sample depends
  // on where in the cycle it falls; the lowest RSS of a 10 s window does not, and a leak lifts it.
  const floor = (from, to) =>
    Math.min(...samples.filter((s) => s.second >= from && s.second <= to).map((s) => s.rssMb));
  const first = opts.memoryFromSecond;
  const last = samples[samples.length - 1].second;
  const window = Math.min(10, (last - first) / 2);
  const growth = (fromMb, toMb) => (100 * (toMb - fromMb)) / fromMb;
  const from = at(first);
  const to = samples[samples.length - 1];
  const floorFrom = floor(first, first + window);
  const floorTo = floor(last - window, last);
  return {
    available: true,
    loadSeconds: opts.memorySeconds,
    load: row('memory_load', `verify, API token (${opts.memorySeconds} s, fresh process)`, result),
    idleRssMb: idle.rssMb,
    peakRssMb: Math.max(end.hwmMb, ...samples.map((s) => s.rssMb)),
    growth: {
      fromSecond: from.second,
      fromMb: from.rssMb,
      toSecond: to.second,
      toMb: to.rssMb,
      pct: growth(from.rssMb, to.rssMb),
      windowSeconds: window,
      floorFromMb: floorFrom,
      floorToMb: floorTo,
      floorPct: growth(floorFrom, floorTo),
    },
    samples,
  };
}

async function startupPhase(existingDataDir) {
  const fresh = [];
  const existing = [];
  for (let i = 0; i < opts.startups; i++) {
    if (opts.waitQuiet > 0 && pin) await waitForQuiet(opts.waitQuiet);
    const dir = fs.mkdtempSync(path.join(workDir, 'startup-'));
    const a = await startKeyward({ dataDir: dir, label: 'keyward-startup' });
    fresh.push(a.startupMs);
    await a.stop();
    const b = await startKeyward({ dataDir: existingDataDir, label: 'keyward-startup' });
    existing.push(b.startupMs);
    await b.stop();
  }
  log(
    `start-up: fresh store ${fresh.map((x) => x.toFixed(0)).join(', ')} ms; existing ${existing.map((x) => x.toFixed(0)).join(', ')} ms`,
  );
  return { freshMs: median(fresh), existingMs: median(existing), fresh, existing };
}

/** A fresh PostgreSQL schema for one keyward, dropped at the end. */
async function postgresSchema() {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('--postgres needs DATABASE_URL (postgres://…)');
  const schema = `kw_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (text) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await admin(`create schema ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => admin(`drop schema if exists ${schema} cascade`) };
}

// ---- store-size mode ---------------------------------------------------------------------------
/**
 * Fills api_tokens up to `upTo` rows with batched inserts on a connection of our own (keyward
 * stopped), rows shaped like ApiTokensTable, all owned by one real account. Keeps a uniform
 * sample of the inserted tokens (reservoir) for the rotating-token load.
 */
function fillTokens(file, owner, upTo, reservoir) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // bench data: no need to wait for the disk while filling
  db.pragma('cache_size = -262144');
  const have = db.prepare('select count(*) as n from api_tokens').get().n;
  const insert = db.prepare(
    `insert into api_tokens (id, token_hash, hint, name, user_id, company_id, workspace_id,
       created_at, expires_at, revoked_at, last_used_at)
     values (?, ?, ?, null, ?, ?, ?, ?, null, null, null)`,
  );
  const insertMany = db.transaction((rows) => {
    for (const r of rows) insert.run(r);
  });
  const started = performance.now();
  const BATCH = 10_000;
  for (let n = have; n < upTo;) {
    const count = Math.min(BATCH, upTo - n);
    const bytes = randomBytes(32 * count);
    const now = Date.now();
    const rows = [];
    for (let k = 0; k < count; k++, n++) {
      const token = bytes.subarray(32 * k, 32 * k + 32).toString('hex');
      const hash = createHash('sha256').update(token).digest('hex');
      rows.push([
        randomUUID(),
        hash,
        token.slice(-4),
        owner.user,
        owner.company,
        owner.workspace,
        now,
      ]);
      reservoir.seen++;
      if (reservoir.tokens.length < opts.rotatingTokens) reservoir.tokens.push(token);
      else {
        const j = Math.floor(Math.random() * reservoir.seen);
        if (j < opts.rotatingTokens) reservoir.tokens[j] = token;
      }
    }
    insertMany(rows);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  const total = db.prepare('select count(*) as n from api_tokens').get().n;
  db.close();
  return { rows: total, inserted: total - have, fillSeconds: (performance.now() - started) / 1000 };
}

/** Whether the built server reads `name` from the environment (settings come and go). */
const serverReads = (name) =>
  fs.readFileSync(path.join(ROOT, 'dist/config.js'), 'utf8').includes(`'${name}'`);

async function sizesMode(baseline) {
  const dataDir = path.join(workDir, 'data-sizes');
  let keyward = await startKeyward({ dataDir });
  const { apiToken, auth } = await seedAccount(keyward);
  await keyward.stop();
  const owner = { user: auth.user.id, company: auth.company.id, workspace: auth.workspace.id };
  const file = path.join(dataDir, 'keyward.sqlite');
  const tokensFile = path.join(workDir, 'rotating-tokens.txt');
  const reservoir = { seen: 0, tokens: [] };
  // With the verify cache on, rotating tokens mostly hit it; with it off every verify reads the
  // store, which is what grows.
  const cacheSetting = serverReads('AUTH_CACHE_TTL_MS') ? 'AUTH_CACHE_TTL_MS' : undefined;
  const sizes = [];
  for (const size of opts.sizes) {
    const stored = size.toLocaleString('en');
    log(`filling the store to ${stored} API tokens`);
    const fill = fillTokens(file, owner, size, reservoir);
    log(`  ${fill.inserted.toLocaleString('en')} rows in ${fill.fillSeconds.toFixed(1)} s`);
    fs.writeFileSync(tokensFile, reservoir.tokens.join('\n') + '\n');
    const n = reservoir.tokens.length;
    const rows = [];
    log(`  bare route`);
    rows.push(
      row(
        'bare',
        'bare Fastify route (sha256 + Map)',
        await load(baseline, verifyLoad(baseline.base, baseline.token)),
      ),
    );
    keyward = await startKeyward({ dataDir });
    log(`  verify, one token (${stored} stored)`);
    rows.push(
      row(
        'hot',
        `verify, 1 token, ${stored} stored`,
        await load(keyward, verifyLoad(keyward.base, apiToken)),
      ),
    );
    log(`  verify, ${n} rotating tokens`);
    rows.push(
      row(
        'rotating',
        `verify, ${n} tokens in turn, ${stored} stored`,
        await load(keyward, verifyLoad(keyward.base, apiToken, { tokensFile })),
      ),
    );
    await keyward.stop();
    if (cacheSetting) {
      keyward = await startKeyward({ dataDir, env: { [cacheSetting]: '0' } });
      log(`  verify, ${n} rotating tokens, ${cacheSetting}=0`);
      rows.push(
        row(
          'uncached',
          `verify, ${n} tokens in turn, ${stored} stored, ${cacheSetting}=0`,
          await load(keyward, verifyLoad(keyward.base, apiToken, { tokensFile })),
        ),
      );
      await keyward.stop();
    }
    sizes.push({ size, ...fill, fileMb: fs.statSync(file).size / 2 ** 20, rows });
  }
  return { sizes };
}

// ---- profile mode ------------------------------------------------------------------------------
async function profileMode() {
  const dataDir = path.join(workDir, 'data-profile');
  const profileDir = path.join(resultsDir, 'profile');
  const nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  let keyward;
  let what;
  if (opts.profileKind === 'bare') {
    // The bare route under the same load: what Node and Fastify cost without keyward.
    keyward = await startBaseline({ nodeArgs });
    what = ['bare route', verifyLoad(keyward.base, keyward.token)];
  } else {
    keyward = await startKeyward({ dataDir, label: 'keyward-profile', nodeArgs });
    const { apiToken, loginToken } = await seedAccount(keyward);
    what = {
      api: ['verify, API token', verifyLoad(keyward.base, apiToken)],
      login: ['verify, login token', verifyLoad(keyward.base, loginToken)],
      generate: ['generate-token', generateLoad(keyward.base, loginToken, opts.connections)],
      unknown: [
        'verify, random unknown API tokens',
        verifyLoad(keyward.base, '', { randomApiTokens: true, expectStatus: 401 }),
      ],
    }[opts.profileKind];
  }
  if (opts.waitQuiet > 0 && pin) await waitForQuiet(opts.waitQuiet);
  const loadStartMs = performance.now() - keyward.startedAt;
  log(`profiling ${what[0]}: ${opts.warmup} s warm-up + ${opts.duration} s load`);
  // One attempt, right away: the profile's time window is counted from here.
  const result = await measure(keyward, () => runLoad(pin, what[1]), {
    quietFirst: false,
    retries: 0,
  });
  // SIGINT: keyward shuts down gracefully and exits, and node writes the profile on exit.
  await keyward.stop('SIGINT');
  const file = fs.readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile written in ${profileDir}`);
  const profile = JSON.parse(fs.readFileSync(path.join(profileDir, file), 'utf8'));
  // Only the measured window: skip start-up, sign-up and the warm-up.
  const skipMs = loadStartMs + opts.warmup * 1000;
  const summary = summarize(profile, {
    skipMs,
    root: ROOT,
    requests: result.ok + result.non2xx,
  });
  return {
    row: row('profile', `${what[0]}, under --cpu-prof`, result),
    file: path.relative(ROOT, path.join(profileDir, file)),
    skipMs,
    summary,
  };
}

// ---- report ------------------------------------------------------------------------------------
const fmt = (x, digits = 2) => (x === null || x === undefined ? '—' : x.toFixed(digits));
const fmtRate = (x) => (x === null ? '—' : Math.round(x).toLocaleString('en'));

/** How much of the server CPU / load CPU other processes took during a row, in percent. */
const othersCell = (o) =>
  o?.server === null || o?.server === undefined
    ? '—'
    : `${fmt(o.server, 0)} / ${o.load === null ? '—' : fmt(o.load, 0)} %`;

/** The fastest round of a row measured in several rounds (null for single runs). */
const bestOf = (r) => (r?.runs?.length > 1 ? Math.max(...r.runs.map((x) => x.rate)) : null);
const bestCell = (r, bare) =>
  bestOf(r) === null
    ? '—'
    : `${fmtRate(bestOf(r))}${bestOf(bare) ? ` (${fmt(bestOf(r) / bestOf(bare))})` : ''}`;

/** Server CPU per request, and the bare route's divided by it (comparable with × bare). */
const cpuCell = (r, bare) =>
  !r.serverCpuUs || r.unit !== 'req/s'
    ? '—'
    : `${fmt(r.serverCpuUs, 1)}${bare?.serverCpuUs ? ` (${fmt(bare.serverCpuUs / r.serverCpuUs)})` : ''}`;

function table(rows, bare) {
  const lines = [
    '| row | c | ops/s | p50 ms | p99 ms | p99.9 ms | × bare | best round (× bare) | server CPU µs/req (× bare) | failed | others on CPU 0 / 1 |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of rows) {
    // A flow is several requests and a mail: its rate is not comparable with a route's.
    const ratio = bare?.rate && r.unit === 'req/s' ? fmt(r.rate / bare.rate) : '—';
    lines.push(
      `| ${r.label}${r.unit === 'req/s' ? '' : ` (${r.unit})`} | ${r.connections} | ${fmtRate(r.rate)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.p99_9)} | ${ratio} | ${bestCell(r, bare)} | ${cpuCell(r, bare)} | ${r.non2xx} | ${othersCell(r.othersPct)} |`,
    );
  }
  return lines.join('\n');
}

function check(name, ok, measured, target) {
  return { name, met: ok, measured, target };
}

function targetsOf(results) {
  const by = Object.fromEntries((results.rows ?? []).map((r) => [r.key, r]));
  const out = [];
  const bare = by.bare;
  if (bare && by.verify_api) {
    const x = by.verify_api.rate / bare.rate;
    out.push(check('verify, API token: ≥ 0.80× bare req/s', x >= 0.8, `${fmt(x)}×`, '0.80×'));
    const p = by.verify_api.p99 / bare.p99;
    out.push(
      check(
        'verify, API token: p99 ≤ 2× bare p99',
        p <= 2,
        `${fmt(p)}× (${fmt(by.verify_api.p99)} vs ${fmt(bare.p99)} ms)`,
        '2×',
      ),
    );
  }
  if (bare && by.verify_login) {
    const x = by.verify_login.rate / bare.rate;
    out.push(check('verify, login token: ≥ 0.60× bare req/s', x >= 0.6, `${fmt(x)}×`, '0.60×'));
  }
  if (by.verify_api && by.verify_unknown) {
    const x = by.verify_unknown.rate / by.verify_api.rate;
    out.push(
      check(
        'verify, random unknown API tokens: ≥ 0.80× verify of a valid one',
        x >= 0.8,
        `${fmt(x)}× (${fmtRate(by.verify_unknown.rate)} vs ${fmtRate(by.verify_api.rate)} req/s)`,
        '0.80×',
      ),
    );
  }
  for (const key of ['verify_limited', 'verify_limited_redis']) {
    if (!bare || !by[key]) continue;
    const x = by[key].rate / bare.rate;
    out.push(check(`${by[key].label}: ≥ 0.50× bare req/s`, x >= 0.5, `${fmt(x)}×`, '0.50×'));
  }
  if (bare && by.mixed_verify) {
    const p = by.mixed_verify.p99 / bare.p99;
    out.push(
      check(
        'verify while tokens are generated (c=50 + c=10): p99 ≤ 3× bare p99',
        p <= 3,
        `${fmt(p)}× (${fmt(by.mixed_verify.p99)} vs ${fmt(bare.p99)} ms)`,
        '3×',
      ),
    );
    const x = by.mixed_verify.rate / bare.rate;
    out.push(
      check(
        'verify while tokens are generated (c=50 + c=10): ≥ 0.50× bare req/s',
        x >= 0.5,
        `${fmt(x)}×`,
        '0.50×',
      ),
    );
  }
  if (by.generate_c50)
    out.push(
      check(
        'generate-token c=50: ≥ 3,000/s',
        by.generate_c50.rate >= 3000,
        fmtRate(by.generate_c50.rate),
        '3,000',
      ),
    );
  if (by.generate_seq)
    out.push(
      check(
        'generate-token sequential: ≥ 1,000/s',
        by.generate_seq.rate >= 1000,
        fmtRate(by.generate_seq.rate),
        '1,000',
      ),
    );
  if (bare && by.verify_api_pg) {
    const x = by.verify_api_pg.rate / bare.rate;
    out.push(check('verify on PostgreSQL: ≥ 0.65× bare req/s', x >= 0.65, `${fmt(x)}×`, '0.65×'));
  }
  const m = results.memory;
  if (m?.available) {
    out.push(
      check(
        'RSS idle (fresh process, before any request): ≤ 80 MB',
        m.idleRssMb <= 80,
        `${fmt(m.idleRssMb, 1)} MB`,
        '80 MB',
      ),
    );
    out.push(
      check(
        `peak RSS under the ${m.loadSeconds} s verify load: ≤ 150 MB`,
        m.peakRssMb <= 150,
        `${fmt(m.peakRssMb, 1)} MB`,
        '150 MB',
      ),
    );
    out.push(
      check(
        `RSS growth, second ${m.growth.fromSecond} → ${m.growth.toSecond} (lowest RSS of ${fmt(m.growth.windowSeconds, 0)} s windows): ≤ 10 %`,
        m.growth.floorPct <= 10,
        `${fmt(m.growth.floorPct, 1)} % (single samples: ${fmt(m.growth.pct, 1)} %)`,
        '10 %',
      ),
    );
  }
  if (results.startup) {
    const s = results.startup;
    out.push(
      check(
        'first 200 on /healthz after process start: ≤ 1.5 s (fresh store)',
        s.freshMs <= 1500,
        `${fmt(s.freshMs, 0)} ms (existing store: ${fmt(s.existingMs, 0)} ms)`,
        '1,500 ms',
      ),
    );
  }
  const sizes = results.sizes?.sizes;
  if (sizes?.length >= 2) {
    const [small, large] = [sizes[0], sizes[sizes.length - 1]];
    const kinds = {
      uncached: 'tokens in turn, cache off',
      rotating: 'tokens in turn',
      hot: 'one token',
    };
    for (const [kind, what] of Object.entries(kinds)) {
      const a = small.rows.find((r) => r.key === kind);
      const b = large.rows.find((r) => r.key === kind);
      if (!a || !b) continue;
      const x = b.rate / a.rate;
      out.push(
        check(
          `verify at ${large.size.toLocaleString('en')} stored ≥ 0.9× at ${small.size.toLocaleString('en')} (${what})`,
          x >= 0.9,
          `${fmt(x)}× (${fmtRate(b.rate)} vs ${fmtRate(a.rate)} req/s)`,
          '0.90×',
        ),
      );
    }
  }
  return out;
}

function report(results) {
  const m = results.meta;
  const out = [
    `keyward bench (${m.mode}${m.interrupted ? `, interrupted by ${m.interrupted}: partial` : ''}${m.failed ? `, failed (${m.failed}): partial` : ''}) — node ${m.node}, ${m.cpus}× ${m.cpuModel}, ${m.pin ? `server on CPU ${SERVER_CPU}, load on CPU ${LOAD_CPU}` : 'not pinned'}, SQLite synchronous=FULL on ${m.tmpdir}`,
    `git ${m.git}; load average at start ${m.loadAverage.start.map((x) => x.toFixed(2)).join(' ')}, at end ${m.loadAverage.end.map((x) => x.toFixed(2)).join(' ')}; autocannon c=${m.options.connections}, ${m.options.warmup} s warm-up + ${m.options.duration} s per row${['full', 'quick', 'verify'].includes(m.mode) ? `, verify rows: median of ${m.options.rounds} round(s)` : ''}`,
    '',
  ];
  if (results.rows)
    out.push(
      table(
        results.rows,
        results.rows.find((r) => r.key === 'bare'),
      ),
      '',
    );
  if (results.memory?.available) {
    const mem = results.memory;
    out.push(
      `memory: idle ${fmt(mem.idleRssMb, 1)} MB; peak RSS ${fmt(mem.peakRssMb, 1)} MB under a ${mem.loadSeconds} s verify load (${fmtRate(mem.load.rate)} req/s); RSS at second ${mem.growth.fromSecond} ${fmt(mem.growth.fromMb, 1)} MB → second ${mem.growth.toSecond} ${fmt(mem.growth.toMb, 1)} MB (${fmt(mem.growth.pct, 1)} %); lowest RSS in the first and last ${fmt(mem.growth.windowSeconds, 0)} s of that span ${fmt(mem.growth.floorFromMb, 1)} → ${fmt(mem.growth.floorToMb, 1)} MB (${fmt(mem.growth.floorPct, 1)} %)`,
    );
  }
  if (results.startup) {
    const s = results.startup;
    out.push(
      `start-up (spawn → first 200 on /healthz, median of ${s.fresh.length}): fresh store ${fmt(s.freshMs, 0)} ms, existing store ${fmt(s.existingMs, 0)} ms`,
    );
  }
  if (results.sizes) {
    for (const s of results.sizes.sizes) {
      out.push(
        `${s.size.toLocaleString('en')} API tokens stored (${fmt(s.fileMb, 0)} MB file; ${s.inserted.toLocaleString('en')} rows added in ${fmt(s.fillSeconds, 1)} s):`,
        table(s.rows, s.rows[0]),
        '',
      );
    }
  }
  if (results.profile) {
    out.push(
      table([results.profile.row]),
      '',
      `profile: ${results.profile.file} (first ${fmt(results.profile.skipMs / 1000, 1)} s skipped)`,
      formatSummary(results.profile.summary),
    );
  }
  const targets = targetsOf(results);
  results.targets = targets;
  if (targets.length) {
    out.push('', 'targets:');
    for (const t of targets) {
      out.push(`  ${t.met ? 'met   ' : 'MISSED'}  ${t.name}: ${t.measured} (target ${t.target})`);
    }
  }
  return out.join('\n');
}

function gitDescription() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT })
      .toString()
      .trim();
    const dirty = execFileSync('git', ['status', '--porcelain', 'src'], { cwd: ROOT })
      .toString()
      .trim();
    return dirty ? `${head} + uncommitted src/ changes` : head;
  } catch {
    return 'unknown';
  }
}

// ---- main --------------------------------------------------------------------------------------
async function main() {
  if (opts.build) {
    log('npm run build');
    execFileSync('npm', ['run', 'build', '--silent'], {
      cwd: ROOT,
      stdio: 'inherit',
      timeout: 300_000,
    });
  }
  const results = {
    meta: {
      mode,
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      pin,
      tmpdir: os.tmpdir(),
      git: gitDescription(),
      date: new Date().toISOString(),
      loadAverage: { start: os.loadavg() },
      options: opts,
      serverEnvOverrides,
    },
  };
  partial = results;
  sink = await SmtpSink.start();
  const baseline = mode === 'memory' || mode === 'profile' ? null : await startBaseline();

  if (mode === 'full' || mode === 'quick' || mode === 'verify') {
    const dataDir = path.join(workDir, 'data');
    const keyward = await startKeyward({ dataDir });
    const { loginToken, apiToken, limitedToken } = await seedAccount(keyward);
    const targets = [
      { key: 'verify_api', label: 'verify, API token', server: keyward, token: apiToken },
      { key: 'verify_login', label: 'verify, login token', server: keyward, token: loginToken },
      {
        key: 'verify_unknown',
        label: 'verify, a new random unknown API token each (401)',
        server: keyward,
        token: '',
        load: { randomApiTokens: true, expectStatus: 401 },
      },
      {
        key: 'verify_limited',
        label: 'verify, API token with a rate limit',
        server: keyward,
        token: limitedToken,
      },
    ];
    let redisKeyward;
    if (opts.redis) {
      redisKeyward = await startKeyward({
        dataDir: path.join(workDir, 'data-redis'),
        label: 'keyward-redis',
        env: {
          REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
          REDIS_KEY_PREFIX: `kw-bench-${randomBytes(6).toString('hex')}:`,
        },
      });
      const redisSeed = await seedAccount(redisKeyward);
      targets.push({
        key: 'verify_limited_redis',
        label: 'verify, API token with a rate limit, counted in Redis',
        server: redisKeyward,
        token: redisSeed.limitedToken,
      });
    }
    let pgStore;
    let pgKeyward;
    if (opts.postgres) {
      pgStore = await postgresSchema();
      pgKeyward = await startKeyward({
        dataDir: path.join(workDir, 'data-pg'),
        databaseUrl: pgStore.url,
        label: 'keyward-pg',
      });
      const pgSeed = await seedAccount(pgKeyward);
      targets.push(
        {
          key: 'verify_api_pg',
          label: 'verify, API token, PostgreSQL',
          server: pgKeyward,
          token: pgSeed.apiToken,
        },
        {
          key: 'verify_login_pg',
          label: 'verify, login token, PostgreSQL',
          server: pgKeyward,
          token: pgSeed.loginToken,
        },
      );
    }
    const rows = await verifyRounds(baseline, targets);
    results.rows = rows;
    if (pgStore) {
      await pgKeyward.stop();
      await pgStore.drop();
    }
    await redisKeyward?.stop();
    if (mode === 'verify') {
      await keyward.stop();
      await baseline.stop();
      partial = undefined;
      writeResults(results);
      return;
    }

    log('generate-token, c=50');
    rows.push(
      row(
        'generate_c50',
        'generate-token',
        await load(keyward, generateLoad(keyward.base, loginToken, opts.connections)),
      ),
    );
    log('generate-token, sequential');
    rows.push(
      row(
        'generate_seq',
        'generate-token, sequential',
        await load(keyward, generateLoad(keyward.base, loginToken, 1)),
      ),
    );
    rows.push(...(await flowRows(keyward)));
    log(
      `mixed: verify c=${opts.connections} while generate-token c=${opts.mixedGenerateConnections}`,
    );
    const [mixedVerify, mixedGenerate] = await measure(keyward, () =>
      Promise.all([
        runLoad(pin, verifyLoad(keyward.base, apiToken)),
        runLoad(pin, generateLoad(keyward.base, loginToken, opts.mixedGenerateConnections)),
      ]),
    );
    rows.push(
      row('mixed_verify', 'verify, API token, while tokens are generated', mixedVerify),
      row('mixed_generate', 'generate-token, alongside that verify load', mixedGenerate),
    );
    await keyward.stop();
    results.memory = await memoryPhase(dataDir, apiToken);
    results.startup = await startupPhase(dataDir);
  } else if (mode === 'memory') {
    const dataDir = path.join(workDir, 'data');
    const keyward = await startKeyward({ dataDir });
    const { apiToken } = await seedAccount(keyward);
    await keyward.stop();
    results.memory = await memoryPhase(dataDir, apiToken);
    results.startup = await startupPhase(dataDir);
  } else if (mode === 'sizes') {
    results.sizes = await sizesMode(baseline);
  } else {
    results.profile = await profileMode();
  }

  await baseline?.stop();
  partial = undefined;
  writeResults(results);
}

function writeResults(results) {
  results.meta.loadAverage.end = os.loadavg();
  const text = report(results);
  console.log(text);
  fs.writeFileSync(path.join(resultsDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(path.join(resultsDir, 'table.md'), text + '\n');
  console.log(`\nresults: ${path.relative(ROOT, resultsDir)}/results.json`);
}

if (reportOnly) {
  console.log(report(JSON.parse(fs.readFileSync(reportOnly, 'utf8'))));
} else {
  await runAll();
}

async function runAll() {
  try {
    await main();
  } catch (err) {
    log(`failed: ${err.stack ?? err}`);
    if (partial) {
      partial.meta.failed = String(err.message ?? err);
      writeResults(partial);
    }
    process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}
