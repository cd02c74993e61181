/** @module The stored vehicle a grant names. Carport never deletes vehicles, so a grant without one is an inconsistency, not an answer. */
import { StoreInconsistencyError, type ConnectionRecord, type Repositories, type VehicleRecord } from '../store/index.js';

/**
 * The vehicle `connection` grants access to. Throws {@link StoreInconsistencyError} (`missing`) when
 * the row is gone: the vehicle is not missing from the owner's account, the store lost it.
 */
export async function vehicleOfConnection(repositories: Pick<Repositories, 'vehicles'>, connection: ConnectionRecord): Promise<VehicleRecord> {
  const vehicle = await repositories.vehicles.findById(connection.vehicleId);
  if (vehicle !== null) return vehicle;
  throw new StoreInconsistencyError('missing', 'the vehicle of a connection', {
    connectionId: connection.id,
    vehicleId: connection.vehicleId,
    applicationId: connection.applicationId,
  });
}
