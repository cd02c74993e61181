/**
 * @module The operations of the endpoint catalog: each entry becomes its route's method, URL,
 * validation, serialisation and OpenAPI operation, typed by the entry's own schemas.
 */
import { Type, type TObject, type TRef, type TSchema, type TString } from '@sinclair/typebox';
import { catalogEndpointById, endpointCatalog, type CatalogEndpoint, type DeclaredEndpoint, type EndpointId } from '../endpoints/index.js';
import type { Surface } from '../types.js';
import { apiVersionPrefix, withErrorResponses, type OperationDefinition, type OperationSchema, type SecurityRequirements } from './operation.js';

const securityBySurface: Readonly<Record<Surface, SecurityRequirements>> = {
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

/** The names of a path template's parameters: `/vehicles/{id}/webhooks/{webhook_id}` → `'id' | 'webhook_id'`. */
type ParameterNames<Path extends string> = string extends Path ? never : Path extends `${string}{${infer Name}}${infer Rest}` ? Name | ParameterNames<Rest> : never;

/** `{make}` is filled in per make at routing time, so it is never a path parameter of a route. */
type RouteParameterNames<E extends { readonly path: string }> = Exclude<ParameterNames<E['path']>, 'make'>;

type ParamsPart<E extends { readonly path: string }> = [RouteParameterNames<E>] extends [never] ? unknown : { readonly params: TObject<{ [Name in RouteParameterNames<E>]: TString }> };
type QueryPart<E> = E extends { readonly request: { readonly query: infer Query extends TSchema } } ? { readonly querystring: Query } : unknown;
type BodyPart<E> = E extends { readonly request: { readonly body: infer Body extends TSchema } } ? { readonly body: Body } : unknown;

/** The schema of an endpoint's route, keeping the TypeBox types of its entry so handlers are typed by them. */
export type EndpointOperationSchema<E extends CatalogEndpoint> = Pick<OperationSchema, 'operationId' | 'summary' | 'description' | 'tags' | 'security'> &
  ParamsPart<E> &
  QueryPart<E> &
  BodyPart<E> & { readonly response: { readonly 200: E['response']; readonly '4xx': TRef; readonly '5xx': TRef } };

/** The operation of one endpoint entry. */
export type EndpointOperation<E extends CatalogEndpoint> = OperationDefinition<E['id'], EndpointOperationSchema<E>>;

/**
 * The Fastify URL of an endpoint: `{id}` becomes `:id`, every surface but OAuth gets the version
 * prefix, and a make-specific endpoint is routed once per make (`{make}` replaced by the make's
 * lower-case path segment), so each make's operation has its own schema and documentation.
 */
export function routeUrl(endpoint: CatalogEndpoint, make?: string): string {
  const path = (make === undefined ? endpoint.path : endpoint.path.replace('{make}', make)).replace(/\{(\w+)\}/g, ':$1');
  return endpoint.surface === 'oauth' ? path : `${apiVersionPrefix}${path}`;
}

function withExample(schema: TSchema, example: unknown): TSchema {
  return { ...schema, examples: [example] };
}

function pathParameters(endpoint: CatalogEndpoint, make: string | undefined): TSchema | undefined {
  const names = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').filter((name) => make === undefined || name !== 'make');
  if (names.length === 0) return undefined;
  return Type.Object(Object.fromEntries(names.map((name) => [name, Type.String({ minLength: 1 })])));
}

/** The operation of `endpoint` (served for `make` when make-specific): one declaration, one route, one OpenAPI operation. */
export function endpointOperation(endpoint: CatalogEndpoint, make?: string): OperationDefinition<EndpointId> {
  const params = pathParameters(endpoint, make);
  const tags = endpoint.makes === null ? [tagBySurface[endpoint.surface]] : [`Make-specific: ${make ?? endpoint.makes.join(', ')}`];
  const sharedByMakes = make !== undefined && endpoint.makes !== null && endpoint.makes.length > 1;
  const { query, body } = endpoint.request;
  const schema: OperationSchema = {
    operationId: sharedByMakes ? `${endpoint.id}_${make}` : endpoint.id,
    summary: endpoint.title,
    description: endpoint.permission === null ? endpoint.description : `${endpoint.description}\n\nPermission: \`${endpoint.permission}\``,
    tags,
    security: securityBySurface[endpoint.surface],
    response: withErrorResponses({ 200: withExample(endpoint.response, endpoint.examples.response) }),
    ...(params === undefined ? {} : { params }),
    ...(query === undefined ? {} : { querystring: query }),
    ...(body === undefined ? {} : { body: endpoint.examples.request === undefined ? body : withExample(body, endpoint.examples.request) }),
  };
  return { id: endpoint.id, method: endpoint.method, url: routeUrl(endpoint, make), schema };
}

/** The endpoint entry with this id, as it was declared. */
export type DeclaredEndpointOf<Id extends EndpointId> = Extract<DeclaredEndpoint, { readonly id: Id }>;

/** The operation of the endpoint with this id, typed by that entry's schemas. */
export function catalogOperation<Id extends EndpointId>(id: Id): EndpointOperation<DeclaredEndpointOf<Id>>;
// The overload's type reads the path template and the request schemas the way `endpointOperation`
// does at run time; TypeScript cannot follow its regular expression, so the signature states it.
export function catalogOperation(id: EndpointId): OperationDefinition {
  return endpointOperation(catalogEndpointById(id));
}

/** `{id}` of every vehicle route: the only path parameter once a make-specific path names its make. */
export const vehicleIdParams = Type.Object({ id: Type.String({ minLength: 1 }) });

/** A vehicle route's schema: whatever its endpoint declares, and the vehicle id as its one path parameter. */
export interface VehicleRouteSchema extends OperationSchema {
  readonly params: typeof vehicleIdParams;
}

/** One vehicle data or command route: its endpoint, the make its URL names, and its operation. */
export interface VehicleRoute {
  readonly endpoint: CatalogEndpoint;
  readonly make: string | undefined;
  /** The path after `/vehicles/{id}`, e.g. `/odometer`, `/tesla/charge`, or '' for the attributes. */
  readonly relativePath: string;
  readonly operation: OperationDefinition<EndpointId, VehicleRouteSchema>;
}

/**
 * Every vehicle data read (`read`) or command (`command`) a provider answers, one route per make for
 * make-specific ones, in catalog order. Platform-answered endpoints (permissions, user, batch...)
 * have operations of their own.
 */
export function vehicleRoutes(kind: 'read' | 'command'): VehicleRoute[] {
  return endpointCatalog
    .filter((endpoint) => endpoint.surface === 'vehicle' && endpoint.answeredBy === 'provider')
    .filter((endpoint) => (kind === 'read') === (endpoint.method === 'GET'))
    .flatMap((endpoint) =>
      (endpoint.makes ?? [undefined]).map((make) => {
        const operation = endpointOperation(endpoint, make);
        return {
          endpoint,
          make,
          relativePath: (make === undefined ? endpoint.path : endpoint.path.replace('{make}', make)).replace('/vehicles/{id}', ''),
          operation: { ...operation, schema: { ...operation.schema, params: vehicleIdParams } },
        };
      }),
    );
}
