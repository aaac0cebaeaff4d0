import type { CompiledQuery, Compilable } from 'kysely';
import type { Db } from './database.js';

/** Stands in for the one parameter while the query is compiled. */
const PLACEHOLDER = '\u0000placeholder';

/**
 * A read that Kysely builds and compiles once per store, then runs with a new value for its one
 * parameter: building verify's five-table join cost more CPU (about 45 µs a run) than SQLite's
 * own work on a cache miss. Only for queries whose SQL does not change with the parameter.
 */
export function compiledOnce<Row>(
  build: (db: Db, parameter: string) => Compilable<Row>,
): (db: Db, parameter: string) => Promise<Row | undefined> {
  const compiled = new WeakMap<Db, CompiledQuery<Row>>();
  return async (db, parameter) => {
    let query = compiled.get(db);
    if (query === undefined) {
      query = build(db, PLACEHOLDER).compile();
      if (query.parameters.length !== 1 || query.parameters[0] !== PLACEHOLDER) {
        throw new Error(`compiledOnce needs exactly one parameter: ${query.sql}`);
      }
      compiled.set(db, query);
    }
    const { rows } = await db.executeQuery<Row>({ ...query, parameters: [parameter] });
    return rows[0];
  };
}
