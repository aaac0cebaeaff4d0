// docs/api.md's error-code table is complete: every code of the registry is in it with its
// status, it names no code the server doesn't have, and each row says when and what to do.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ERROR_STATUS } from '../../src/errors.js';
import { projectRoot } from '../helpers/project-root.js';

const API_MD = path.join(projectRoot, 'docs', 'api.md');

interface Row {
  status: number;
  code: string;
  when: string;
  todo: string;
}

/** The rows of the table under the "Error codes" heading, up to the next heading. */
function errorTable(markdown: string): Row[] {
  const section = /^## Error codes$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(markdown)?.[1];
  assert.ok(section, 'docs/api.md has an "## Error codes" section');
  const lines = section.split('\n').filter((line) => line.startsWith('|'));
  const [header, rule, ...body] = lines.map((line) =>
    line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim()),
  );
  assert.deepEqual(header, ['status', 'code', 'when', 'what to do']);
  assert.ok(rule?.every((cell) => /^:?-+:?$/.test(cell)));
  return body.map((cells) => {
    assert.equal(cells.length, 4, cells.join(' | '));
    const [status, code, when, todo] = cells as [string, string, string, string];
    const name = /^`([A-Z_]+)`$/.exec(code)?.[1];
    assert.ok(name, `a code in backticks, got ${code}`);
    assert.match(status, /^\d{3}$/, name);
    return { status: Number(status), code: name, when, todo };
  });
}

void describe('the error-code table in docs/api.md', () => {
  const rows = errorTable(fs.readFileSync(API_MD, 'utf8'));

  void it('lists every code of the registry with its status', () => {
    const documented = new Map(rows.map((row) => [row.code, row.status]));
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      assert.equal(documented.get(code), status, `${code} ${status}`);
    }
  });

  void it('lists no code the server lacks, and each code once', () => {
    for (const row of rows)
      assert.ok(row.code in ERROR_STATUS, `${row.code} is not in src/errors.ts`);
    assert.equal(new Set(rows.map((row) => row.code)).size, rows.length);
    assert.equal(rows.length, Object.keys(ERROR_STATUS).length);
  });

  void it('says for each code when it is answered and what to do', () => {
    for (const row of rows) {
      assert.ok(row.when.length >= 10, `${row.code}: when`);
      assert.ok(row.todo.length >= 5, `${row.code}: what to do`);
    }
  });

  void it('is in status order', () => {
    const statuses = rows.map((row) => row.status);
    assert.deepEqual(
      statuses,
      [...statuses].sort((a, b) => a - b),
    );
  });
});
