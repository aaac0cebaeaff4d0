// `npm run build`: the server and the CLI bundled into dist/ with what they import, so a process
// starts without loading Kysely, TypeBox and Fastify one small ES module file at a time (that took
// 1.1 s of CPU before the first request; bundled, 0.4 s). Type-checking is `npm run check`'s job.
// Every file lands in dist/ itself, so code that finds files from its own place (package-files.ts,
// the SQLite writer's thread) finds them as it does from src/.
import fs from 'node:fs';
import { build } from 'esbuild';

fs.rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/server.ts', 'src/cli.ts', 'src/db/sqlite-writer-thread.ts'],
  outdir: 'dist',
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Loaded from node_modules as Node loads them: a native addon, files served by path, and the
  // clients loaded only when configured.
  external: ['better-sqlite3', 'swagger-ui-dist', 'pg', 'ioredis', 'nodemailer'],
  // CommonJS packages in an ES module bundle still call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __keywardCreateRequire } from 'node:module'; const require = __keywardCreateRequire(import.meta.url);",
  },
  // Stack traces can point at the TypeScript (node --enable-source-maps).
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
});
