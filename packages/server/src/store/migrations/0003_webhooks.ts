/** @module Migration 0003: webhooks, their subscriptions, the event outbox and delivery attempts. */
import { sql, type Kysely, type Migration } from 'kysely';

/** Creates the tables behind webhook management and delivery. */
export const webhooks: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('webhooks')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('application_id', 'text', (col) => col.notNull().references('applications.id').onDelete('cascade'))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('callback_url', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('mode', 'text', (col) => col.notNull().check(sql`mode in ('live', 'test', 'simulated')`))
      .addColumn('config', 'text', (col) => col.notNull())
      .addColumn('enabled', 'integer', (col) => col.notNull().defaultTo(1).check(sql`enabled in (0, 1)`))
      .addColumn('verified_at', 'text')
      .addColumn('verification_error', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('webhooks_application_idx').on('webhooks').columns(['application_id', 'created_at']).execute();

    await db.schema
      .createTable('webhook_subscriptions')
      .addColumn('webhook_id', 'text', (col) => col.notNull().references('webhooks.id').onDelete('cascade'))
      .addColumn('connection_id', 'text', (col) => col.notNull().references('connections.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('webhook_subscriptions_pk', ['webhook_id', 'connection_id'])
      .execute();
    await db.schema.createIndex('webhook_subscriptions_connection_idx').on('webhook_subscriptions').column('connection_id').execute();

    await db.schema
      .createTable('outbox_events')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('application_id', 'text', (col) => col.notNull().references('applications.id').onDelete('cascade'))
      .addColumn('webhook_id', 'text', (col) => col.notNull().references('webhooks.id').onDelete('cascade'))
      .addColumn('vehicle_id', 'text', (col) => col.references('vehicles.id').onDelete('set null'))
      .addColumn('event_type', 'text', (col) => col.notNull())
      .addColumn('payload', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) =>
        col.notNull().defaultTo('pending').check(sql`status in ('pending', 'delivering', 'delivered', 'dead')`),
      )
      .addColumn('attempt_count', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (col) => col.notNull())
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_until', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('delivered_at', 'text')
      .execute();
    // The worker's claim query: due pending events (and expired leases) in due order.
    await db.schema.createIndex('outbox_events_status_due_idx').on('outbox_events').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('outbox_events_webhook_idx').on('outbox_events').columns(['webhook_id', 'created_at']).execute();

    await db.schema
      .createTable('delivery_attempts')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('event_id', 'text', (col) => col.notNull().references('outbox_events.id').onDelete('cascade'))
      .addColumn('attempted_at', 'text', (col) => col.notNull())
      .addColumn('status_code', 'integer')
      .addColumn('latency_ms', 'integer', (col) => col.notNull())
      .addColumn('error', 'text')
      .addColumn('response_snippet', 'text')
      .execute();
    await db.schema.createIndex('delivery_attempts_event_idx').on('delivery_attempts').columns(['event_id', 'attempted_at']).execute();
  },

  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['delivery_attempts', 'outbox_events', 'webhook_subscriptions', 'webhooks']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
