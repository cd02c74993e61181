/** @module The simulator's intervention log: append once by id, list a vehicle's in order, poll by recording time. */
import type { Kysely, Selectable } from 'kysely';
import { decodeJson, encodeJson } from '../codec.js';
import type { DatabaseSchema } from '../schema.js';

/** Row shape of `simulator_interventions` (migration 0004). */
export interface SimulatorInterventionsTable {
  id: string;
  vehicle_key: string;
  kind: string;
  effective_at: string;
  payload: string;
  recorded_at: string;
}

/** One stored intervention. */
export interface SimulatorInterventionRecord {
  readonly id: string;
  readonly vehicleKey: string;
  readonly kind: string;
  /** Simulated instant it takes effect, ISO 8601. */
  readonly effectiveAt: string;
  /** The intervention's details as stored (JSON). */
  readonly payload: unknown;
  /** Real instant it was recorded, ISO 8601. */
  readonly recordedAt: string;
}

/** Store contract of the intervention log. */
export interface SimulatorInterventionRepository {
  /** Stores an intervention; false (and nothing written) when one with its id exists already. */
  insertIfAbsent(record: SimulatorInterventionRecord): Promise<boolean>;
  /** The interventions of the given vehicle keys, by effect time, then recording time, then id. */
  listByVehicleKeys(keys: readonly string[]): Promise<SimulatorInterventionRecord[]>;
  /** Interventions recorded at or after `since` (ISO 8601), oldest first, at most `limit`. */
  listRecordedSince(since: string, limit: number): Promise<SimulatorInterventionRecord[]>;
  /** Every vehicle key with interventions, sorted. */
  listVehicleKeys(): Promise<string[]>;
  /** Forgets a vehicle's interventions (back to its seed's course); returns how many. */
  deleteByVehicleKey(key: string): Promise<number>;
}

type SimulatorDatabase = DatabaseSchema & { simulator_interventions: SimulatorInterventionsTable };

function toRecord(row: Selectable<SimulatorInterventionsTable>): SimulatorInterventionRecord {
  return {
    id: row.id,
    vehicleKey: row.vehicle_key,
    kind: row.kind,
    effectiveAt: row.effective_at,
    payload: decodeJson(row.payload),
    recordedAt: row.recorded_at,
  };
}

/** Builds the repository over `db`. */
export function createSimulatorInterventionRepository(database: Kysely<DatabaseSchema>): SimulatorInterventionRepository {
  // The table is the simulator's own; it joins the schema type here rather than in the shared schema file.
  const db: Kysely<SimulatorDatabase> = database.withTables<{ simulator_interventions: SimulatorInterventionsTable }>();
  return {
    async insertIfAbsent(record) {
      const result = await db
        .insertInto('simulator_interventions')
        .values({
          id: record.id,
          vehicle_key: record.vehicleKey,
          kind: record.kind,
          effective_at: record.effectiveAt,
          payload: encodeJson(record.payload),
          recorded_at: record.recordedAt,
        })
        .onConflict((conflict) => conflict.column('id').doNothing())
        .executeTakeFirst();
      return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
    },

    async listByVehicleKeys(keys) {
      if (keys.length === 0) return [];
      const rows = await db
        .selectFrom('simulator_interventions')
        .selectAll()
        .where('vehicle_key', 'in', [...keys])
        .orderBy('effective_at')
        .orderBy('recorded_at')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },

    async listRecordedSince(since, limit) {
      const rows = await db
        .selectFrom('simulator_interventions')
        .selectAll()
        .where('recorded_at', '>=', since)
        .orderBy('recorded_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },

    async listVehicleKeys() {
      const rows = await db.selectFrom('simulator_interventions').select('vehicle_key').distinct().orderBy('vehicle_key').execute();
      return rows.map((row) => row.vehicle_key);
    },

    async deleteByVehicleKey(key) {
      const result = await db.deleteFrom('simulator_interventions').where('vehicle_key', '=', key).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
