// One autocannon load in a process of its own (the bench pins it to the load CPU), printing one
// JSON line. Usage: node bench/load.mjs '<json spec>' — see `runLoad` in bench/lib.mjs.
//
// Latencies come from autocannon's per-response events in fractional milliseconds: its own
// histogram keeps whole milliseconds only and skips non-2xx answers, which would hide both a
// sub-millisecond p50 and a server that answers fast because it refuses.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import autocannon from 'autocannon';

const spec = JSON.parse(process.argv[2]);

function options(duration) {
  const opts = {
    url: spec.url,
    method: spec.method ?? 'POST',
    connections: spec.connections,
    duration,
    headers: spec.headers ?? {},
    timeout: 10,
  };
  if (spec.body !== undefined) opts.body = spec.body;
  if (spec.tokensFile) {
    // A different token per request, round-robin over the file's lines.
    const tokens = fs.readFileSync(spec.tokensFile, 'utf8').split('\n').filter(Boolean);
    let next = 0;
    opts.requests = [
      {
        setupRequest: (request) => {
          request.headers = { ...request.headers, token: tokens[next++ % tokens.length] };
          return request;
        },
      },
    ];
  }
  if (spec.randomApiTokens) {
    // A flood of guesses: a new API-token-shaped token on every request, none of them real.
    opts.requests = [
      {
        setupRequest: (request) => {
          request.headers = { ...request.headers, token: randomBytes(32).toString('hex') };
          return request;
        },
      },
    ];
  }
  return opts;
}

/** The answer the load expects (2xx unless `spec.expectStatus`); others count as failed. */
const expected = (statusCode) =>
  spec.expectStatus === undefined
    ? statusCode >= 200 && statusCode <= 299
    : statusCode === spec.expectStatus;

function run(duration, onResponse) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options(duration), (err, result) =>
      err ? reject(err) : resolve(result),
    );
    if (onResponse) instance.on('response', onResponse);
  });
}

function percentile(sorted, q) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

// Counted so the bench can divide the server's CPU time (warm-up included) by every request.
const warmupRequests = spec.warmup > 0 ? (await run(spec.warmup)).requests.total : 0;

let latencies = new Float64Array(1 << 16);
let count = 0;
const statusCodes = {};
const result = await run(spec.duration, (_client, statusCode, _bytes, responseTime) => {
  statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
  if (!expected(statusCode)) return;
  if (count === latencies.length) {
    const bigger = new Float64Array(latencies.length * 2);
    bigger.set(latencies);
    latencies = bigger;
  }
  latencies[count++] = responseTime;
});

const sorted = latencies.subarray(0, count).sort();
const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
const round = (ms) => (ms === null ? null : Math.round(ms * 100) / 100);
let sum = 0;
for (const ms of sorted) sum += ms;
const total = Object.values(statusCodes).reduce((a, b) => a + b, 0);
process.stdout.write(
  JSON.stringify({
    connections: spec.connections,
    seconds,
    ok: count,
    rate: Math.round((count / seconds) * 10) / 10,
    non2xx: total - count,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    requests: warmupRequests + total,
    // so the bench can tell its own use of the load CPU from other processes'
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    latencyMs: {
      mean: round(count ? sum / count : null),
      p50: round(percentile(sorted, 0.5)),
      p90: round(percentile(sorted, 0.9)),
      p99: round(percentile(sorted, 0.99)),
      p99_9: round(percentile(sorted, 0.999)),
      max: round(percentile(sorted, 1)),
    },
  }) + '\n',
);
