/**
 * @module Migration 0004: the simulator's interventions (commands, plugging, faults, settings,
 * battery swaps, clock anchors), the only simulator state that is stored: everything else is
 * recomputed from the fleet seed, so these must survive restarts and be shared by every process.
 */
import { type Kysely, type Migration } from 'kysely';

/** Creates the intervention log. */
export const simulator: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('simulator_interventions')
      .addColumn('id', 'text', (col) => col.primaryKey())
      // `<mode>/<MAKE>/<provider vehicle id>`, or `*` for fleet-wide records (the clock).
      .addColumn('vehicle_key', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      // Simulated instant the intervention takes effect.
      .addColumn('effective_at', 'text', (col) => col.notNull())
      .addColumn('payload', 'text', (col) => col.notNull())
      // Real instant it was recorded; other processes poll by it.
      .addColumn('recorded_at', 'text', (col) => col.notNull())
      .execute();
    // A vehicle's log in the order the engine applies it.
    await db.schema.createIndex('simulator_interventions_vehicle_idx').on('simulator_interventions').columns(['vehicle_key', 'effective_at']).execute();
    await db.schema.createIndex('simulator_interventions_recorded_idx').on('simulator_interventions').column('recorded_at').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('simulator_interventions').execute();
  },
};
