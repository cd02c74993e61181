/** @module Migration 0019: a lock row per owner account while its manufacturer tokens are refreshed, for SQLite (PostgreSQL uses an advisory lock). */
import type { Kysely, Migration } from 'kysely';

/**
 * Several processes on one SQLite file must not refresh one account's tokens at once (the
 * manufacturer rotates the refresh token). A row names the holder and a lease: a holder that died
 * leaves a row whose lease runs out, and the next refresher takes it over.
 */
export const providerRefreshLocks: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('provider_refresh_locks')
      .addColumn('owner_account_id', 'text', (col) => col.primaryKey())
      .addColumn('holder', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('provider_refresh_locks').execute();
  },
};
