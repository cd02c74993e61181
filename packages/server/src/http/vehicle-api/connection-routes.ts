/** @module `GET /v2.0/vehicles/{id}/permissions` and `DELETE /v2.0/vehicles/{id}/application`: the grant itself. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { revokeConnections } from '../../connections/revoke-connections.js';
import { permissionsPage } from '../../vehicle-data/platform-reads.js';
import type { ConnectionRecord } from '../../store/index.js';
import type { AppContext } from '../../app/services.js';
import { ApiError } from '../../catalog/api-error.js';
import { catalogOperation } from '../../catalog/operations/index.js';
import { catalogRoute } from '../catalog-route.js';
import { accessOf, managementTokenAccepted } from './require-access-token.js';
import { requireVehicleGrant } from './require-vehicle-grant.js';

/**
 * The connection a disconnect names. With an access token, the caller's own grant; with the
 * application's management token, the application's active connection to the vehicle, whoever granted it.
 */
async function connectionToDisconnect(context: AppContext, request: FastifyRequest, vehicleId: string): Promise<{ applicationId: string; connection: ConnectionRecord }> {
  const application = request.managedApplication;
  if (application === undefined) {
    const access = accessOf(request);
    return { applicationId: access.applicationId, connection: await requireVehicleGrant(context, access, vehicleId, null) };
  }
  const connection = await context.repositories.connections.findActiveByApplicationVehicleId(application.id, vehicleId);
  if (connection === null) throw new ApiError('PERMISSION', null, { description: 'This application has no active connection to this vehicle.' });
  return { applicationId: application.id, connection };
}

export function registerConnectionRoutes(scope: FastifyInstance, context: AppContext): void {
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  routes.route({
    ...catalogRoute(catalogOperation('getPermissions')),
    handler: async (request) => {
      const connection = await requireVehicleGrant(context, accessOf(request), request.params.id, null);
      return permissionsPage(connection, request.query);
    },
  });
  const disconnect = catalogRoute(catalogOperation('disconnectVehicle'));
  routes.route({
    ...disconnect,
    config: { ...disconnect.config, ...managementTokenAccepted },
    handler: async (request) => {
      const { applicationId, connection } = await connectionToDisconnect(context, request, request.params.id);
      // Revoking the grant ends every token's reach to this vehicle at once: each call re-checks the grant.
      await revokeConnections(context, { kind: 'application-vehicle', applicationId, applicationVehicleId: connection.applicationVehicleId }, 'application_disconnected');
      return { status: 'success' };
    },
  });
}
