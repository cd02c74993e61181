/** @module Migration 0009: a rotated management token keeps working for a grace window, so receivers and scripts can switch over without an outage. */
import type { Kysely, Migration } from 'kysely';

/**
 * The previous token is kept the way the current one is: hashed to authenticate Management API
 * calls, and encrypted because it still signs webhook requests until the window ends (see
 * docs/webhooks.md). One previous token only: rotating again during a window ends the older one.
 * SQLite adds one column per ALTER TABLE, hence one statement each.
 */
export const managementTokenGrace: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('applications').addColumn('management_token_rotated_at', 'text').execute();
    await db.schema.alterTable('applications').addColumn('previous_management_token_hash', 'text').execute();
    await db.schema.alterTable('applications').addColumn('previous_management_token_encrypted', 'text').execute();
    await db.schema.alterTable('applications').addColumn('previous_management_token_expires_at', 'text').execute();
    // Every Management API request may look a presented token up here when it is not the current one.
    await db.schema.createIndex('applications_previous_management_token_idx').on('applications').column('previous_management_token_hash').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    // SQLite refuses to drop an indexed column.
    await db.schema.dropIndex('applications_previous_management_token_idx').execute();
    await db.schema.alterTable('applications').dropColumn('previous_management_token_expires_at').execute();
    await db.schema.alterTable('applications').dropColumn('previous_management_token_encrypted').execute();
    await db.schema.alterTable('applications').dropColumn('previous_management_token_hash').execute();
    await db.schema.alterTable('applications').dropColumn('management_token_rotated_at').execute();
  },
};
