/**
 * @module Keeps providers told which vehicles Carport serves: a consent tells the vehicle's provider
 * the vehicle is connected (a streaming provider sets up its stream), and a revocation that ends a
 * vehicle's last active grant tells it the vehicle is released (the stream stops). Both after
 * commit: a manufacturer that does not answer never undoes a consent or a revocation.
 */
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { Repositories } from '../store/index.js';
import type { ConnectionEvents } from './connection-events.js';

/** Subscribes the provider notifications to `events`; returns the unsubscribe function. */
export function followVehiclesInProviders(events: ConnectionEvents, repositories: Repositories, providers: () => ProviderRegistry): () => void {
  const tell = async (vehicleIds: readonly string[], what: 'connected' | 'released'): Promise<void> => {
    for (const vehicleId of new Set(vehicleIds)) {
      const vehicle = await repositories.vehicles.findById(vehicleId);
      if (vehicle === null) continue;
      if (what === 'released' && (await repositories.connections.listActiveByVehicle(vehicleId)).length > 0) continue;
      const provider = providers().forVehicle(vehicle);
      const ref = { make: vehicle.make, mode: vehicle.mode, providerVehicleId: vehicle.providerVehicleId };
      if (what === 'connected') await provider?.vehicleConnected?.(ref);
      else await provider?.vehicleReleased?.(ref);
    }
  };
  const stopConnected = events.onConnected((event) => tell(event.connections.map((connection) => connection.vehicleId), 'connected'));
  const stopRevoked = events.onRevoked((event) => tell(event.connections.map((connection) => connection.vehicleId), 'released'));
  return () => {
    stopConnected();
    stopRevoked();
  };
}
