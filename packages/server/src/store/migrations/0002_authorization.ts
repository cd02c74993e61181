/** @module Migration 0002: OAuth authorization codes and access/refresh token pairs. */
import { type Kysely, type Migration } from 'kysely';

/** Creates the tables behind `/oauth/authorize` and `/oauth/token`. */
export const authorization: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('authorization_codes')
      .addColumn('code_hash', 'text', (col) => col.primaryKey())
      .addColumn('application_id', 'text', (col) => col.notNull().references('applications.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('redirect_uri', 'text', (col) => col.notNull())
      .addColumn('scope', 'text', (col) => col.notNull())
      .addColumn('connection_ids', 'text', (col) => col.notNull())
      .addColumn('code_challenge', 'text')
      .addColumn('code_challenge_method', 'text')
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addColumn('used_at', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();
    // Housekeeping deletes expired codes.
    await db.schema.createIndex('authorization_codes_expires_idx').on('authorization_codes').column('expires_at').execute();

    await db.schema
      .createTable('tokens')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('family_id', 'text', (col) => col.notNull())
      .addColumn('application_id', 'text', (col) => col.notNull().references('applications.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('access_token_hash', 'text', (col) => col.notNull().unique())
      .addColumn('refresh_token_hash', 'text', (col) => col.notNull().unique())
      .addColumn('access_expires_at', 'text', (col) => col.notNull())
      .addColumn('refresh_expires_at', 'text', (col) => col.notNull())
      .addColumn('rotated_at', 'text')
      .addColumn('revoked_at', 'text')
      .addColumn('parent_id', 'text', (col) => col.references('tokens.id').onDelete('set null'))
      // No foreign key: codes are purged after expiry while their tokens live on.
      .addColumn('issued_from_code_hash', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('tokens_family_idx').on('tokens').column('family_id').execute();
    await db.schema.createIndex('tokens_code_idx').on('tokens').column('issued_from_code_hash').execute();
    await db.schema.createIndex('tokens_app_user_idx').on('tokens').columns(['application_id', 'user_id']).execute();
    await db.schema.createIndex('tokens_parent_idx').on('tokens').column('parent_id').execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('tokens').execute();
    await db.schema.dropTable('authorization_codes').execute();
  },
};
