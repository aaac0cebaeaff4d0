// The SQLite writer's thread: one connection of its own that runs every statement that changes
// the file (and every statement of a transaction), so a commit's fsync waits here, not on the
// event loop that answers verify. Statements arrive one at a time from SqliteWriter.
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteFile } from './sqlite-file.js';
import { withPreparedStatements } from './statement-cache.js';
import type { WriterReply, WriterRequest, WriterSetup } from './sqlite-writer.js';

const { file, cacheKib } = workerData as WriterSetup;
const port = parentPort!;
const sqlite = openSqliteFile(file, cacheKib);
const statements = withPreparedStatements(sqlite);

port.on('message', (request: WriterRequest) => {
  if (request === 'close') {
    sqlite.close();
    port.close();
    return;
  }
  port.postMessage(run(request));
});

function run({ id, sql, parameters }: Exclude<WriterRequest, 'close'>): WriterReply {
  try {
    const statement = statements.prepare(sql);
    if (statement.reader) return { id, rows: statement.all(parameters) };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { id, changes, lastInsertRowid: BigInt(lastInsertRowid) };
  } catch (err) {
    const { message, code } = err as { message: string; code?: unknown };
    return { id, error: { message, code: typeof code === 'string' ? code : undefined } };
  }
}
