// Prints the test files given, slowest first by the times the last run recorded (files without a
// time first): with a few files at once, a slow file started last would hold up the end of the run.
// usage: node test/runner/order.mjs <times.json> <file>...
import fs from 'node:fs';

const [timesFile, ...files] = process.argv.slice(2);
let times = {};
try {
  times = JSON.parse(fs.readFileSync(timesFile, 'utf8'));
} catch {
  // No run recorded yet: the given order.
}
const time = (file) => times[file] ?? Infinity;
for (const file of [...files].sort((a, b) => time(b) - time(a))) console.log(file);
