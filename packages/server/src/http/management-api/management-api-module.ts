/** @module The Management API (`/v2.0/management/...`): authenticated by the application's management token. */
import type { CarportModule } from '../carport-module.js';
import { endWebhookSubscriptionsOnDisconnect } from '../webhooks-api/disconnect-listener.js';
import { registerConnectionsRoutes, type ConnectionsDeletedListener } from './connections-routes.js';
import { requireManagementToken } from './require-management-token.js';

/** Options of {@link createManagementApiModule}. */
export interface ManagementApiOptions {
  /** Run after `DELETE /management/connections` commits, once per deleted connection. */
  readonly onConnectionsDeleted?: readonly ConnectionsDeletedListener[];
}

/** The Management API with the given listeners (tests pass their own). */
export function createManagementApiModule(options: ManagementApiOptions = {}): CarportModule {
  return {
    name: 'management-api',
    register(scope, context) {
      requireManagementToken(scope, context);
      registerConnectionsRoutes(scope, context, options.onConnectionsDeleted ?? []);
    },
  };
}

/**
 * What every deletion through the Management API also ends: the connection's webhook subscriptions
 * (the same listener the Vehicle API's disconnect route uses). Further consequences go here.
 */
export const connectionsDeletedListeners: readonly ConnectionsDeletedListener[] = [endWebhookSubscriptionsOnDisconnect];

/** The Management API as every Carport process serves it. */
export const managementApiModule: CarportModule = createManagementApiModule({ onConnectionsDeleted: connectionsDeletedListeners });
