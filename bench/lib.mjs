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

/**
 * CPU time on the server's CPU and the server's own CPU time, in clock ticks, from /proc; null
 * where /proc is missing. Two of these give how much of that CPU something else took meanwhile:
 * other people's test suites on a shared machine show up here, and make a row noisy.
 */
export function cpuSnapshot(pid, cpu = SERVER_CPU) {
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
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      busy: user + nice + system + steal,
      total: user + nice + system + idle + iowait + irq + softirq + steal,
      own: Number(fields[11]) + Number(fields[12]), // utime + stime
    };
  } catch {
    return null;
  }
}

/** Percent of the server CPU's time used by anything but the server between two snapshots. */
export function othersPercent(before, after) {
  if (!before || !after || after.total === before.total) return null;
  const others = after.busy - before.busy - (after.own - before.own);
  return Math.max(0, (100 * others) / (after.total - before.total));
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
