/** @module `GET /admin/upstream-budgets[?vehicle=]`: what is left today of each vehicle's manufacturer budgets. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/services.js';
import { ApiError } from '../../catalog/api-error.js';
import { adminFleetOperation } from '../../catalog/operations/index.js';
import { listUpstreamBudgets } from '../../vehicle-data/upstream-budget-listing.js';
import { operationRoute } from '../catalog-route.js';

export function registerUpstreamBudgetRoute(scope: FastifyInstance, context: AppContext): void {
  scope.withTypeProvider<TypeBoxTypeProvider>().route({
    ...operationRoute(adminFleetOperation('listUpstreamBudgets')),
    handler: async (request) => {
      const vehicles = await listUpstreamBudgets(context, request.query.vehicle);
      if (vehicles === null) throw new ApiError('RESOURCE_NOT_FOUND', 'PATH', { description: `No stored vehicle has the id or VIN "${request.query.vehicle ?? ''}".` });
      return { vehicles };
    },
  });
}
