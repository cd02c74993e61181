/** @module Webhook subscriptions: which connections (vehicles) each webhook delivers for. */
import type { Kysely, Selectable } from 'kysely';
import { decodeObject, decodeStringArray, toIso, type Clock } from '../codec.js';
import type { DatabaseSchema, VehicleMode, WebhookSubscriptionsTable } from '../schema.js';

/** A subscription of one webhook to one connection. */
export interface SubscriptionRecord {
  readonly webhookId: string;
  readonly connectionId: string;
  readonly createdAt: string;
}

/** Where an event about a vehicle must go: an enabled webhook subscribed through an active grant. */
export interface DeliveryTarget {
  readonly webhookId: string;
  readonly applicationId: string;
  readonly connectionId: string;
  readonly userId: string;
  /** The vehicle id the receiving application knows. */
  readonly applicationVehicleId: string;
  readonly permissions: readonly string[];
  readonly kind: string;
  readonly mode: VehicleMode;
  readonly config: Record<string, unknown>;
  /** When the webhook's callback was verified; null while it is not (it then receives nothing). */
  readonly verifiedAt: string | null;
}

/** Store contract for subscriptions. */
export interface SubscriptionRepository {
  /**
   * Subscribes a webhook to a connection (idempotent). Returns null, inserting nothing, unless both
   * exist and belong to the same application, so one tenant can never subscribe to another's vehicles.
   */
  subscribe(webhookId: string, connectionId: string): Promise<SubscriptionRecord | null>;
  /** Removes a subscription; false when there was none. */
  unsubscribe(webhookId: string, connectionId: string): Promise<boolean>;
  listByWebhook(webhookId: string): Promise<SubscriptionRecord[]>;
  listByConnection(connectionId: string): Promise<SubscriptionRecord[]>;
  /** Delivery targets for an event about an internal vehicle id. */
  listDeliveryTargets(vehicleId: string): Promise<DeliveryTarget[]>;
}

function toRecord(row: Selectable<WebhookSubscriptionsTable>): SubscriptionRecord {
  return { webhookId: row.webhook_id, connectionId: row.connection_id, createdAt: row.created_at };
}

/** Builds the subscription repository over `db`. */
export function createSubscriptionRepository(db: Kysely<DatabaseSchema>, deps: { clock: Clock }): SubscriptionRepository {
  const find = async (webhookId: string, connectionId: string) => {
    const row = await db
      .selectFrom('webhook_subscriptions')
      .selectAll()
      .where('webhook_id', '=', webhookId)
      .where('connection_id', '=', connectionId)
      .executeTakeFirst();
    return row === undefined ? null : toRecord(row);
  };

  return {
    async subscribe(webhookId, connectionId) {
      const now = toIso(deps.clock());
      // INSERT ... SELECT over the join enforces "same application" in the same statement.
      await db
        .insertInto('webhook_subscriptions')
        .columns(['webhook_id', 'connection_id', 'created_at'])
        .expression((eb) =>
          eb
            .selectFrom('webhooks')
            .innerJoin('connections', 'connections.application_id', 'webhooks.application_id')
            .select((inner) => [
              inner.ref('webhooks.id').as('webhook_id'),
              inner.ref('connections.id').as('connection_id'),
              inner.val(now).as('created_at'),
            ])
            .where('webhooks.id', '=', webhookId)
            .where('connections.id', '=', connectionId),
        )
        .onConflict((oc) => oc.columns(['webhook_id', 'connection_id']).doNothing())
        .execute();
      return find(webhookId, connectionId);
    },

    async unsubscribe(webhookId, connectionId) {
      const result = await db
        .deleteFrom('webhook_subscriptions')
        .where('webhook_id', '=', webhookId)
        .where('connection_id', '=', connectionId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async listByWebhook(webhookId) {
      const rows = await db
        .selectFrom('webhook_subscriptions')
        .selectAll()
        .where('webhook_id', '=', webhookId)
        .orderBy('created_at')
        .orderBy('connection_id')
        .execute();
      return rows.map(toRecord);
    },

    async listByConnection(connectionId) {
      const rows = await db
        .selectFrom('webhook_subscriptions')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .orderBy('created_at')
        .orderBy('webhook_id')
        .execute();
      return rows.map(toRecord);
    },

    async listDeliveryTargets(vehicleId) {
      const rows = await db
        .selectFrom('webhook_subscriptions as s')
        .innerJoin('connections as c', 'c.id', 's.connection_id')
        .innerJoin('webhooks as w', 'w.id', 's.webhook_id')
        .select([
          'w.id as webhook_id',
          'w.application_id',
          'c.id as connection_id',
          'c.user_id',
          'c.application_vehicle_id',
          'c.permissions',
          'w.kind',
          'w.mode',
          'w.config',
          'w.verified_at',
        ])
        .where('c.vehicle_id', '=', vehicleId)
        .where('c.revoked_at', 'is', null)
        .where('w.enabled', '=', 1)
        .orderBy('w.id')
        .orderBy('c.id')
        .execute();
      return rows.map((row) => ({
        webhookId: row.webhook_id,
        applicationId: row.application_id,
        connectionId: row.connection_id,
        userId: row.user_id,
        applicationVehicleId: row.application_vehicle_id,
        permissions: decodeStringArray(row.permissions, 'connections.permissions'),
        kind: row.kind,
        mode: row.mode,
        config: decodeObject(row.config, 'webhooks.config'),
        verifiedAt: row.verified_at,
      }));
    },
  };
}
