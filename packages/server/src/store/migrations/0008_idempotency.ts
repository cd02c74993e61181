/** @module Migration 0008: remembered command answers, so a retried command with the same Idempotency-Key is not sent twice. */
import type { Kysely, Migration } from 'kysely';

export const idempotency: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('idempotency_keys')
      .addColumn('application_id', 'text', (col) => col.notNull().references('applications.id').onDelete('cascade'))
      .addColumn('idempotency_key', 'text', (col) => col.notNull())
      // What the key was first used for (method, path, body): the same key on another request is refused.
      .addColumn('request_fingerprint', 'text', (col) => col.notNull())
      // Null while the first request is still running.
      .addColumn('status_code', 'integer')
      .addColumn('response_body', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['application_id', 'idempotency_key'])
      .execute();
    await db.schema.createIndex('idempotency_keys_created_idx').on('idempotency_keys').column('created_at').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('idempotency_keys').execute();
  },
};
