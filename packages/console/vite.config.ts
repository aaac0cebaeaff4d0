import { defineConfig } from 'vite';

// keyward serves the build at /console/ under `script-src 'self'; style-src 'self'`: nothing may
// be inlined into index.html, and nothing is fetched from elsewhere at run time.
export default defineConfig({
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
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
