/** @module Migration 0013: every vehicle records the provider that serves it, so a newly registered provider never takes over connected vehicles. */
import type { Kysely, Migration } from 'kysely';

/**
 * Until now every vehicle came from the simulated provider, so the default backfills existing rows
 * with its id; Connect writes the linking provider's id for every vehicle it stores from now on.
 */
export const vehicleProviderId: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('vehicles').addColumn('provider_id', 'text', (col) => col.notNull().defaultTo('simulated')).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('vehicles').dropColumn('provider_id').execute();
  },
};
