/** @module The endpoint catalog: every family's endpoints in one list, their extra seed cases, and lookup by method and path. */
import type { EndpointDefinition, HttpMethod } from '../types.js';
import { audiEndpoints } from './audi.js';
import { batchEndpoints } from './batch.js';
import { bmwMiniEndpoints } from './bmw-mini.js';
import { compatibilityEndpoints } from './compatibility.js';
import { coreCommandEndpoints } from './core-commands.js';
import { coreReadEndpoints } from './core-reads.js';
import { diagnosticEndpoints } from './diagnostics.js';
import { evReadCases, evReadEndpoints } from './ev-reads.js';
import { fordLincolnCases, fordLincolnEndpoints } from './ford-lincoln.js';
import { gmEndpoints } from './gm.js';
import { managementEndpoints } from './management.js';
import { nioEndpoints } from './nio.js';
import { nissanEndpoints } from './nissan.js';
import { oauthCases, oauthEndpoints } from './oauth.js';
import type { ExampleCases } from './shared.js';
import { teslaChargeReadEndpoints } from './tesla-charge-reads.js';
import { teslaCommandCases, teslaCommandEndpoints } from './tesla-commands.js';
import { teslaReadEndpoints } from './tesla-reads.js';
import { vehicleConnectionEndpoints } from './vehicle-connections.js';
import { webhookEndpoints } from './webhooks.js';

export type { ExampleCases } from './shared.js';
export { registerSchemaFormats } from './formats.js';
export { capacitySelection } from './ev-reads.js';

const allEndpoints = [
  ...vehicleConnectionEndpoints,
  ...coreReadEndpoints,
  ...evReadEndpoints,
  ...diagnosticEndpoints,
  ...coreCommandEndpoints,
  ...batchEndpoints,
  ...audiEndpoints,
  ...bmwMiniEndpoints,
  ...fordLincolnEndpoints,
  ...gmEndpoints,
  ...nissanEndpoints,
  ...teslaReadEndpoints,
  ...teslaChargeReadEndpoints,
  ...teslaCommandEndpoints,
  ...nioEndpoints,
  ...managementEndpoints,
  ...compatibilityEndpoints,
  ...webhookEndpoints,
  ...oauthEndpoints,
] as const;

/** Every entry with the exact type it was declared with (its literal id, its schemas' TypeBox types). */
export type DeclaredEndpoint = (typeof allEndpoints)[number];

/** Operation id of a catalog endpoint, e.g. `getOdometer`. */
export type EndpointId = DeclaredEndpoint['id'];

/** A catalog endpoint: its id stays the literal it was declared with, so no consumer casts it back. */
export type CatalogEndpoint = EndpointDefinition & { readonly id: EndpointId };

/**
 * Ids of the GET endpoints under `/vehicles/{id}` that Carport answers itself: readable data a batch
 * or a scheduled webhook may name, answered from the grant without the provider. Every one needs a
 * platform read (the read path's table of them is total over this type).
 */
export type PlatformReadId = Extract<DeclaredEndpoint, { readonly answeredBy: 'platform'; readonly method: 'GET'; readonly path: `/vehicles/{id}/${string}` }>['id'];

/** Every endpoint of the public API; routes, OpenAPI, docs and SDK types derive from this list. */
export const endpointCatalog: readonly CatalogEndpoint[] = allEndpoints;

/** The endpoint with this id (ids are unique, which the catalog tests check). */
export function catalogEndpointById(id: EndpointId): CatalogEndpoint {
  const endpoint = endpointCatalog.find((candidate) => candidate.id === id);
  if (endpoint === undefined) throw new Error(`the endpoint catalog lacks ${id}`);
  return endpoint;
}

/**
 * True for an endpoint a batch or a scheduled webhook may name as a data path: a GET under
 * `/vehicles/{id}` (the vehicle itself included), answered by the provider or, for a
 * {@link PlatformReadId}, by Carport from the grant. Disconnect, webhooks and batch are not data.
 */
export function isReadableVehicleData(endpoint: CatalogEndpoint): boolean {
  return endpoint.surface === 'vehicle' && endpoint.method === 'GET' && (endpoint.path === '/vehicles/{id}' || endpoint.path.startsWith('/vehicles/{id}/'));
}

/** True when Carport answers this readable endpoint from the grant (its id is a {@link PlatformReadId}). */
export function isPlatformRead(endpoint: CatalogEndpoint): endpoint is CatalogEndpoint & { readonly id: PlatformReadId } {
  return endpoint.answeredBy === 'platform' && isReadableVehicleData(endpoint);
}

/** The seed cases beyond each entry's own examples, keyed by endpoint id (for contract tests). */
export const endpointExampleCases: Readonly<Partial<Record<EndpointId, ExampleCases>>> = {
  ...evReadCases,
  ...fordLincolnCases,
  ...teslaCommandCases,
  ...oauthCases,
};

const makeSegment = '{make}';

/** `/a/b/` and `/a/b?x=1` name the same endpoint as `/a/b` (the official SDK asks for `/user/`). */
function segmentsOf(path: string): string[] {
  const withoutQuery = path.split('?', 1)[0] ?? '';
  return withoutQuery.split('/').filter((segment) => segment !== '');
}

function isParameter(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

function matches(endpoint: EndpointDefinition, segments: readonly string[], make: string | undefined): boolean {
  const template = segmentsOf(endpoint.path);
  if (template.length !== segments.length) return false;
  return template.every((part, index) => {
    const actual = segments[index] ?? '';
    if (part === makeSegment) {
      // Makes are lower case in paths; the seeds answer an upper-case make with an error, so no match.
      const named = actual === makeSegment ? make : actual;
      return named !== undefined && (endpoint.makes?.includes(named) ?? false);
    }
    if (isParameter(part)) return actual !== '';
    return actual === part;
  });
}

/**
 * The endpoint serving `method` on `path`, given either as a concrete path
 * (`/vehicles/6c3f.../tesla/charge`, the make read from it) or as the catalog's template
 * (`/vehicles/{id}/{make}/charge`, with `make` naming the make). Paths are relative to the version
 * prefix. Undefined when no endpoint, or more than one, fits.
 *
 * @example findEndpoint('GET', '/vehicles/{id}/odometer')?.id // 'getOdometer'
 * @example findEndpoint('GET', '/vehicles/abc/tesla/charge')?.id // 'teslaGetChargeStatus'
 */
export function findEndpoint(method: HttpMethod, path: string, make?: string): CatalogEndpoint | undefined {
  const segments = segmentsOf(path);
  const found = endpointCatalog.filter((endpoint) => endpoint.method === method && matches(endpoint, segments, make));
  return found.length === 1 ? found[0] : undefined;
}
