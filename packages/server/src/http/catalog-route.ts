/** @module Turns an endpoint catalog entry into a Fastify route: URL, validation, serialisation and OpenAPI all from one declaration. */
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifySchema, HTTPMethods } from 'fastify';
import { catalogEndpointById, type CatalogEndpoint, type EndpointId } from '../catalog/endpoints/index.js';
import type { EndpointDefinition, Surface } from '../catalog/types.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The catalog endpoint the route serves, set by {@link catalogRouteOptions} so hooks can look up
     * what the endpoint needs (its plan features). A route with its own `config` spreads this one in.
     */
    catalogEndpointId?: EndpointId;
  }
}

/** The API version prefix every non-OAuth surface is served under. */
export const apiVersionPrefix = '/v2.0';

const validationDetail = Type.Object({ field: Type.String(), message: Type.String() });

/** The catalog error body, used for the OpenAPI description and to serialise error answers. */
export const errorBodySchema = Type.Object(
  {
    type: Type.String(),
    code: Type.Union([Type.String(), Type.Null()]),
    description: Type.String(),
    docURL: Type.String(),
    statusCode: Type.Integer(),
    requestId: Type.String(),
    resolution: Type.Object({ type: Type.Union([Type.String(), Type.Null()]) }),
    suggestedUserMessage: Type.String(),
    detail: Type.Optional(Type.Array(validationDetail)),
  },
  { $id: 'ErrorBody', title: 'Error', description: 'Every error of the catalog has this shape; `detail` only on VALIDATION errors.' },
);

const securityBySurface: Readonly<Record<Surface, readonly Record<string, string[]>[]>> = {
  vehicle: [{ vehicleAccessToken: [] }],
  webhooks: [{ vehicleAccessToken: [] }],
  management: [{ managementToken: [] }],
  compatibility: [{ clientCredentials: [] }],
  oauth: [{ clientCredentials: [] }],
};

const tagBySurface: Readonly<Record<Surface, string>> = {
  vehicle: 'Vehicles',
  webhooks: 'Webhooks',
  management: 'Management',
  compatibility: 'Compatibility',
  oauth: 'Authorization',
};

/**
 * The Fastify URL of an endpoint: `{id}` becomes `:id`, every surface but OAuth gets the version
 * prefix, and a make-specific endpoint is routed once per make (`{make}` replaced by the make's
 * lower-case path segment), so each make's operation has its own schema and documentation.
 */
export function routeUrl(endpoint: EndpointDefinition, make?: string): string {
  const path = (make === undefined ? endpoint.path : endpoint.path.replace('{make}', make)).replace(/\{(\w+)\}/g, ':$1');
  return endpoint.surface === 'oauth' ? path : `${apiVersionPrefix}${path}`;
}

function withExample(schema: TSchema, example: unknown): TSchema {
  return { ...schema, examples: [example] };
}

function pathParameters(endpoint: EndpointDefinition, make: string | undefined): TSchema | undefined {
  const names = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').filter((name) => make === undefined || name !== 'make');
  if (names.length === 0) return undefined;
  return Type.Object(Object.fromEntries(names.map((name) => [name, Type.String({ minLength: 1 })])));
}

/** Route options (method, URL, schema, and the endpoint's id as route config) derived from one catalog entry. */
export function catalogRouteOptions(endpoint: CatalogEndpoint, make?: string): { method: HTTPMethods; url: string; schema: FastifySchema; config: { catalogEndpointId: EndpointId } } {
  const params = pathParameters(endpoint, make);
  const tags = endpoint.makes === null ? [tagBySurface[endpoint.surface]] : [`Make-specific: ${make ?? endpoint.makes.join(', ')}`];
  const sharedByMakes = make !== undefined && endpoint.makes !== null && endpoint.makes.length > 1;
  const schema: FastifySchema & Record<string, unknown> = {
    operationId: sharedByMakes ? `${endpoint.id}_${make}` : endpoint.id,
    summary: endpoint.title,
    description: endpoint.permission === null ? endpoint.description : `${endpoint.description}\n\nPermission: \`${endpoint.permission}\``,
    tags,
    security: securityBySurface[endpoint.surface],
    response: {
      200: withExample(endpoint.response, endpoint.examples.response),
      '4xx': Type.Ref('ErrorBody'),
      '5xx': Type.Ref('ErrorBody'),
    },
  };
  if (params !== undefined) schema.params = params;
  if (endpoint.request.query !== undefined) schema.querystring = endpoint.request.query;
  if (endpoint.request.body !== undefined) {
    schema.body = endpoint.examples.request === undefined ? endpoint.request.body : withExample(endpoint.request.body, endpoint.examples.request);
  }
  return { method: endpoint.method, url: routeUrl(endpoint, make), schema, config: { catalogEndpointId: endpoint.id } };
}

/** The catalog entry with operation id `id` (ids are unique; the catalog test checks it). */
export const catalogEndpoint = catalogEndpointById;
