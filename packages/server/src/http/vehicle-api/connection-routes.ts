/** @module `GET /v2.0/vehicles/{id}/permissions` and `DELETE /v2.0/vehicles/{id}/application`: the grant itself. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { catalogEndpoint, catalogRouteOptions } from '../catalog-route.js';
import { accessOf } from './require-access-token.js';
import { requireVehicleGrant } from './require-vehicle-grant.js';

const defaultPermissionPageSize = 10;

/** Called after a vehicle is disconnected, e.g. to end its webhook subscriptions. */
export type DisconnectListener = (context: AppContext, connectionId: string) => Promise<void>;

export function registerConnectionRoutes(scope: FastifyInstance, context: AppContext, onDisconnect: readonly DisconnectListener[] = []): void {
  scope.route<{ Params: { id: string }; Querystring: { limit?: number; offset?: number } }>({
    ...catalogRouteOptions(catalogEndpoint('getPermissions')),
    handler: async (request) => {
      const connection = await requireVehicleGrant(context, accessOf(request), request.params.id, null);
      const limit = request.query.limit ?? defaultPermissionPageSize;
      const offset = request.query.offset ?? 0;
      return { permissions: connection.permissions.slice(offset, offset + limit), paging: { count: connection.permissions.length, offset } };
    },
  });
  scope.route<{ Params: { id: string } }>({
    ...catalogRouteOptions(catalogEndpoint('disconnectVehicle')),
    handler: async (request) => {
      const access = accessOf(request);
      const connection = await requireVehicleGrant(context, access, request.params.id, null);
      // Revoking the grant ends every token's reach to this vehicle at once: each call re-checks the grant.
      await context.repositories.connections.revokeForApplicationVehicle(access.applicationId, connection.applicationVehicleId);
      for (const listener of onDisconnect) await listener(context, connection.id);
      return { status: 'success' };
    },
  });
}
