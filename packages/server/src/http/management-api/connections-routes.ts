/**
 * @module `GET` and `DELETE /v2.0/management/connections`: the application's vehicle connections,
 * listed newest first with a keyset cursor, and deleted by user or by vehicle.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { revokeConnections, type RevocationTarget } from '../../connections/revoke-connections.js';
import type { AppContext } from '../../app/services.js';
import { ApiError, type ValidationDetail } from '../../catalog/api-error.js';
import { catalogOperation } from '../../catalog/operations/index.js';
import { catalogRoute } from '../catalog-route.js';
import { createCursorCodec } from './connection-cursor.js';
import { managedApplicationOf } from './require-management-token.js';

/** Page size when `limit` is absent. */
export const DEFAULT_CONNECTIONS_PAGE_SIZE = 10;

/** What `DELETE /management/connections` filters by, as its schema types it. */
interface DeleteQuery {
  readonly user_id?: string | undefined;
  readonly vehicle_id?: string | undefined;
}

const validation = (description: string, detail: readonly ValidationDetail[]) => new ApiError('VALIDATION', 'PARAMETER', { description, detail });

/** Empty filters are refused rather than read as "no filter", which would widen a DELETE's reach. */
function refuseEmpty<Q extends object>(query: Q, names: readonly (keyof Q & string)[]): void {
  const empty = names.filter((name) => query[name] === '');
  if (empty.length > 0) {
    throw validation(
      `${empty.map((name) => `\`${name}\``).join(' and ')} must not be empty.`,
      empty.map((name) => ({ field: `query.${name}`, message: 'must not be empty' })),
    );
  }
}

/** Registers both routes. */
export function registerConnectionsRoutes(scope: FastifyInstance, context: AppContext): void {
  const cursors = createCursorCodec(context.config.secretKey);
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();

  routes.route({
    ...catalogRoute(catalogOperation('getVehicleConnections')),
    handler: async (request) => {
      const application = managedApplicationOf(request);
      const { query } = request;
      refuseEmpty(query, ['cursor', 'user_id', 'vehicle_id']);
      const after = query.cursor === undefined ? undefined : cursors.decode(query.cursor, application.id);
      if (after === null) {
        throw validation('The cursor is not one this API returned for this application.', [{ field: 'query.cursor', message: 'is not a valid cursor' }]);
      }
      const page = await context.repositories.connections.listByApplication(application.id, {
        limit: query.limit ?? DEFAULT_CONNECTIONS_PAGE_SIZE,
        ...(after === undefined ? {} : { after }),
        ...(query.user_id === undefined ? {} : { userId: query.user_id }),
        ...(query.vehicle_id === undefined ? {} : { applicationVehicleId: query.vehicle_id }),
        ...(query.mode === undefined ? {} : { mode: query.mode }),
      });
      return {
        connections: page.items.map((connection) => ({
          userId: connection.userId,
          vehicleId: connection.applicationVehicleId,
          connectedAt: connection.connectedAt,
          mode: connection.mode,
        })),
        paging: { cursor: page.next === null ? null : cursors.encode(page.next, application.id) },
      };
    },
  });

  routes.route({
    ...catalogRoute(catalogOperation('deleteVehicleConnections')),
    handler: async (request) => {
      const application = managedApplicationOf(request);
      const deleted = await revokeConnections(context, deletionTarget(application.id, request.query), 'management_api_deleted');
      return { connections: deleted.map((connection) => ({ userId: connection.userId, vehicleId: connection.applicationVehicleId })) };
    },
  });
}

/**
 * Exactly one of `user_id` and `vehicle_id`, non-empty; anything else is 400 VALIDATION naming both.
 * Deleting a user's connections leaves the user: their tokens keep answering `/user` and `/vehicles`
 * (now without these vehicles), as after disconnecting each vehicle through the Vehicle API.
 */
function deletionTarget(applicationId: string, query: DeleteQuery): RevocationTarget {
  const { user_id: userId, vehicle_id: vehicleId } = query;
  if (userId !== undefined && vehicleId !== undefined) {
    throw validation('Send either `user_id` or `vehicle_id`, not both.', [
      { field: 'query.user_id', message: 'must not be sent with vehicle_id' },
      { field: 'query.vehicle_id', message: 'must not be sent with user_id' },
    ]);
  }
  refuseEmpty(query, ['user_id', 'vehicle_id']);
  if (userId !== undefined) return { kind: 'user', applicationId, userId };
  if (vehicleId !== undefined) return { kind: 'application-vehicle', applicationId, applicationVehicleId: vehicleId };
  throw validation('Send either `user_id` or `vehicle_id`.', [
    { field: 'query.user_id', message: 'is required when vehicle_id is absent' },
    { field: 'query.vehicle_id', message: 'is required when user_id is absent' },
  ]);
}
