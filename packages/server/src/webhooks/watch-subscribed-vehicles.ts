/** @module After a start, has providers report again the events of every vehicle with an event subscription since its last recorded event, so neither downtime nor a crash loses events. */
import type { Logger } from 'pino';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { Repositories } from '../store/index.js';

/**
 * Providers such as the simulated fleet report events only for vehicles they were asked about in
 * this process; a restarted process must ask again about the vehicles webhooks are waiting on.
 * Returns how many vehicles were looked up.
 */
export async function watchSubscribedVehicles(repositories: Repositories, providers: ProviderRegistry, logger: Logger): Promise<number> {
  const seen = new Set<string>();
  for (const webhook of await repositories.webhooks.listEnabledByKind('eventBased')) {
    for (const subscription of await repositories.subscriptions.listByWebhook(webhook.id)) {
      const connection = await repositories.connections.findById(subscription.connectionId);
      if (connection === null || connection.revokedAt !== null || seen.has(connection.vehicleId)) continue;
      seen.add(connection.vehicleId);
      const vehicle = await repositories.vehicles.findById(connection.vehicleId);
      if (vehicle === null) continue;
      const ref = { make: vehicle.make, mode: vehicle.mode, providerVehicleId: vehicle.providerVehicleId };
      // From the last event written for it (the intake de-duplicates anything reported twice).
      const since = (await repositories.outbox.latestCreatedAtForVehicle(vehicle.id)) ?? subscription.createdAt;
      try {
        const provider = providers.find(ref.make, ref.mode);
        if (provider?.resumeEvents !== undefined) await provider.resumeEvents(ref, new Date(since));
        else await provider?.getVehicle(ref);
      } catch (error) {
        logger.warn({ err: error, vehicleId: vehicle.id }, 'could not resume events of a subscribed vehicle');
      }
    }
  }
  return seen.size;
}
