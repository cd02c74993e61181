/**
 * @module The simulator's intervention log on the database, so interventions survive restarts and
 * every process sharing the database sees the same ones.
 */
import { FLEET_KEY, isInterventionAction, type Intervention, type InterventionLog } from '../../simulator/index.js';
import type { SimulatorInterventionRecord, SimulatorInterventionRepository } from '../../store/index.js';

function toIntervention(record: SimulatorInterventionRecord): Intervention | undefined {
  // A row written by a newer Carport with a kind this one does not know is skipped, not fatal.
  if (!isInterventionAction(record.payload)) return undefined;
  return { id: record.id, vehicleKey: record.vehicleKey, at: Date.parse(record.effectiveAt), recordedAt: Date.parse(record.recordedAt), action: record.payload };
}

function known(records: readonly SimulatorInterventionRecord[]): Intervention[] {
  return records.flatMap((record) => toIntervention(record) ?? []);
}

/**
 * An {@link InterventionLog} over the store's intervention repository. Every read of a vehicle lists
 * its interventions, so lists are cached for `cacheTtlMs` (0: not cached); appends through this log
 * clear the cache, and another process's appends are seen within the TTL.
 */
export function createStoredInterventionLog(repository: SimulatorInterventionRepository, options: { cacheTtlMs?: number; now?: () => number } = {}): InterventionLog {
  const ttlMs = options.cacheTtlMs ?? 0;
  const now = options.now ?? (() => Date.now());
  const lists = new Map<string, { readonly value: Intervention[]; readonly expiresAt: number }>();
  return {
    async append(intervention) {
      lists.clear();
      await repository.insertIfAbsent({
        id: intervention.id,
        vehicleKey: intervention.vehicleKey,
        kind: intervention.action.kind,
        effectiveAt: new Date(intervention.at).toISOString(),
        payload: intervention.action,
        recordedAt: new Date(intervention.recordedAt).toISOString(),
      });
    },
    async list(keys) {
      if (ttlMs <= 0) return known(await repository.listByVehicleKeys(keys));
      const cacheKey = keys.join('\n');
      const cached = lists.get(cacheKey);
      if (cached !== undefined && cached.expiresAt > now()) return [...cached.value];
      const value = known(await repository.listByVehicleKeys(keys));
      if (lists.size >= 10_000) lists.clear();
      lists.set(cacheKey, { value, expiresAt: now() + ttlMs });
      return value;
    },
    async recordedSince(since, limit) {
      return known(await repository.listRecordedSince(new Date(since).toISOString(), limit));
    },
    async keys() {
      return (await repository.listVehicleKeys()).filter((key) => key !== FLEET_KEY);
    },
  };
}
