/** @module Migration 0012: each owner account's manufacturer tokens, encrypted at rest, for providers that link by OAuth. */
import type { Kysely, Migration } from 'kysely';

/**
 * One row per owner account: the access and refresh tokens are encrypted together with the
 * configured secret key (they act for the owner at the manufacturer); the expiry stays in clear so
 * a refresher can find the tokens due without decrypting every row. Deleting the account deletes
 * its tokens.
 */
export const providerCredentials: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('provider_credentials')
      .addColumn('owner_account_id', 'text', (col) => col.primaryKey().references('owner_accounts.id').onDelete('cascade'))
      .addColumn('provider_id', 'text', (col) => col.notNull())
      .addColumn('tokens_encrypted', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text')
      // JSON array of the scopes the manufacturer granted.
      .addColumn('scopes', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('provider_credentials_expires_idx').on('provider_credentials').column('expires_at').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('provider_credentials').execute();
  },
};
