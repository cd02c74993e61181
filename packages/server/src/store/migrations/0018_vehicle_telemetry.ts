/** @module Migration 0018: the latest streamed value of each vehicle field, and the partner key pairs Carport signs with. */
import type { Kysely, Migration } from 'kysely';

/**
 * `vehicle_telemetry` keeps one row per VIN and field: the newest value a manufacturer's stream
 * delivered and the time the vehicle recorded it. A record is applied only when it is newer than
 * the row, which makes redelivered records harmless. `partner_keys` keeps key pairs generated once
 * (the private key encrypted with the configured secret key).
 */
export const vehicleTelemetry: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('vehicle_telemetry')
      .addColumn('vin', 'text', (col) => col.notNull())
      .addColumn('field', 'text', (col) => col.notNull())
      // JSON of the field's value.
      .addColumn('value', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('received_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('vehicle_telemetry_pk', ['vin', 'field'])
      .execute();
    await db.schema
      .createTable('partner_keys')
      .addColumn('name', 'text', (col) => col.primaryKey())
      .addColumn('private_key_encrypted', 'text', (col) => col.notNull())
      .addColumn('public_key_pem', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('partner_keys').execute();
    await db.schema.dropTable('vehicle_telemetry').execute();
  },
};
