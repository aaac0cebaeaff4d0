// The `npm test` reporter: one line per test file (passed, failed, skipped, time), the full TAP
// detail of a failure (with that file's output) and nothing else, then a closing line with the
// pass's counts after every skipped suite or test and its reason. node:test's own summary counts
// neither a skipped suite nor the tests inside it; this one counts a skipped suite as one skip.
// With TEST_SUMMARY_FILE set, the pass's counts are also appended there as one JSON line, which
// ./summary.ts adds up across the SQLite and PostgreSQL passes. With TEST_TIMES_FILE set, each
// file's time is kept there for ./order.mjs. Plain JavaScript: node:test loads
// a reporter before any loader, so it can't be TypeScript.
import fs from 'node:fs';
import path from 'node:path';
import { tap } from 'node:test/reporters';
import { OUT as COMPILED_TESTS } from './compile-tests.mjs';

/** A test file as the repository names it (the TypeScript, for a compiled one). */
const relative = (file) => {
  const name = path.relative(process.cwd(), file);
  // `npm test` runs the tests' JavaScript, compiled by ./compile-tests.mjs.
  const compiled = `${COMPILED_TESTS}/`;
  return name.startsWith(compiled) ? name.slice(compiled.length).replace(/\.js$/, '.ts') : name;
};
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
/** The counts node:test closes each file's report with, as diagnostics. */
const COUNTS = /^(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) \S+$/;
const reasonOf = (value) => (typeof value === 'string' && value !== '' ? value : 'no reason given');

async function* from(events) {
  yield* events;
}

/** @param {AsyncIterable<any>} source node:test's events */
export default async function* reporter(source) {
  const started = Date.now();
  const files = new Map();
  /** @type {{ name: string, reason: string }[]} */
  const skipped = [];
  /** @type {string[]} */
  const diagnostics = [];
  let passed = 0;
  let failed = 0;
  let fileMs = 0;
  let total = 0;
  let done = 0;
  const stateOf = (file) => {
    let state = files.get(file);
    if (!state) {
      // stack: the names of the tests and suites open at each nesting level; failureEvents and
      // output: what a failure's report is made from.
      state = {
        passed: 0,
        failed: 0,
        skipped: 0,
        ms: 0,
        fileFailure: undefined,
        stack: [],
        failureEvents: [],
        output: [],
      };
      files.set(file, state);
    }
    return state;
  };

  for await (const event of source) {
    const { data } = event;
    const file = data.file;
    // What node:test says went wrong outside any test (an error after a test ended fails its file
    // with only this to say why) comes without a file; the counts it closes with are left out.
    if (event.type === 'test:diagnostic' && file === undefined) {
      if (!COUNTS.test(data.message ?? '')) diagnostics.push(data.message);
      continue;
    }
    if (file === undefined) continue;
    // Keyed by the repository's name for the file: with source maps, a test's events name the
    // TypeScript file while the file's own events name its compiled JavaScript.
    const state = stateOf(relative(file));
    const nesting = data.nesting ?? 0;
    const isFileItself = data.name === file;
    switch (event.type) {
      case 'test:start':
        if (!isFileItself) state.stack[nesting] = data.name ?? '';
        break;
      case 'test:stdout':
      case 'test:stderr':
        state.output.push(event);
        break;
      case 'test:pass':
      case 'test:fail': {
        if (isFileItself) break;
        const isSuite = data.details?.type === 'suite';
        const fullName = [relative(file), ...state.stack.slice(0, nesting), data.name].join(' › ');
        if (event.type === 'test:fail') {
          // A suite fails when a test in it does (already counted) or when a hook of its own does.
          const ownFailure = !isSuite || data.details?.error?.failureType !== 'subtestsFailed';
          if (ownFailure) {
            state.failed++;
            // Named with its suites, as the one line a failure gets in the report.
            const name = fullName.slice(relative(file).length + ' › '.length);
            state.failureEvents.push({ ...event, data: { ...data, name, nesting: 0 } });
          }
        } else if (data.skip !== undefined || data.todo !== undefined) {
          state.skipped++;
          skipped.push({ name: fullName, reason: reasonOf(data.skip ?? data.todo) });
        } else if (!isSuite) {
          state.passed++;
        }
        break;
      }
      case 'test:enqueue':
        if (isFileItself) total++;
        break;
      case 'test:complete': {
        if (!isFileItself) break;
        state.ms = data.details?.duration_ms ?? 0;
        // A file that fails outside any test (it does not load, or exits early) fails as a whole.
        if (data.details?.error !== undefined) state.fileFailure = { ...event, type: 'test:fail' };
        done++;
        if (process.stdout.isTTY) yield `\r${done} of ${total} files done`;
        break;
      }
    }
  }
  if (process.stdout.isTTY && done) yield '\r\x1b[K';

  // A file's events may still arrive after it completed, so its line is written once all are in.
  for (const [name, state] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    if (state.fileFailure && state.failed === 0) {
      state.failed++;
      state.failureEvents.push(state.fileFailure);
    }
    passed += state.passed;
    failed += state.failed;
    fileMs += state.ms;
    const counts = [`${state.passed} passed`];
    if (state.failed) counts.push(`${state.failed} failed`);
    if (state.skipped) counts.push(`${state.skipped} skipped`);
    yield `${state.failed ? 'FAIL' : 'ok  '} ${name}  ${counts.join(', ')}  (${seconds(state.ms)})\n`;
    if (state.failed) {
      for await (const line of tap(from([...state.output, ...state.failureEvents]))) yield line;
    } else {
      // What a passing file prints is what it measured (delays, ratios, sizes): keep it, indented.
      for (const { data } of state.output) {
        for (const line of String(data.message ?? '').split('\n')) {
          if (line.trim() !== '') yield `     ${line}\n`;
        }
      }
    }
  }

  for (const message of diagnostics) yield `node:test: ${message}\n`;
  const label = process.env.TEST_STORE ?? 'sqlite';
  const wallMs = Date.now() - started;
  skipped.sort((a, b) => a.name.localeCompare(b.name));
  for (const skip of skipped) yield `skipped: ${skip.name}: ${skip.reason}\n`;
  yield `${label}: ${passed} passed, ${failed} failed, ${skipped.length} skipped in ${seconds(wallMs)} (files' own times add up to ${seconds(fileMs)})\n`;
  // Each file's time, for ./order.mjs to start the slowest files first next time.
  const timesFile = process.env.TEST_TIMES_FILE;
  if (timesFile) {
    let times = {};
    try {
      times = JSON.parse(fs.readFileSync(timesFile, 'utf8'));
    } catch {
      // The first run: no times yet.
    }
    for (const [name, state] of files) times[name] = Math.round(state.ms);
    fs.mkdirSync(path.dirname(timesFile), { recursive: true });
    fs.writeFileSync(timesFile, JSON.stringify(times, null, 2) + '\n');
  }
  const summaryFile = process.env.TEST_SUMMARY_FILE;
  if (summaryFile) {
    const summary = { label, passed, failed, skipped, wallMs, fileMs };
    fs.appendFileSync(summaryFile, JSON.stringify(summary) + '\n');
  }
}
