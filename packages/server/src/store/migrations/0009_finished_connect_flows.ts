/** @module Migration 0009: the Connect flows that already ended, so a replayed form of one cannot end it a second time. */
import type { Kysely, Migration } from 'kysely';

/**
 * A flow lives in a signed cookie, not in a table; a copy of the cookie stays valid after the flow
 * redirected to the application. Remembering which flows ended is what stops a replayed consent from
 * minting a second authorization code.
 */
export const finishedConnectFlows: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('finished_connect_flows')
      .addColumn('flow_id', 'text', (col) => col.primaryKey())
      // After this, no browser sends the flow's cookie any more and the row may be deleted.
      .addColumn('forget_after', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('finished_connect_flows_forget_idx').on('finished_connect_flows').column('forget_after').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('finished_connect_flows').execute();
  },
};
