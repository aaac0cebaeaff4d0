// The SQLite writer thread: once it has stopped, every write fails at once with a store error
// (never hangs), and readiness can tell, so a process manager replaces the process.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteWriter } from '../../src/db/sqlite-writer.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-writer-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

void describe('the SQLite writer thread', () => {
  void it('writes while it runs; once stopped, refuses every write and says so', async () => {
    const writer = new SqliteWriter({ file: path.join(dir, 'w.sqlite'), cacheKib: 1024 });
    await writer.execute('create table notes (body text)', []);
    const added = await writer.execute('insert into notes (body) values (?)', ['kept']);
    assert.equal(added.numAffectedRows, 1n);
    assert.doesNotThrow(() => writer.assertRunning());

    await writer.close();
    assert.throws(() => writer.assertRunning(), { code: 'SQLITE_IOERR' });
    await assert.rejects(writer.execute('insert into notes (body) values (?)', ['lost']), {
      code: 'SQLITE_IOERR',
    });
  });
});
