// What a user reads and runs makes sense with the repository alone: no source file, document or
// package README points at files, notes or numbered discussions that ship elsewhere.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../helpers/project-root.js';

const root = projectRoot;

/** Text files under a folder (build output and dependencies aside). */
function filesUnder(folder: string): string[] {
  const at = path.join(root, folder);
  if (!fs.existsSync(at)) return [];
  return fs.readdirSync(at, { recursive: true, withFileTypes: true }).flatMap((entry) => {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || /node_modules|[\\/]dist[\\/]/.test(file)) return [];
    return /\.(ts|tsx|js|mjs|md|css|html|json)$/.test(entry.name) ? [file] : [];
  });
}

const OUTSIDE = [
  /\.\.\/shared\b|\bshared\//i,
  /\bSPEC\.md\b/i,
  /\bANCHORS(\.md)?\b/,
  /\bSTYLE\.md\b/,
  /peer-bench/i,
  /\bissue \d/i,
  /\bpoint \d/i,
  /§/,
  /\bthe contract\b/i,
];

void describe('the repository stands on its own', () => {
  void it('src, bench, docs, the READMEs and the packages refer to nothing outside it', () => {
    const files = [
      path.join(root, 'README.md'),
      ...filesUnder('src'),
      ...filesUnder('bench'),
      ...filesUnder('docs'),
      ...fs
        .readdirSync(path.join(root, 'packages'))
        .flatMap((pkg) => [
          ...filesUnder(`packages/${pkg}/src`),
          path.join(root, 'packages', pkg, 'README.md'),
        ])
        .filter((file) => fs.existsSync(file)),
    ];
    assert.ok(files.length > 50, `${files.length} files`);
    const found: string[] = [];
    for (const file of files) {
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (OUTSIDE.some((pattern) => pattern.test(line))) {
            found.push(`${path.relative(root, file)}:${i + 1}: ${line.trim().slice(0, 120)}`);
          }
        });
    }
    assert.deepEqual(found, []);
  });
});
