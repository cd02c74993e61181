/**
 * @module The newest streamed value of each vehicle field. A sample replaces the stored one only when
 * the vehicle recorded it later, so a record delivered twice (at-least-once streams redeliver) or
 * out of order changes nothing the second time.
 */
import type { Kysely, Selectable } from 'kysely';
import { toIso, type Clock } from '../codec.js';
import type { DatabaseSchema, VehicleTelemetryTable } from '../schema.js';

/** One field's value as the vehicle recorded it. */
export interface TelemetrySample {
  readonly vin: string;
  /** The manufacturer's field name, e.g. `BatteryLevel`. */
  readonly field: string;
  readonly value: unknown;
  /** ISO time the vehicle recorded the value. */
  readonly createdAt: string;
}

/** What applying a sample did: whether it was newer, and the value it replaced. */
export interface AppliedSample {
  readonly applied: boolean;
  readonly previous: TelemetrySample | null;
}

/** Store contract for streamed vehicle data. */
export interface VehicleTelemetryRepository {
  /** Stores the sample when it is newer than the stored one; answers what was there before. */
  apply(sample: TelemetrySample): Promise<AppliedSample>;
  /** Every field last streamed for the VIN. */
  latest(vin: string): Promise<readonly TelemetrySample[]>;
  /** Forgets the VIN's streamed data (its last connection ended). */
  forget(vin: string): Promise<void>;
}

function toSample(row: Selectable<VehicleTelemetryTable>): TelemetrySample {
  return { vin: row.vin, field: row.field, value: JSON.parse(row.value) as unknown, createdAt: row.created_at };
}

/** Builds the streamed data repository over `db`. */
export function createVehicleTelemetryRepository(db: Kysely<DatabaseSchema>, deps: { clock: Clock }): VehicleTelemetryRepository {
  return {
    async apply(sample) {
      const createdAt = toIso(new Date(sample.createdAt));
      const before = await db.selectFrom('vehicle_telemetry').selectAll().where('vin', '=', sample.vin).where('field', '=', sample.field).executeTakeFirst();
      const previous = before === undefined ? null : toSample(before);
      if (previous !== null && previous.createdAt >= createdAt) return { applied: false, previous };
      const values = { vin: sample.vin, field: sample.field, value: JSON.stringify(sample.value), created_at: createdAt, received_at: toIso(deps.clock()) };
      const result = await db
        .insertInto('vehicle_telemetry')
        .values(values)
        .onConflict((oc) =>
          oc
            .columns(['vin', 'field'])
            .doUpdateSet({ value: values.value, created_at: values.created_at, received_at: values.received_at })
            // Another process may have stored a newer sample since the read above.
            .where('vehicle_telemetry.created_at', '<', createdAt),
        )
        .executeTakeFirst();
      return { applied: (result.numInsertedOrUpdatedRows ?? 0n) > 0n, previous };
    },

    async latest(vin) {
      const rows = await db.selectFrom('vehicle_telemetry').selectAll().where('vin', '=', vin).orderBy('field').execute();
      return rows.map(toSample);
    },

    async forget(vin) {
      await db.deleteFrom('vehicle_telemetry').where('vin', '=', vin).execute();
    },
  };
}
