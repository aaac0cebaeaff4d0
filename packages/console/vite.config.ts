import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** Files a browser fetches that shrink when compressed. */
const COMPRESSIBLE = /\.(?:js|css|html|svg)$/;

/**
 * Brotli and gzip copies of every compressible file beside it (main.js.br, main.js.gz): keyward
 * sends the one the browser accepts, compressed once here rather than on every request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'keyward-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const entry of fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' })) {
        if (!COMPRESSIBLE.test(entry)) continue;
        const file = path.join(outDir, entry);
        const bytes = fs.readFileSync(file);
        fs.writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
        fs.writeFileSync(
          `${file}.br`,
          brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

// keyward serves the build at /console/ under `script-src 'self'; style-src 'self'`: nothing may
// be inlined into index.html, and nothing is fetched from elsewhere at run time.
export default defineConfig({
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No asset becomes a data: URL or an inline block: every file is a file.
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    modulePreload: { polyfill: false },
  },
});
