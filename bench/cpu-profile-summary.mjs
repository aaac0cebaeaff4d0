// Where the time went in a V8 .cpuprofile (node --cpu-prof): self time by function and by
// package, and inclusive time (share of samples with the package or function on the stack).
//   node bench/cpu-profile-summary.mjs <file.cpuprofile> [--skip-ms N] [--top N]
// --skip-ms drops the first N ms of the profile (process start-up, warm-up).
import fs from 'node:fs';

/** Which package a frame belongs to: an npm package, node's own code, keyward, or V8. */
export function packageOf(callFrame) {
  const { url, functionName } = callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const dist = url.indexOf('/dist/');
  if (dist !== -1) return 'keyward';
  return 'other';
}

function frameName(callFrame, root) {
  const { functionName, url, lineNumber } = callFrame;
  if (!url) return functionName || '(anonymous)';
  let where = url.replace(/^file:\/\//, '');
  const nm = where.lastIndexOf('/node_modules/');
  if (nm !== -1) where = where.slice(nm + '/node_modules/'.length);
  else if (root && where.startsWith(root)) where = where.slice(root.length + 1);
  return `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
}

/** `requests`: how many the window served, to give each row's time per request too. */
export function summarize(profile, { skipMs = 0, top = 25, root, requests } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const self = new Map(); // frame name → µs
  const selfPkg = new Map(); // package → µs
  const inclusive = new Map(); // frame name → µs
  const inclusivePkg = new Map(); // package → µs
  const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);

  let t = 0;
  let total = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i + 1] ?? 0; // a sample lasts until the next one
    t += profile.timeDeltas[i];
    if (t < skipMs * 1000) continue;
    const node = byId.get(profile.samples[i]);
    if (node.callFrame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    add(self, frameName(node.callFrame, root), us);
    add(selfPkg, packageOf(node.callFrame), us);
    const seenFrames = new Set();
    const seenPkgs = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id).callFrame;
      if (frame.functionName === '(root)') continue;
      seenFrames.add(frameName(frame, root));
      seenPkgs.add(packageOf(frame));
    }
    for (const f of seenFrames) add(inclusive, f, us);
    for (const p of seenPkgs) add(inclusivePkg, p, us);
  }
  const rank = (map, n) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({
        name,
        ms: Math.round(us / 1000),
        pct: (100 * us) / total,
        usPerRequest: requests ? us / requests : undefined,
      }));
  return {
    requests,
    busyMs: Math.round(total / 1000),
    idleMs: Math.round(idle / 1000),
    selfByFunction: rank(self, top),
    selfByPackage: rank(selfPkg, 20),
    inclusiveByPackage: rank(inclusivePkg, 20),
    inclusiveKeyward: rank(
      new Map([...inclusive].filter(([name]) => / (dist|src)\//.test(name))),
      20,
    ),
  };
}

export function formatSummary(summary) {
  const lines = [];
  const pct = (x) => `${x.pct.toFixed(1).padStart(5)} %`;
  const section = (title, rows) => {
    lines.push(title);
    for (const r of rows) {
      const perRequest =
        r.usPerRequest === undefined ? '' : ` ${r.usPerRequest.toFixed(2).padStart(6)} µs/req`;
      lines.push(`  ${pct(r)}  ${String(r.ms).padStart(6)} ms${perRequest}  ${r.name}`);
    }
  };
  lines.push(`busy ${summary.busyMs} ms, idle ${summary.idleMs} ms (percentages are of busy time)`);
  if (summary.requests) {
    lines.push(
      `${summary.requests.toLocaleString('en')} requests in the window: ${((summary.busyMs * 1000) / summary.requests).toFixed(1)} µs of CPU each`,
    );
  }
  section('self time by package:', summary.selfByPackage);
  section('self time by function:', summary.selfByFunction);
  section('inclusive time by package (on the stack):', summary.inclusiveByPackage);
  section('inclusive time, keyward functions:', summary.inclusiveKeyward);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const opt = (name, fallback) => {
    const i = args.indexOf(name);
    return i === -1 ? fallback : Number(args[i + 1]);
  };
  if (!file) {
    console.error(
      'usage: node bench/cpu-profile-summary.mjs <file.cpuprofile> [--skip-ms N] [--top N]',
    );
    process.exit(2);
  }
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const summary = summarize(profile, {
    skipMs: opt('--skip-ms', 0),
    top: opt('--top', 25),
    root: process.cwd(),
  });
  console.log(formatSummary(summary));
}
