/** @module Migration 0016: the partner lifecycle of applications: state, the partner's request, approved data packages, transitions and observations. */
import { sql, type Kysely, type Migration } from 'kysely';

/*
 * Frozen copy of the data package ids at the time of this migration: applications registered before
 * the lifecycle existed worked with every package, so they keep every package approved.
 */
const everyPackageAtMigration = [
  'vehicle_profile',
  'location',
  'vehicle_details',
  'charging_status',
  'control_charging',
  'charging_history',
  'diagnostics',
  'account_profile',
  'control_climate',
  'control_security',
  'control_navigation',
];

/**
 * Existing applications become `released` with every package approved, so nothing that worked
 * stops working. The state's reason lives on the application so the Vehicle API's refusal quotes it
 * without reading the timeline. Observations hold one row per kind (and data package), written once.
 */
export const applicationLifecycle: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const allPackages = JSON.stringify(everyPackageAtMigration);
    await db.schema.alterTable('applications').addColumn('lifecycle_state', 'text', (col) => col.notNull().defaultTo('released')).execute();
    await db.schema.alterTable('applications').addColumn('lifecycle_reason', 'text').execute();
    await db.schema.alterTable('applications').addColumn('approved_data_packages', 'text', (col) => col.notNull().defaultTo('[]')).execute();
    await sql`update applications set approved_data_packages = ${allPackages}`.execute(db);

    await db.schema
      .createTable('partner_requests')
      .addColumn('application_id', 'text', (col) => col.primaryKey().references('applications.id').onDelete('cascade'))
      .addColumn('company', 'text', (col) => col.notNull())
      .addColumn('contact_name', 'text', (col) => col.notNull())
      .addColumn('contact_email', 'text', (col) => col.notNull())
      .addColumn('website', 'text')
      .addColumn('intended_use', 'text', (col) => col.notNull())
      // JSON arrays of data package ids, make ids and region names.
      .addColumn('data_packages', 'text', (col) => col.notNull())
      .addColumn('makes', 'text', (col) => col.notNull())
      .addColumn('regions', 'text', (col) => col.notNull())
      .addColumn('privacy_policy_url', 'text')
      .addColumn('submitted_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('lifecycle_transitions')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('application_id', 'text', (col) => col.notNull().references('applications.id').onDelete('cascade'))
      // Null for the entry that created the application.
      .addColumn('from_state', 'text')
      .addColumn('to_state', 'text', (col) => col.notNull())
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('actor', 'text', (col) => col.notNull())
      .addColumn('reason', 'text')
      .addColumn('at', 'text', (col) => col.notNull())
      // Orders entries written within one millisecond.
      .addColumn('sequence', 'integer', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('lifecycle_transitions_application_idx').on('lifecycle_transitions').columns(['application_id', 'sequence']).unique().execute();

    await db.schema
      .createTable('lifecycle_observations')
      .addColumn('application_id', 'text', (col) => col.notNull().references('applications.id').onDelete('cascade'))
      .addColumn('kind', 'text', (col) => col.notNull())
      // The data package of a `data_package_used`; empty for the other kinds (part of the key, so never null).
      .addColumn('subject', 'text', (col) => col.notNull())
      .addColumn('first_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('lifecycle_observations_pk', ['application_id', 'kind', 'subject'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('lifecycle_observations').execute();
    await db.schema.dropTable('lifecycle_transitions').execute();
    await db.schema.dropTable('partner_requests').execute();
    await db.schema.alterTable('applications').dropColumn('approved_data_packages').execute();
    await db.schema.alterTable('applications').dropColumn('lifecycle_reason').execute();
    await db.schema.alterTable('applications').dropColumn('lifecycle_state').execute();
  },
};
