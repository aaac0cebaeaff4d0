// The repository's root folder, found from this file upward: the tests run from here as
// TypeScript (tsx) and, under `npm test`, compiled into a mirror of the repository whose files
// are links (test/runner/compile-tests.mjs); the real folder is where its package.json is.
import fs from 'node:fs';
import path from 'node:path';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (
      fs.existsSync(manifest) &&
      JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'keyward'
    ) {
      return path.dirname(fs.realpathSync(manifest));
    }
    if (path.dirname(dir) === dir) throw new Error(`no keyward package.json above ${from}`);
  }
}

export const projectRoot = findRoot(import.meta.dirname);
