/** @module Every vehicle data read (`GET /v2.0/vehicles/{id}/...`), routed from the catalog through the one read path. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { subResponseOf } from '../../catalog/sub-response.js';
import { readVehicleEndpoints } from '../../vehicle-data/read-vehicle-endpoints.js';
import type { AppContext } from '../../app/services.js';
import { vehicleRoutes } from '../../catalog/operations/index.js';
import { catalogRoute } from '../catalog-route.js';
import { accessOf } from './require-access-token.js';
import { requireVehicleGrant } from './require-vehicle-grant.js';
import { unitSystemOf } from './unit-system-header.js';
import { maxAgeOf } from './max-age-header.js';
import { upstreamBudgetHeaders } from './upstream-budget-header.js';
import { observeUse } from './observe-use.js';

/** The query as it arrived (already validated), for the read path's per-path query. */
function queryString(query: unknown): string {
  if (query === null || typeof query !== 'object') return '';
  const entries = Object.entries(query).filter((entry): entry is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof entry[1]));
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([name, value]): [string, string] => [name, String(value)])).toString()}`;
}

export function registerVehicleDataRoutes(scope: FastifyInstance, context: AppContext): void {
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  for (const route of vehicleRoutes('read')) {
    routes.route({
      ...catalogRoute(route.operation),
      handler: async (request, reply) => {
        const unitSystem = unitSystemOf(request);
        const maxAgeSeconds = maxAgeOf(request);
        const connection = await requireVehicleGrant(context, accessOf(request), request.params.id, null);
        const [read] = await readVehicleEndpoints(context, connection, [`${route.relativePath}${queryString(request.query)}`], { requestId: request.id, unitSystem, ...(maxAgeSeconds === undefined ? {} : { maxAgeSeconds }) });
        if (read === undefined) throw new Error('the read path answered no response');
        // A single read is answered as the batch would answer its one path.
        const answer = subResponseOf(read, { requestId: request.id, errorDocsUrl: context.config.errorDocsUrl });
        reply.header('SC-Unit-System', unitSystem).headers(answer.headers).headers(await upstreamBudgetHeaders(context, connection));
        reply.answeredError = answer.error;
        if (answer.code === 200) await observeUse(context, connection.applicationId, route.endpoint);
        return reply.code(answer.code).send(answer.body);
      },
    });
  }
}
