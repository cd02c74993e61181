/** @module After a start or a database outage, has providers report again the events of every vehicle with an event subscription since its last recorded event, so neither downtime, a crash nor an outage loses events. */
import type { Logger } from 'pino';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { Repositories } from '../store/index.js';

/** Options of {@link watchSubscribedVehicles}. */
export interface WatchOptions {
  /** When events began to go missing (the first event the intake held through an outage arrived). */
  readonly missingSince?: Date;
}

/**
 * Providers report an event a moment after it happened, and several at once when they catch up, so
 * events that arrived together with the first missing one may carry a slightly earlier time.
 */
const REPORT_LAG_MS = 1_000;

/**
 * Where a vehicle's events are reported again from: after its last recorded event, or, after an
 * outage, from when events went missing, since the intake's own late writes of held events are newer
 * than the events it dropped; but never from before the subscription.
 */
function resumeFrom(lastRecorded: Date, subscribedAt: Date, missingSince: Date | undefined): Date {
  if (missingSince === undefined) return lastRecorded;
  const missingFrom = new Date(Math.max(missingSince.getTime() - REPORT_LAG_MS, subscribedAt.getTime()));
  return lastRecorded < missingFrom ? lastRecorded : missingFrom;
}

/**
 * Providers such as the simulated fleet report events only for vehicles they were asked about in
 * this process; a restarted process must ask again about the vehicles webhooks are waiting on.
 * Returns how many vehicles were looked up.
 */
export async function watchSubscribedVehicles(repositories: Repositories, providers: ProviderRegistry, logger: Logger, options: WatchOptions = {}): Promise<number> {
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
      const lastRecorded = (await repositories.outbox.latestCreatedAtForVehicle(vehicle.id)) ?? subscription.createdAt;
      const since = resumeFrom(new Date(lastRecorded), new Date(subscription.createdAt), options.missingSince);
      try {
        const provider = providers.forVehicle(vehicle);
        if (provider?.resumeEvents !== undefined) await provider.resumeEvents(ref, since);
        else await provider?.getVehicle(ref);
      } catch (error) {
        logger.warn({ err: error, vehicleId: vehicle.id }, 'could not resume events of a subscribed vehicle');
      }
    }
  }
  return seen.size;
}
