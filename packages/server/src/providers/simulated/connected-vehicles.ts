/**
 * @module Where the operator view finds vehicles that were connected through Connect: the database
 * knows them by the Vehicle API id applications see and by VIN, which the simulator alone cannot
 * tell (a test- or simulated-mode vehicle exists for it only as a key derived on first use).
 */
import type { VehicleRecord, VehicleRepository } from '../../store/repositories/vehicle-repository.js';
import type { VehicleRef } from '../vehicle-provider.js';

/** Connected vehicles by the names an operator has for them. */
export interface ConnectedVehicleDirectory {
  /** The vehicles behind a Vehicle API id (one, unless two applications' pseudonyms collide). */
  byApiId(applicationVehicleId: string): Promise<readonly VehicleRef[]>;
  /** The connected vehicles with this VIN, in every mode and make. */
  byVin(vin: string): Promise<readonly VehicleRef[]>;
  /** Every vehicle ever connected, oldest first. */
  all(): Promise<readonly VehicleRef[]>;
}

/** A directory without a database: the operator then knows the simulator's own keys and VINs only. */
export const noConnectedVehicles: ConnectedVehicleDirectory = {
  byApiId: () => Promise.resolve([]),
  byVin: () => Promise.resolve([]),
  all: () => Promise.resolve([]),
};

function refOf(record: VehicleRecord): VehicleRef {
  return { mode: record.mode, make: record.make, providerVehicleId: record.providerVehicleId };
}

/** The directory over the store's vehicles (every process on the database sees the same connections). */
export function storedVehicleDirectory(vehicles: Pick<VehicleRepository, 'listByVin' | 'listByApplicationVehicleId' | 'listAll'>): ConnectedVehicleDirectory {
  return {
    byApiId: async (applicationVehicleId) => (await vehicles.listByApplicationVehicleId(applicationVehicleId)).map(refOf),
    byVin: async (vin) => (await vehicles.listByVin(vin)).map(refOf),
    all: async () => (await vehicles.listAll()).map(refOf),
  };
}
