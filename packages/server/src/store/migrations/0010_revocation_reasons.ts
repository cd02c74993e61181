/** @module Migration 0010: why each token pair and each grant was revoked. */
import type { Kysely, Migration } from 'kysely';

/**
 * A refused credential's error says why it was revoked (a replayed code, the owner, the application,
 * the Management API), so each revocation stores its reason. Rows revoked before this migration keep a
 * null reason and are refused without one.
 */
export const revocationReasons: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('tokens').addColumn('revocation_reason', 'text').execute();
    await db.schema.alterTable('connections').addColumn('revocation_reason', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('connections').dropColumn('revocation_reason').execute();
    await db.schema.alterTable('tokens').dropColumn('revocation_reason').execute();
  },
};
