/** @module Runs repository work atomically whether or not the caller already holds a transaction. */
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../schema.js';

/**
 * Runs `work` in a transaction; inside an existing one (a repository bound to a transaction by
 * `Repositories.transaction`) it joins it, since Kysely transactions do not nest.
 */
export function atomically<T>(db: Kysely<DatabaseSchema>, work: (trx: Kysely<DatabaseSchema>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
