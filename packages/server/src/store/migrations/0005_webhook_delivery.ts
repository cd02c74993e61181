/** @module Migration 0005: what webhook delivery needs beyond the 0003 outbox (idempotency keys, failure counts, replays, per-vehicle listing). */
import type { Kysely, Migration } from 'kysely';

/** Adds delivery bookkeeping columns to `outbox_events`. */
export const webhookDelivery: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // One column per statement: SQLite's ALTER TABLE adds a single column at a time.
    // What makes an event unique (a provider event for one subscription, one scheduled tick of one
    // vehicle): a second process, or a replayed provider event, inserting it again is a no-op.
    await db.schema.alterTable('outbox_events').addColumn('dedupe_key', 'text').execute();
    // The vehicle id the receiving application knows, so its delivery log filters by vehicle.
    await db.schema.alterTable('outbox_events').addColumn('application_vehicle_id', 'text').execute();
    // Failed HTTP attempts only: a claim cut short by a crash is not the receiver's failure and
    // must not push an event towards the dead-letter state.
    await db.schema.alterTable('outbox_events').addColumn('failed_attempts', 'integer', (col) => col.notNull().defaultTo(0)).execute();
    // The delivery a replay copies (no foreign key: the original may be pruned independently).
    await db.schema.alterTable('outbox_events').addColumn('replay_of', 'text').execute();
    await db.schema.createIndex('outbox_events_dedupe_key_idx').on('outbox_events').column('dedupe_key').unique().execute();
    await db.schema.createIndex('outbox_events_application_idx').on('outbox_events').columns(['application_id', 'created_at']).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('outbox_events_application_idx').execute();
    await db.schema.dropIndex('outbox_events_dedupe_key_idx').execute();
    for (const column of ['replay_of', 'failed_attempts', 'application_vehicle_id', 'dedupe_key']) {
      await db.schema.alterTable('outbox_events').dropColumn(column).execute();
    }
  },
};
