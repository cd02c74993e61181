/** @module Vehicles as providers know them; internal ids never leave Carport (applications see pseudonyms). */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { toIso, type Clock } from '../codec.js';
import { translateConstraintErrors } from '../errors.js';
import type { DatabaseSchema, VehicleMode, VehiclesTable } from '../schema.js';

/** A vehicle. */
export interface VehicleRecord {
  readonly id: string;
  readonly ownerAccountId: string | null;
  readonly make: string;
  readonly providerVehicleId: string;
  readonly vin: string | null;
  readonly model: string | null;
  readonly year: number | null;
  readonly mode: VehicleMode;
  readonly createdAt: string;
  /** The provider that linked the vehicle and serves it (the registry routes by it). */
  readonly providerId: string;
}

/** Identity of a vehicle at its provider, plus descriptive attributes. */
export interface VehicleInput {
  readonly make: string;
  readonly providerVehicleId: string;
  readonly mode: VehicleMode;
  readonly ownerAccountId?: string | null;
  readonly vin?: string | null;
  readonly model?: string | null;
  readonly year?: number | null;
  /** The provider that lists the vehicle; default `simulated` (every vehicle's provider before providers were recorded). */
  readonly providerId?: string;
}

/** Store contract for vehicles. */
export interface VehicleRepository {
  /** Inserts a vehicle; a duplicate (make, mode, providerVehicleId) throws ConstraintViolationError. */
  create(input: VehicleInput): Promise<VehicleRecord>;
  /**
   * Returns the vehicle for this identity, creating it or updating its owner and any attribute
   * given (attributes left undefined/null keep their stored values). A provider id given replaces
   * the stored one: the provider that just listed the vehicle serves it from now on.
   */
  upsert(input: VehicleInput): Promise<VehicleRecord>;
  findById(id: string): Promise<VehicleRecord | null>;
  findByProviderVehicle(make: string, mode: VehicleMode, providerVehicleId: string): Promise<VehicleRecord | null>;
  /** Vehicles of one owner account, oldest first. */
  listByOwnerAccount(ownerAccountId: string): Promise<VehicleRecord[]>;
  /** Vehicles with this VIN in any mode and make, oldest first (the operator's lookup; not on a hot path). */
  listByVin(vin: string): Promise<VehicleRecord[]>;
  /** Vehicles any application sees under this Vehicle API id, connected now or before, oldest first. */
  listByApplicationVehicleId(applicationVehicleId: string): Promise<VehicleRecord[]>;
  /** Every vehicle ever connected, in any mode, oldest first (the operator's listing; not on a hot path). */
  listAll(): Promise<VehicleRecord[]>;
}

/** The provider of vehicles stored without one: the simulated provider, as migration 0013 backfills. */
const DEFAULT_PROVIDER_ID = 'simulated';

function toRecord(row: Selectable<VehiclesTable>): VehicleRecord {
  return {
    id: row.id,
    ownerAccountId: row.owner_account_id,
    make: row.make,
    providerVehicleId: row.provider_vehicle_id,
    vin: row.vin,
    model: row.model,
    year: row.year,
    mode: row.mode,
    createdAt: row.created_at,
    providerId: row.provider_id,
  };
}

/** Builds the vehicle repository over `db`. */
export function createVehicleRepository(db: Kysely<DatabaseSchema>, deps: { clock: Clock }): VehicleRepository {
  const values = (input: VehicleInput) => ({
    id: randomUUID(),
    owner_account_id: input.ownerAccountId ?? null,
    make: input.make,
    provider_vehicle_id: input.providerVehicleId,
    vin: input.vin ?? null,
    model: input.model ?? null,
    year: input.year ?? null,
    mode: input.mode,
    created_at: toIso(deps.clock()),
    provider_id: input.providerId ?? DEFAULT_PROVIDER_ID,
  });

  return {
    async create(input) {
      const row = await translateConstraintErrors('vehicles (make, mode, provider_vehicle_id)', () =>
        db.insertInto('vehicles').values(values(input)).returningAll().executeTakeFirstOrThrow(),
      );
      return toRecord(row);
    },

    async upsert(input) {
      const row = await translateConstraintErrors('vehicles.owner_account_id', () =>
        db
          .insertInto('vehicles')
          .values(values(input))
          .onConflict((oc) =>
            oc.columns(['make', 'mode', 'provider_vehicle_id']).doUpdateSet((eb) => ({
              owner_account_id: eb.fn.coalesce(eb.ref('excluded.owner_account_id'), eb.ref('vehicles.owner_account_id')),
              vin: eb.fn.coalesce(eb.ref('excluded.vin'), eb.ref('vehicles.vin')),
              model: eb.fn.coalesce(eb.ref('excluded.model'), eb.ref('vehicles.model')),
              year: eb.fn.coalesce(eb.ref('excluded.year'), eb.ref('vehicles.year')),
              ...(input.providerId === undefined ? {} : { provider_id: eb.ref('excluded.provider_id') }),
            })),
          )
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toRecord(row);
    },

    async findById(id) {
      const row = await db.selectFrom('vehicles').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    async findByProviderVehicle(make, mode, providerVehicleId) {
      const row = await db
        .selectFrom('vehicles')
        .selectAll()
        .where('make', '=', make)
        .where('mode', '=', mode)
        .where('provider_vehicle_id', '=', providerVehicleId)
        .executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    async listByOwnerAccount(ownerAccountId) {
      const rows = await db
        .selectFrom('vehicles')
        .selectAll()
        .where('owner_account_id', '=', ownerAccountId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },

    async listAll() {
      const rows = await db.selectFrom('vehicles').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(toRecord);
    },

    async listByVin(vin) {
      const rows = await db.selectFrom('vehicles').selectAll().where('vin', '=', vin).orderBy('created_at').orderBy('id').execute();
      return rows.map(toRecord);
    },

    async listByApplicationVehicleId(applicationVehicleId) {
      const rows = await db
        .selectFrom('vehicles')
        .selectAll()
        .where('id', 'in', db.selectFrom('connections').select('vehicle_id').where('application_vehicle_id', '=', applicationVehicleId))
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },
  };
}
