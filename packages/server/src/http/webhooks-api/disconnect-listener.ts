/** @module Ends a disconnected vehicle's webhook subscriptions; the shape of the Vehicle API's disconnect and the Management API's deletion listeners. */
import { endSubscriptionsForConnection } from '../../webhooks/subscriptions.js';
import type { AppContext } from '../../app/services.js';

/**
 * Listener for a disconnected (revoked) connection: its webhook subscriptions end, so re-connecting
 * the vehicle later does not silently resume deliveries the owner may no longer expect.
 * @example registerConnectionRoutes(scope, context, [endWebhookSubscriptionsOnDisconnect]);
 */
export async function endWebhookSubscriptionsOnDisconnect(context: AppContext, connectionId: string): Promise<void> {
  await endSubscriptionsForConnection(context.repositories, connectionId);
}
