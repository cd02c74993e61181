/** @module `GET /v2.0/vehicles` and `GET /v2.0/user`: what the access token's owner connected to this application. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/services.js';
import { catalogOperation } from '../../catalog/operations/index.js';
import { catalogRoute } from '../catalog-route.js';
import { accessOf } from './require-access-token.js';

/** Default page size when `limit` is absent. */
const defaultVehiclePageSize = 10;

export function registerVehicleListRoutes(scope: FastifyInstance, context: AppContext): void {
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  routes.route({
    ...catalogRoute(catalogOperation('listVehicles')),
    handler: async (request) => {
      const access = accessOf(request);
      const limit = request.query.limit ?? defaultVehiclePageSize;
      const offset = request.query.offset ?? 0;
      const connections = await context.repositories.connections.findActiveByApplicationAndUser(access.applicationId, access.userId);
      // One owner may connect a vehicle twice (reconnects); the application sees each vehicle id once.
      const vehicleIds = [...new Set(connections.map((connection) => connection.applicationVehicleId))];
      return { paging: { count: vehicleIds.length, offset }, vehicles: vehicleIds.slice(offset, offset + limit) };
    },
  });
  routes.route({
    ...catalogRoute(catalogOperation('getUser')),
    handler: (request) => ({ id: accessOf(request).userId }),
  });
}
