/** @module Which catalog endpoint a vehicle path names for a given vehicle, with the seeds' errors for the wrong make. */
import { endpointCatalog, findEndpoint, type CatalogEndpoint } from '../catalog/endpoints/index.js';
import { findMakeByPathSegment } from '../catalog/makes.js';
import type { HttpMethod } from '../catalog/types.js';

/** The outcome of resolving a path such as `/odometer` or `/tesla/charge` for one vehicle. */
export type PathResolution =
  | { readonly ok: true; readonly endpoint: CatalogEndpoint }
  | { readonly ok: false; readonly type: 'RESOURCE_NOT_FOUND'; readonly code: 'PATH' }
  | { readonly ok: false; readonly type: 'PERMISSION'; readonly code: null }
  | { readonly ok: false; readonly type: 'COMPATIBILITY'; readonly code: 'MAKE_NOT_COMPATIBLE' };

const notFound: PathResolution = { ok: false, type: 'RESOURCE_NOT_FOUND', code: 'PATH' };

/**
 * Resolves `path` (relative to `/vehicles/{id}`, e.g. `/odometer`, `/tesla/charge`) for a vehicle of
 * `vehicleMake` (upper-case id). Make-specific paths take the make in lower case only: an upper-case
 * make answers PERMISSION, as the seeds say; another make's endpoint answers MAKE_NOT_COMPATIBLE.
 */
export function resolveVehiclePath(method: HttpMethod, path: string, vehicleMake: string): PathResolution {
  const key = `${method} ${vehicleMake} ${path}`;
  const known = resolutions.get(key);
  if (known !== undefined) return known;
  // Paths come from clients (batch bodies), so the memo is bounded rather than keyed by the catalog.
  if (resolutions.size >= maxRememberedResolutions) resolutions.clear();
  const resolution = resolveUncached(method, path, vehicleMake);
  resolutions.set(key, resolution);
  return resolution;
}

const resolutions = new Map<string, PathResolution>();
const maxRememberedResolutions = 2000;

function resolveUncached(method: HttpMethod, path: string, vehicleMake: string): PathResolution {
  const relative = path === '/' || path === '' ? '' : `/${path.replace(/^\/+|\/+$/g, '')}`;
  const template = `/vehicles/{id}${relative}`;
  const segments = relative.split('/').filter((segment) => segment !== '');
  const makeSegment = segments[0];
  const make = makeSegment === undefined ? undefined : findMakeByPathSegment(makeSegment.toLowerCase());
  if (make === undefined || makeSegment === undefined) {
    const endpoint = findEndpoint(method, template);
    return endpoint === undefined || endpoint.makes !== null ? notFound : { ok: true, endpoint };
  }
  const rest = segments.slice(1).join('/');
  const makeTemplate = `/vehicles/{id}/{make}${rest === '' ? '' : `/${rest}`}`;
  const servedByAnyMake = endpointCatalog.some((endpoint) => endpoint.method === method && endpoint.path === makeTemplate);
  if (!servedByAnyMake) return notFound;
  if (makeSegment !== make.pathSegment) return { ok: false, type: 'PERMISSION', code: null };
  if (make.id !== vehicleMake) return { ok: false, type: 'COMPATIBILITY', code: 'MAKE_NOT_COMPATIBLE' };
  const endpoint = findEndpoint(method, makeTemplate, make.pathSegment);
  return endpoint === undefined ? notFound : { ok: true, endpoint };
}

/**
 * For a URL no route serves: PERMISSION when it names a make-specific endpoint with the make not in
 * lower case (`/v2.0/vehicles/{id}/TESLA/charge`), as the seeds specify; null otherwise.
 */
export function upperCaseMakeRefusal(method: HttpMethod, url: string): 'PERMISSION' | null {
  const match = /^\/v2\.0\/vehicles\/[^/?]+\/([^/?]+)(\/[^?]*)?(?:\?.*)?$/.exec(url);
  const segment = match?.[1];
  if (segment === undefined || segment === segment.toLowerCase()) return null;
  const make = findMakeByPathSegment(segment.toLowerCase());
  if (make === undefined) return null;
  const rest = (match?.[2] ?? '').replace(/\/+$/, '');
  const template = `/vehicles/{id}/{make}${rest}`;
  return endpointCatalog.some((endpoint) => endpoint.method === method && endpoint.path === template && (endpoint.makes?.includes(make.pathSegment) ?? false)) ? 'PERMISSION' : null;
}
