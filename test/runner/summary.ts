// The last lines of `npm test`: the passes' counts added up, each skip with its reason (a pass
// that did not run at all is one), notes on what ran where, and the wall time. Reads the JSON
// lines ./reporter.mjs wrote.
// usage: node <compiled>/test/runner/summary.js <summary-file> <wall seconds> [note]...
// A note that starts with "skipped " is a skipped pass, and counts as a skip.
import fs from 'node:fs';

/** One line of the summary file: a pass's counts, as ./reporter.mjs writes them. */
interface PassSummary {
  label: string;
  passed: number;
  failed: number;
  skipped: { name: string; reason: string }[];
  wallMs: number;
  fileMs: number;
}

const [file, wallSeconds, ...notes] = process.argv.slice(2);
const passes = fs
  .readFileSync(file!, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as PassSummary);

const passed = passes.reduce((sum, p) => sum + p.passed, 0);
const failed = passes.reduce((sum, p) => sum + p.failed, 0);
const fileMs = passes.reduce((sum, p) => sum + p.fileMs, 0);
const skippedPasses = notes.filter((note) => note.startsWith('skipped '));
const skips = [
  ...skippedPasses.map((note) => note.slice('skipped '.length)),
  ...passes.flatMap((p) => p.skipped.map((s) => `${p.label}: ${s.name}: ${s.reason}`)),
];

console.log('');
for (const skip of skips) console.log(`skipped ${skip}`);
for (const note of notes) if (!skippedPasses.includes(note)) console.log(note);
console.log(
  `${failed ? 'FAILED' : 'passed'}: ${passed} passed, ${failed} failed, ${skips.length} skipped` +
    ` (${passes.map((p) => p.label).join(' + ') || 'no pass ran'}) in ${wallSeconds} s;` +
    ` test files' own times add up to ${Math.round(fileMs / 1000)} s`,
);
