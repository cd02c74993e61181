/** @module The catalog's vehicle data and command endpoints, each with the concrete URLs it is served on. */
import { endpointCatalog } from '../../catalog/endpoints/index.js';
import type { EndpointDefinition } from '../../catalog/types.js';

/** Endpoints about the connection rather than the vehicle's data; they have their own routes. */
const connectionEndpointIds = new Set(['listVehicles', 'getPermissions', 'getUser', 'disconnectVehicle', 'batch']);

/** One route to register: an endpoint, and the make its URL names for make-specific endpoints. */
export interface VehicleRoute {
  readonly endpoint: EndpointDefinition;
  readonly make: string | undefined;
  /** The path after `/vehicles/{id}`, e.g. `/odometer`, `/tesla/charge`, or '' for the attributes. */
  readonly relativePath: string;
}

/** Every vehicle data read and command of the catalog, one entry per make for make-specific ones. */
export function vehicleRoutes(method: 'read' | 'command'): VehicleRoute[] {
  return endpointCatalog
    .filter((endpoint) => endpoint.surface === 'vehicle' && !connectionEndpointIds.has(endpoint.id))
    .filter((endpoint) => (method === 'read') === (endpoint.method === 'GET'))
    .flatMap((endpoint) =>
      (endpoint.makes ?? [undefined]).map((make) => ({
        endpoint,
        make,
        relativePath: (make === undefined ? endpoint.path : endpoint.path.replace('{make}', make)).replace('/vehicles/{id}', ''),
      })),
    );
}
