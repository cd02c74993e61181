/** @module `POST /v2.0/vehicles/{id}/batch`: several GET paths in one request, each answered as if it were its own. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { subResponseOf } from '../../catalog/sub-response.js';
import { readVehicleEndpoints } from '../../vehicle-data/read-vehicle-endpoints.js';
import type { AppContext } from '../../app/services.js';
import { catalogOperation } from '../../catalog/operations/index.js';
import { catalogRoute } from '../catalog-route.js';
import { enforceRequestLimits, perPathRequestLimits } from '../limits/vehicle-request-limits.js';
import { accessOf } from './require-access-token.js';
import { requireVehicleGrant } from './require-vehicle-grant.js';
import { unitSystemOf } from './unit-system-header.js';
import { maxAgeOf } from './max-age-header.js';
import { upstreamBudgetHeaders } from './upstream-budget-header.js';

export function registerBatchRoute(scope: FastifyInstance, context: AppContext): void {
  const options = catalogRoute(catalogOperation('batch'));
  scope.withTypeProvider<TypeBoxTypeProvider>().route({
    ...options,
    config: { ...options.config, ...perPathRequestLimits },
    handler: async (request, reply) => {
      const unitSystem = unitSystemOf(request);
      const maxAgeSeconds = maxAgeOf(request);
      const paths = request.body.requests.map((item) => item.path);
      // Every path counts as one request against the limits.
      await enforceRequestLimits(request, reply, context, paths.length);
      const connection = await requireVehicleGrant(context, accessOf(request), request.params.id, null);
      const reads = await readVehicleEndpoints(context, connection, paths, { requestId: request.id, unitSystem, ...(maxAgeSeconds === undefined ? {} : { maxAgeSeconds }) });
      const responses = reads.map((read) => subResponseOf(read, { requestId: request.id, errorDocsUrl: context.config.errorDocsUrl }));
      return reply.headers({ 'SC-Unit-System': unitSystem, ...(await upstreamBudgetHeaders(context, connection)) }).send({ responses });
    },
  });
}
