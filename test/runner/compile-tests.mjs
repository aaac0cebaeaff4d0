// Compiles the TypeScript the tests run (the tests, the server's and the packages' sources, the
// scripts they import) to JavaScript once, so that `npm test` runs plain JavaScript: loading
// through tsx costs every test process (and every SQLite writer thread it starts) one to two
// seconds of CPU, which adds up to minutes over a run. Type-checking is `npm run check`'s job.
//
// The JavaScript lands in a mirror of the repository under node_modules/.cache/keyward/tests/,
// where every other file (each .ts included) is a link to the real one: code that finds a file
// from its own place (the docs, the console's build, a package's node_modules) finds it there too.
// usage: node test/runner/compile-tests.mjs   (prints the mirror's folder)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The mirror's folder, relative to the repository's root. */
export const OUT = 'node_modules/.cache/keyward/tests';

/** Folders whose TypeScript is compiled; everything else in the repository is only linked. */
const COMPILED = ['src', 'test', 'scripts', 'packages'];
/** Never compiled into: linked as they are. */
const LINKED_AS_IS = new Set(['node_modules', 'dist']);
const NOT_MIRRORED = new Set(['node_modules', '.git']);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await compile();
  console.log(OUT);
}

async function compile() {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const sources = [];
  const link = (file) => fs.symlinkSync(path.resolve(file), path.join(OUT, file));
  const mirror = (dir) => {
    fs.mkdirSync(path.join(OUT, dir), { recursive: true });
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory() && !LINKED_AS_IS.has(entry.name)) {
        mirror(file);
        continue;
      }
      link(file);
      if (entry.isFile() && /\.tsx?$/.test(file) && !file.endsWith('.d.ts')) sources.push(file);
    }
  };
  for (const entry of fs.readdirSync('.', { withFileTypes: true })) {
    if (NOT_MIRRORED.has(entry.name)) continue;
    if (entry.isDirectory() && COMPILED.includes(entry.name)) mirror(entry.name);
    else link(entry.name);
  }

  const { build } = await import('esbuild');
  await build({
    entryPoints: sources,
    outdir: OUT,
    outbase: '.',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // The console's components (JSX for Preact).
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // Stack traces of a failure point at the TypeScript (node --enable-source-maps).
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'warning',
  });
}
