/** @module Ends the webhook subscriptions of revoked connections, inside the revoking transaction. */
import type { ConnectionsRevoked } from '../connections/connection-events.js';
import type { Repositories } from '../store/index.js';
import { endSubscriptionsForConnection } from './subscriptions.js';

/**
 * Listener for revoked connections (`ConnectionEvents.onRevoking`): their webhook subscriptions end
 * with them, so re-connecting the vehicle later does not silently resume deliveries the owner may no
 * longer expect, and a failure to end them leaves the grant in place rather than half revoked.
 */
export async function endSubscriptionsOfRevokedConnections(repositories: Repositories, event: ConnectionsRevoked): Promise<void> {
  for (const connection of event.connections) await endSubscriptionsForConnection(repositories, connection.id);
}
