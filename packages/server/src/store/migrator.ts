/** @module Applies the in-code migrations with Kysely's Migrator, atomically and one process at a time. */
import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import { isBusyError } from './errors.js';
import { migrations } from './migrations/index.js';
import type { Store } from './open-database.js';
import type { DatabaseSchema } from './schema.js';

/** Serves migrations from the import graph rather than the filesystem, so `dist/` works unchanged. */
function providerOf(set: Readonly<Record<string, Migration>>): MigrationProvider {
  return { getMigrations: () => Promise.resolve({ ...set }) };
}

/** How long a SQLite migration waits for another process's write lock before giving up. */
const SQLITE_LOCK_WAIT_MS = 60_000;
const SQLITE_LOCK_POLL_MS = 25;

function migratorFor(db: Kysely<DatabaseSchema>, set: Readonly<Record<string, Migration>> = migrations): Migrator {
  return new Migrator({ db, provider: providerOf(set) });
}

/**
 * Applies every pending migration and returns the names applied (empty when up to date). All of
 * one call's migrations commit together or not at all, and concurrent calls from several
 * processes are serialised: PostgreSQL through Kysely's advisory lock and transaction; SQLite
 * (which Kysely migrates without either) through a write-locked transaction taken here before
 * the migration table is read. Throws, naming the migration, when one fails.
 */
export function migrateToLatest(store: Store): Promise<string[]> {
  return applyMigrations(store, migrations);
}

/**
 * {@link migrateToLatest} with another set of migrations; for tests of the migration machinery
 * itself (the application always uses the built-in set).
 */
export async function applyMigrations(store: Store, set: Readonly<Record<string, Migration>>): Promise<string[]> {
  const { error, results } =
    store.dialect === 'sqlite' ? await migrateSqlite(store.db, set) : await migratorFor(store.db, set).migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : inspect(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** Names of migrations not yet applied to this database, in order (readiness checks). */
export async function pendingMigrations(store: Store): Promise<string[]> {
  const all = await migratorFor(store.db).getMigrations();
  return all.filter((migration) => migration.executedAt === undefined).map((migration) => migration.name);
}

/** SQLite's DDL is transactional, so the whole run rolls back if any migration fails. */
function migrateSqlite(db: Kysely<DatabaseSchema>, set: Readonly<Record<string, Migration>>): Promise<MigrationResultSet> {
  return db.connection().execute(async (connection) => {
    await beginImmediate(connection);
    try {
      const result = await migratorFor(connection, set).migrateToLatest();
      await sql.raw(result.error === undefined ? 'commit' : 'rollback').execute(connection);
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  });
}

/**
 * Takes SQLite's write lock, waiting for another migrating process without better-sqlite3's busy
 * handler: that waits synchronously and would stall this event loop, which a second store in the
 * same process may need to finish its own migration.
 */
async function beginImmediate(connection: Kysely<DatabaseSchema>): Promise<void> {
  const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(connection);
  const previous = rows[0]?.timeout ?? 0;
  await sql`pragma busy_timeout = 0`.execute(connection);
  try {
    for (let waited = 0; ; waited += SQLITE_LOCK_POLL_MS) {
      try {
        await sql`begin immediate`.execute(connection);
        return;
      } catch (error) {
        if (!isBusyError(error) || waited >= SQLITE_LOCK_WAIT_MS) throw error;
        await sleep(SQLITE_LOCK_POLL_MS);
      }
    }
  } finally {
    await sql.raw(`pragma busy_timeout = ${Math.trunc(previous)}`).execute(connection);
  }
}

/** Names of the built-in migrations, in the order they apply. */
export function migrationNames(): string[] {
  return Object.keys(migrations).sort();
}
