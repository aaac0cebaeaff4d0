// The README stays a short front page: at most 15 KB, its table of contents leads to its own
// headings, and the audit actions docs/api.md lists are the ones the server records.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { AUDIT_ACTIONS } from '../../src/audit/audit.repository.js';
import { projectRoot } from '../helpers/project-root.js';

const root = projectRoot;
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** A heading's anchor as GitHub makes it. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[`*]/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

void describe('README.md', () => {
  const readme = read('README.md');

  void it('is at most 15 KB', () => {
    assert.ok(Buffer.byteLength(readme) <= 15 * 1024, `${Buffer.byteLength(readme)} bytes`);
  });

  void it('has a table of contents whose every entry is a heading of its own', () => {
    const contents = /^## Contents$([\s\S]*?)^## /m.exec(readme)?.[1];
    assert.ok(contents, 'a "## Contents" section');
    const entries = [...contents.matchAll(/^- \[[^\]]+\]\(#([^)]+)\)$/gm)].map((m) => m[1]!);
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => anchorOf(m[1]!));
    assert.deepEqual(
      entries,
      headings.filter((h) => h !== 'contents'),
    );
  });

  void it('starts with the two commands', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    assert.match(firstBlock, /^npm ci && npm start\b/m);
    assert.match(firstBlock, /^npm test\b/m);
  });
});

void describe('docs/api.md', () => {
  void it('lists every audit action the server records, and no other', () => {
    const section = /^## Audit log$([\s\S]*?)^## /m.exec(read('docs/api.md'))?.[1] ?? '';
    const actions = /Actions:([\s\S]*?)\. Each/.exec(section)?.[1] ?? '';
    const listed = [...actions.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!);
    assert.deepEqual([...listed].sort(), [...AUDIT_ACTIONS].sort());
  });
});
