// Process plumbing for the bench: CPU pinning, starting and stopping servers, loads in child
// processes, a small HTTP client for keyward's API, RSS samples. Loopback only; every wait is
// bounded.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const HOST = '127.0.0.1';

// ---- CPU pinning -------------------------------------------------------------------------------
export const SERVER_CPU = 0;
export const LOAD_CPU = 1;

function hasTaskset() {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Servers on CPU 0, everything else (this process, the SMTP sink, the load generators, which
 * inherit its affinity) on CPU 1 — when taskset exists and there are two CPUs to share out.
 */
export function setUpPinning(wanted) {
  const pin = wanted && process.platform === 'linux' && os.cpus().length >= 2 && hasTaskset();
  if (pin) {
    execFileSync('taskset', ['-a', '-cp', String(LOAD_CPU), String(process.pid)], {
      stdio: 'ignore',
    });
  }
  return pin;
}

/** argv prefix that runs a command on `cpu` when pinning is on. */
export const pinned = (pin, cpu, argv) => (pin ? ['taskset', '-c', String(cpu), ...argv] : argv);

// ---- processes ---------------------------------------------------------------------------------
export async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts `argv` with its output appended to `logFile`; `startedAt` is taken just before the
 * spawn, for start-up times. taskset execs the command, so `child.pid` is the server's own pid.
 */
export function startProcess(argv, { env, logFile, cwd = ROOT }) {
  const log = fs.openSync(logFile, 'a');
  const startedAt = performance.now();
  const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  child.exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, startedAt, logFile };
}

/** One GET, resolving to its status (0 when the connection fails). */
function getStatus(port, urlPath, timeoutMs) {
  return new Promise((resolve) => {
    const req = http.get(
      { host: HOST, port, path: urlPath, timeout: timeoutMs, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** Polls /healthz every few ms; resolves to ms from `startedAt` to the first 200. */
export async function waitHealthy(server, port, timeoutMs = 30_000) {
  const deadline = performance.now() + timeoutMs;
  let exited = false;
  void server.child.exited.then(() => (exited = true));
  while (performance.now() < deadline) {
    if (exited) throw new Error(`server exited before it answered /healthz; see ${server.logFile}`);
    if ((await getStatus(port, '/healthz', 1000)) === 200)
      return performance.now() - server.startedAt;
    await sleep(5);
  }
  throw new Error(`no 200 on /healthz within ${timeoutMs} ms; see ${server.logFile}`);
}

/** SIGTERM (or `signal`), then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopProcess(server, { signal = 'SIGTERM', graceMs = 10_000 } = {}) {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return child.exited;
  child.kill(signal);
  let timer;
  const killed = new Promise((resolve) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, graceMs);
  });
  await Promise.race([child.exited, killed]);
  clearTimeout(timer);
  return child.exited;
}

/** VmRSS and VmHWM (peak) of a process, in MB, from /proc; null where /proc is missing. */
export function memoryOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** Clock ticks per second of /proc's CPU times. */
const TICK_MS = (() => {
  try {
    return 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
  } catch {
    return 10;
  }
})();

/** Busy and total time of one CPU so far, in ms, from /proc/stat; null without /proc. */
function cpuTimes(cpu) {
  try {
    const line = fs
      .readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`cpu${cpu} `));
    // user nice system idle iowait irq softirq steal
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line
      .split(/\s+/)
      .slice(1, 9)
      .map(Number);
    return {
      busy: (user + nice + system + steal) * TICK_MS,
      total: (user + nice + system + idle + iowait + irq + softirq + steal) * TICK_MS,
    };
  } catch {
    return null;
  }
}

/** CPU time a process has used so far (all its threads), in ms. */
function processCpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime + stime
  } catch {
    return null;
  }
}

/**
 * A snapshot of both CPUs, the server's CPU time and this process's. Two of them tell how much of
 * each CPU something else took meanwhile (`othersPercent`): other people's test suites on a
 * shared machine show up there, and make a row noisy.
 */
export function cpuSnapshot(serverPid) {
  const usage = process.cpuUsage();
  return {
    server: cpuTimes(SERVER_CPU),
    load: cpuTimes(LOAD_CPU),
    serverMs: processCpuMs(serverPid),
    selfMs: (usage.user + usage.system) / 1000,
  };
}

/**
 * Percent of each CPU's time used by anything but the bench between two snapshots: on the server
 * CPU, anything but the server; on the load CPU, anything but this process and the load
 * processes, which report their own CPU time (`loadCpuMs`).
 */
export function othersPercent(before, after, loadCpuMs) {
  if (!before.server || !after.server || after.serverMs === null || before.serverMs === null) {
    return { server: null, load: null };
  }
  const share = (busy, total) => Math.max(0, Math.min(100, (100 * busy) / total));
  return {
    server: share(
      after.server.busy - before.server.busy - (after.serverMs - before.serverMs),
      after.server.total - before.server.total,
    ),
    load: share(
      after.load.busy - before.load.busy - (after.selfMs - before.selfMs) - loadCpuMs,
      after.load.total - before.load.total,
    ),
  };
}

/**
 * Waits until both CPUs were less than `thresholdPct` busy over one second (the bench's own
 * servers are idle then), for at most `maxSeconds`. Resolves to whether it got quiet.
 */
export async function waitForQuiet(maxSeconds, thresholdPct = 15) {
  const deadline = performance.now() + maxSeconds * 1000;
  while (performance.now() < deadline) {
    const before = [cpuTimes(SERVER_CPU), cpuTimes(LOAD_CPU)];
    await sleep(1000);
    const after = [cpuTimes(SERVER_CPU), cpuTimes(LOAD_CPU)];
    if (before.some((c) => c === null)) return false;
    const busiest = Math.max(
      ...after.map((c, i) => (100 * (c.busy - before[i].busy)) / (c.total - before[i].total)),
    );
    if (busiest < thresholdPct) return true;
  }
  return false;
}

// ---- loads -------------------------------------------------------------------------------------
/**
 * One autocannon run in a child process on the load CPU (bench/load.mjs). `spec`: url,
 * connections, duration, warmup (s), method, headers, body, tokensFile (one token per line,
 * used round-robin). Killed if it overruns its time by 30 s.
 */
export async function runLoad(pin, spec) {
  const argv = pinned(pin, LOAD_CPU, [
    process.execPath,
    path.join(ROOT, 'bench/load.mjs'),
    JSON.stringify(spec),
  ]);
  const child = spawn(argv[0], argv.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const limitMs = ((spec.warmup ?? 0) + spec.duration + 30) * 1000;
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  const code = await new Promise((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`load run failed (exit ${code}): ${stderr.trim().slice(-500)}`);
  return JSON.parse(stdout.trim().split('\n').pop());
}

// ---- keyward's API -----------------------------------------------------------------------------
export async function postJson(base, urlPath, body, headers = {}) {
  const res = await fetch(base + urlPath, {
    method: 'POST',
    signal: AbortSignal.timeout(10_000),
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = new Error(`${urlPath} → ${res.status} ${JSON.stringify(json)}`);
    err.status = res.status;
    throw err;
  }
  return json;
}

let addressCounter = 0;
/** A fresh address for every flow: the resend cooldown is per address. */
export const freshAddress = (tag) =>
  `bench-${tag}-${process.pid}-${Date.now().toString(36)}-${++addressCounter}@example.test`;

/** Sign-up, both steps, the code read from the sink. Resolves to the step-2 body. */
export async function signUp(base, sink, username = freshAddress('signup')) {
  const body = { username, name: 'Bench User', company_name: 'Bench Co' };
  await postJson(base, '/api/signup', body);
  const otp = await sink.nextCode(username);
  return postJson(base, '/api/signup', { ...body, otp });
}

/** Login, both steps, for an existing account. Resolves to the step-2 body. */
export async function logIn(base, sink, username) {
  await postJson(base, '/api/login', { username });
  const otp = await sink.nextCode(username);
  return postJson(base, '/api/login', { username, otp });
}

export async function generateToken(base, loginToken) {
  const created = await postJson(base, '/api/v1/global/generate-token', {}, { token: loginToken });
  return created.token;
}

// ---- numbers -----------------------------------------------------------------------------------
export function median(values) {
  const sorted = values.filter((v) => v !== null && v !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(sortedValues, q) {
  if (sortedValues.length === 0) return null;
  const i = Math.min(sortedValues.length - 1, Math.max(0, Math.ceil(q * sortedValues.length) - 1));
  return sortedValues[i];
}
