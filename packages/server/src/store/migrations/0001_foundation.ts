/** @module Migration 0001: applications, owner accounts, vehicles, users and connections (grants). */
import { sql, type Kysely, type Migration } from 'kysely';

/*
 * Portable types only (see ../schema.ts): text ids and ISO timestamps, integer 0/1 booleans,
 * JSON as text. CHECK constraints keep enumerations honest on both engines.
 */
const modeCheck = sql`mode in ('live', 'test', 'simulated')`;

/** Creates the identity and grant tables. */
export const foundation: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('applications')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('client_id', 'text', (col) => col.notNull().unique())
      .addColumn('client_secret_hash', 'text')
      .addColumn('redirect_uris', 'text', (col) => col.notNull())
      .addColumn('management_token_hash', 'text', (col) => col.notNull().unique())
      .addColumn('management_token_encrypted', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('default_scope', 'text', (col) => col.notNull())
      .addColumn('plan', 'text', (col) => col.notNull().defaultTo('free'))
      .addColumn('is_public', 'integer', (col) => col.notNull().defaultTo(0).check(sql`is_public in (0, 1)`))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .addColumn('secret_rotated_at', 'text')
      .execute();

    await db.schema
      .createTable('owner_accounts')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('make', 'text', (col) => col.notNull())
      .addColumn('provider_account_id', 'text', (col) => col.notNull())
      .addColumn('email', 'text')
      .addColumn('mode', 'text', (col) => col.notNull().check(modeCheck))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addUniqueConstraint('owner_accounts_make_mode_account_uq', ['make', 'mode', 'provider_account_id'])
      .execute();

    await db.schema
      .createTable('vehicles')
      // A vehicle outlives a deleted owner account (it may change hands), hence SET NULL.
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('owner_account_id', 'text', (col) => col.references('owner_accounts.id').onDelete('set null'))
      .addColumn('make', 'text', (col) => col.notNull())
      .addColumn('provider_vehicle_id', 'text', (col) => col.notNull())
      .addColumn('vin', 'text')
      .addColumn('model', 'text')
      .addColumn('year', 'integer')
      .addColumn('mode', 'text', (col) => col.notNull().check(modeCheck))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addUniqueConstraint('vehicles_make_mode_vehicle_uq', ['make', 'mode', 'provider_vehicle_id'])
      .execute();
    await db.schema.createIndex('vehicles_owner_account_idx').on('vehicles').column('owner_account_id').execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('application_id', 'text', (col) => col.notNull().references('applications.id').onDelete('cascade'))
      .addColumn('owner_account_id', 'text', (col) => col.notNull().references('owner_accounts.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addUniqueConstraint('users_application_owner_uq', ['application_id', 'owner_account_id'])
      .execute();
    await db.schema.createIndex('users_owner_account_idx').on('users').column('owner_account_id').execute();

    await db.schema
      .createTable('connections')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('application_id', 'text', (col) => col.notNull().references('applications.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
      .addColumn('vehicle_id', 'text', (col) => col.notNull().references('vehicles.id').onDelete('cascade'))
      .addColumn('application_vehicle_id', 'text', (col) => col.notNull())
      .addColumn('permissions', 'text', (col) => col.notNull())
      .addColumn('mode', 'text', (col) => col.notNull().check(modeCheck))
      .addColumn('connected_at', 'text', (col) => col.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    // Revoked grants stay as history; only one active grant may hold a pseudonym in an application.
    await db.schema
      .createIndex('connections_active_app_vehicle_uq')
      .on('connections')
      .columns(['application_id', 'application_vehicle_id'])
      .unique()
      .where(sql.ref('revoked_at'), 'is', null)
      .execute();
    // Management API listing: newest first per application, keyset paging on (connected_at, id).
    await db.schema
      .createIndex('connections_app_connected_idx')
      .on('connections')
      .columns(['application_id', 'connected_at', 'id'])
      .execute();
    await db.schema.createIndex('connections_app_user_idx').on('connections').columns(['application_id', 'user_id']).execute();
    await db.schema.createIndex('connections_vehicle_idx').on('connections').columns(['vehicle_id', 'application_id']).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['connections', 'users', 'vehicles', 'owner_accounts', 'applications']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
