// Compiles the TypeScript the tests run (the tests, the server's and the packages' sources, the
// scripts they import) to JavaScript once, so that `npm test` runs plain JavaScript: loading
// through tsx costs every test process (and every SQLite writer thread it starts) one to two
// seconds of CPU, which adds up to minutes over a run. Type-checking is `npm run check`'s job.
// Each test file is then bundled with what it imports: Node loads an ES module package of many
// small files (Kysely, TypeBox, Fastify) slowly, and the server's imports took a test process
// 1.1 s of CPU to load one file at a time, 0.4 s bundled.
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
  const common = {
    outdir: OUT,
    outbase: '.',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // The console's components (JSX for Preact).
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // Stack traces of a failure point at the TypeScript (node --enable-source-maps).
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  };
  // Every file on its own, for what runs by path: worker threads, scripts, processes.
  await build({ ...common, entryPoints: sources });
  // Each test file, then, bundled with what it imports (shared code in chunks beside them).
  await build({
    ...common,
    entryPoints: sources.filter((file) => TEST_ENTRY.test(file)),
    bundle: true,
    splitting: true,
    chunkNames: '_chunks/[name]-[hash]',
    external: EXTERNAL,
    plugins: [ownPlaces],
    // CommonJS packages in an ES module bundle still call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __keywardCreateRequire } from 'node:module'; const require = __keywardCreateRequire(import.meta.url);",
    },
  });
}

const TEST_ENTRY = /(\.test\.tsx?|^test\/runner\/[^/]+\.ts)$/;

/**
 * Loaded from node_modules at run time, not bundled: native addons, a browser driver and tools
 * that find files of their own beside their code, packages a test only resolves by path, and the
 * clients the server imports only when configured (loaded as Node loads them, named exports
 * and all).
 */
const EXTERNAL = [
  'better-sqlite3',
  'ioredis',
  'pg',
  'nodemailer',
  'playwright-core',
  'typescript',
  'esbuild',
  'swagger-ui-dist',
  'axe-core',
];

/**
 * Code that finds files from its own place (import.meta.url, import.meta.dirname) keeps the
 * place its file has in the mirror, although its code now sits in a chunk.
 */
const ownPlaces = {
  name: 'own-places',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = fs.readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.')) return undefined;
      const own = path
        .resolve(OUT, path.relative(process.cwd(), args.path))
        .replace(/\.tsx?$/, '.js');
      const contents = source
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(own).href))
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(own)))
        .replaceAll('import.meta.filename', JSON.stringify(own));
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await compile();
  console.log(OUT);
}
