/** @module The plan features a route needs: those of the catalog endpoint it serves. */
import type { FastifyRequest } from 'fastify';
import { endpointCatalog, type EndpointId } from '../../catalog/endpoints/index.js';
import { featuresOfEndpoint, type PlanFeature } from '../../catalog/plan-features.js';

const featuresByEndpoint: ReadonlyMap<EndpointId, readonly PlanFeature[]> = new Map(endpointCatalog.map((endpoint) => [endpoint.id, featuresOfEndpoint(endpoint)]));

/** The features the request's route needs; none for a route outside the endpoint catalog. */
export function routeFeatures(request: FastifyRequest): readonly PlanFeature[] {
  const endpointId = request.routeOptions.config.catalogEndpointId;
  return endpointId === undefined ? [] : (featuresByEndpoint.get(endpointId) ?? []);
}
