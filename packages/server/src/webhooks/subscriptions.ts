/** @module Which vehicles a webhook delivers for: subscribe (checking the grant covers the webhook's data), unsubscribe, and end a disconnected vehicle's subscriptions. */
import type { ConnectionRecord, Repositories, WebhookRecord } from '../store/index.js';
import { requiredPermissions, triggerOf } from './webhook-definition.js';

/** Why a subscription was refused. */
export type SubscribeRefusal =
  | { readonly reason: 'missing_permissions'; readonly permissions: readonly string[] }
  | { readonly reason: 'mode_mismatch'; readonly webhookMode: string; readonly vehicleMode: string }
  | { readonly reason: 'unknown_trigger' };

/** Outcome of {@link subscribeConnection}. */
export type SubscribeOutcome = { readonly ok: true } | ({ readonly ok: false } & SubscribeRefusal);

/**
 * Subscribes a connected vehicle to a webhook of the same application (idempotent). Refused when
 * the grant lacks a permission the webhook's data needs, so a webhook can never carry data the
 * owner did not consent to, or when the vehicle's mode differs from the webhook's (a live webhook
 * only ever receives live vehicles' data, and only over HTTPS).
 */
export async function subscribeConnection(repositories: Pick<Repositories, 'subscriptions'>, webhook: WebhookRecord, connection: ConnectionRecord): Promise<SubscribeOutcome> {
  const trigger = triggerOf(webhook);
  if (trigger === null) return { ok: false, reason: 'unknown_trigger' };
  if (webhook.mode !== connection.mode) return { ok: false, reason: 'mode_mismatch', webhookMode: webhook.mode, vehicleMode: connection.mode };
  const missing = requiredPermissions(trigger).filter((permission) => !connection.permissions.includes(permission));
  if (missing.length > 0) return { ok: false, reason: 'missing_permissions', permissions: missing };
  const subscription = await repositories.subscriptions.subscribe(webhook.id, connection.id);
  if (subscription === null) throw new Error(`webhook ${webhook.id} and connection ${connection.id} belong to different applications`);
  return { ok: true };
}

/**
 * Unsubscribes every connection (current or past) through which the application knows this
 * vehicle id from the webhook. Returns whether any subscription existed.
 */
export async function unsubscribeVehicle(repositories: Pick<Repositories, 'connections' | 'subscriptions'>, webhook: WebhookRecord, applicationVehicleId: string): Promise<boolean> {
  let removed = false;
  let after: { connectedAt: string; id: string } | undefined;
  do {
    const page = await repositories.connections.listByApplication(webhook.applicationId, { limit: 100, applicationVehicleId, includeRevoked: true, ...(after === undefined ? {} : { after }) });
    for (const connection of page.items) removed = (await repositories.subscriptions.unsubscribe(webhook.id, connection.id)) || removed;
    after = page.next ?? undefined;
  } while (after !== undefined);
  return removed;
}

/**
 * Ends every webhook subscription of a connection; call it when the vehicle is disconnected
 * (with transaction-bound repositories, to commit it with the revocation). Returns how many ended.
 * @example await repositories.transaction(async (trx) => { await trx.connections.revoke(id, 'owner_revoked'); await endSubscriptionsForConnection(trx, id); });
 */
export async function endSubscriptionsForConnection(repositories: Pick<Repositories, 'subscriptions'>, connectionId: string): Promise<number> {
  const subscriptions = await repositories.subscriptions.listByConnection(connectionId);
  let ended = 0;
  for (const subscription of subscriptions) {
    if (await repositories.subscriptions.unsubscribe(subscription.webhookId, connectionId)) ended += 1;
  }
  return ended;
}
