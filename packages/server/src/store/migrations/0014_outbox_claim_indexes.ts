/** @module Migration 0014: indexes that let a delivery claim read only the rows it takes, however long the backlog. */
import type { Kysely, Migration } from 'kysely';

/**
 * The claim takes due deliveries in (next_attempt_at, id) order. With `id` in the due index the
 * first rows of a backlog come straight off the index instead of a sort over every due row (which
 * made each claim cost the whole backlog); the lease index finds deliveries whose worker died.
 */
export const outboxClaimIndexes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createIndex('outbox_events_due_idx').on('outbox_events').columns(['status', 'next_attempt_at', 'id']).execute();
    await db.schema.createIndex('outbox_events_lease_idx').on('outbox_events').columns(['status', 'claimed_until']).execute();
    await db.schema.dropIndex('outbox_events_status_due_idx').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.createIndex('outbox_events_status_due_idx').on('outbox_events').columns(['status', 'next_attempt_at']).execute();
    await db.schema.dropIndex('outbox_events_lease_idx').execute();
    await db.schema.dropIndex('outbox_events_due_idx').execute();
  },
};
