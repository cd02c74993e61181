/**
 * @module Turns an operation declared in the catalog into Fastify route options: method, URL and the
 * schema that validates, serialises and (through the same declaration) documents it. A module adds
 * the handler, typed by the schema through the TypeBox type provider.
 */
import type { HTTPMethods } from 'fastify';
import type { EndpointId } from '../catalog/endpoints/index.js';
import type { OperationDefinition, OperationSchema } from '../catalog/operations/index.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The catalog endpoint the route serves, set by {@link catalogRoute} so hooks can look up
     * what the endpoint needs (its plan features). A route with its own `config` spreads this one in.
     */
    catalogEndpointId?: EndpointId;
  }
}

/** The route options of an operation outside the endpoint catalog (probes, webhook management, admin). */
export function operationRoute<Schema extends OperationSchema>(operation: OperationDefinition<string, Schema>): { method: HTTPMethods; url: string; schema: Schema } {
  return { method: operation.method, url: operation.url, schema: operation.schema };
}

/** The route options of an endpoint catalog entry's operation, naming the endpoint in the route's config. */
export function catalogRoute<Id extends EndpointId, Schema extends OperationSchema>(
  operation: OperationDefinition<Id, Schema>,
): { method: HTTPMethods; url: string; schema: Schema; config: { catalogEndpointId: Id } } {
  return { ...operationRoute(operation), config: { catalogEndpointId: operation.id } };
}
