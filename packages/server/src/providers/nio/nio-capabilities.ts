/** @module What Carport serves for a NIO: the NIO Vehicle API's attributes as catalog reads, and charging control. */
import type { EndpointId } from '../../catalog/endpoints/index.js';
import { nioReads } from './nio-reads.js';

/** Reads answered from what Carport stored at Connect (no call to NIO). */
export const nioStoredReads: readonly EndpointId[] = ['getVehicleAttributes', 'getVin'];

/** NIO's one command: "Start and Stop Charging". */
export const nioCommands: readonly EndpointId[] = ['controlCharge'];

export const nioCapabilities: ReadonlySet<EndpointId> = new Set<EndpointId>([...nioStoredReads, ...(Object.keys(nioReads) as EndpointId[]), ...nioCommands]);

/**
 * Endpoints a NIO's hardware supports that NIO's API does not give enough for: the lock status
 * comes without doors and windows, and the battery without a range.
 */
export const nioUnserved: ReadonlySet<EndpointId> = new Set<EndpointId>(['getLockStatus', 'getBatteryLevel']);
