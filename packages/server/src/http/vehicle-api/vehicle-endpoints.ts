/** @module The catalog's vehicle data and command endpoints, each with the concrete URLs it is served on. */
import { endpointCatalog, type CatalogEndpoint } from '../../catalog/endpoints/index.js';

/** One route to register: an endpoint, and the make its URL names for make-specific endpoints. */
export interface VehicleRoute {
  readonly endpoint: CatalogEndpoint;
  readonly make: string | undefined;
  /** The path after `/vehicles/{id}`, e.g. `/odometer`, `/tesla/charge`, or '' for the attributes. */
  readonly relativePath: string;
}

/**
 * Every vehicle data read and command of the catalog a provider answers, one entry per make for
 * make-specific ones. Platform-answered endpoints (permissions, user, batch...) have their own routes.
 */
export function vehicleRoutes(method: 'read' | 'command'): VehicleRoute[] {
  return endpointCatalog
    .filter((endpoint) => endpoint.surface === 'vehicle' && endpoint.answeredBy === 'provider')
    .filter((endpoint) => (method === 'read') === (endpoint.method === 'GET'))
    .flatMap((endpoint) =>
      (endpoint.makes ?? [undefined]).map((make) => ({
        endpoint,
        make,
        relativePath: (make === undefined ? endpoint.path : endpoint.path.replace('{make}', make)).replace('/vehicles/{id}', ''),
      })),
    );
}
