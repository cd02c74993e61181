/** @module What Carport serves for a Tesla through the Fleet API (commands to vehicles that require signing go through the vehicle-command proxy). */
import type { EndpointId } from '../../catalog/endpoints/index.js';
import { teslaCommandsByEndpoint } from './tesla-commands.js';
import { vehicleDataReads } from './vehicle-data-reads.js';

/** Reads answered from what Carport stored at Connect (no call to Tesla). */
export const storedReads: readonly EndpointId[] = ['getVehicleAttributes', 'getVin'];

/** Every endpoint a Tesla declares: the stored reads, the `vehicle_data` reads and the REST commands. */
export const teslaCapabilities: ReadonlySet<EndpointId> = new Set<EndpointId>([
  ...storedReads,
  ...(Object.keys(vehicleDataReads) as EndpointId[]),
  ...(Object.keys(teslaCommandsByEndpoint) as EndpointId[]),
  'teslaGetVirtualKeyStatus',
]);
