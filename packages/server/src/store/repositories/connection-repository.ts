/** @module Connections (grants): which user let which application use which vehicle, with what permissions. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { findRevocationReason, type GrantRevocationReason } from '../../catalog/revocation-reasons.js';
import { decodeStringArray, encodeJson, toIso, type Clock } from '../codec.js';
import { translateConstraintErrors } from '../errors.js';
import type { ConnectionsTable, DatabaseSchema, VehicleMode } from '../schema.js';

/** A grant. `revokedAt` is null while it is active. */
export interface ConnectionRecord {
  readonly id: string;
  readonly applicationId: string;
  readonly userId: string;
  /** Internal vehicle id (never shown to the application). */
  readonly vehicleId: string;
  /** The vehicle id this application sees. */
  readonly applicationVehicleId: string;
  readonly permissions: string[];
  readonly mode: VehicleMode;
  readonly connectedAt: string;
  readonly revokedAt: string | null;
  /** Why the grant was revoked; null while it is active, and for grants revoked before reasons were stored. */
  readonly revocationReason: GrantRevocationReason | null;
}

/** Input of {@link ConnectionRepository.create}. */
export interface NewConnection {
  readonly applicationId: string;
  readonly userId: string;
  readonly vehicleId: string;
  readonly permissions: readonly string[];
  readonly mode: VehicleMode;
  /**
   * Pseudonym to use; by default the one this application saw for this vehicle before (so a
   * reconnected vehicle keeps its id), else a new UUID.
   */
  readonly applicationVehicleId?: string;
}

/** Position after the last item of a page, for newest-first keyset paging. */
export interface ConnectionCursor {
  readonly connectedAt: string;
  readonly id: string;
}

/** Options of {@link ConnectionRepository.listByApplication}. */
export interface ListConnectionsOptions {
  /** Page size, a positive integer. */
  readonly limit: number;
  readonly after?: ConnectionCursor;
  readonly userId?: string;
  readonly applicationVehicleId?: string;
  readonly mode?: VehicleMode;
  /** Include revoked grants (history); default false. */
  readonly includeRevoked?: boolean;
}

/** One page of connections; `next` is null on the last page. */
export interface ConnectionPage {
  readonly items: ConnectionRecord[];
  readonly next: ConnectionCursor | null;
}

/** Store contract for connections. */
export interface ConnectionRepository {
  /** Inserts an active grant; a pseudonym already active in the application throws ConstraintViolationError. */
  create(input: NewConnection): Promise<ConnectionRecord>;
  findById(id: string): Promise<ConnectionRecord | null>;
  /** Active grants of one user in one application, oldest first (the Vehicle API's vehicle list). */
  findActiveByApplicationAndUser(applicationId: string, userId: string): Promise<ConnectionRecord[]>;
  /** The active grant behind a vehicle id an application presents. */
  findActiveByApplicationVehicleId(applicationId: string, applicationVehicleId: string): Promise<ConnectionRecord | null>;
  /** Active grants for an internal vehicle across applications (event fan-out). */
  listActiveByVehicle(vehicleId: string): Promise<ConnectionRecord[]>;
  /** Grants of an application, newest first, keyset-paged on (connectedAt, id). */
  listByApplication(applicationId: string, options: ListConnectionsOptions): Promise<ConnectionPage>;
  /**
   * The most recently revoked grant on an application vehicle id, to tell a caller refused on it why;
   * null when none was revoked.
   */
  findLatestRevokedByApplicationVehicleId(applicationId: string, applicationVehicleId: string): Promise<ConnectionRecord | null>;
  /** Revokes one grant, recording `reason`; returns it, or null when it was not active. */
  revoke(id: string, reason: GrantRevocationReason): Promise<ConnectionRecord | null>;
  /** Revokes the active grant(s) on one application vehicle id, recording `reason`; returns what was revoked. */
  revokeForApplicationVehicle(applicationId: string, applicationVehicleId: string, reason: GrantRevocationReason): Promise<ConnectionRecord[]>;
  /** Revokes every active grant of a user in an application, recording `reason`; returns what was revoked. */
  revokeForUser(applicationId: string, userId: string, reason: GrantRevocationReason): Promise<ConnectionRecord[]>;
}

function toRecord(row: Selectable<ConnectionsTable>): ConnectionRecord {
  return {
    id: row.id,
    applicationId: row.application_id,
    userId: row.user_id,
    vehicleId: row.vehicle_id,
    applicationVehicleId: row.application_vehicle_id,
    permissions: decodeStringArray(row.permissions, 'connections.permissions'),
    mode: row.mode,
    connectedAt: row.connected_at,
    revokedAt: row.revoked_at,
    revocationReason: row.revocation_reason === null ? null : grantReason(row.revocation_reason),
  };
}

/** A stored grant reason; null for a value this version does not know, or one that revokes tokens. */
function grantReason(value: string): GrantRevocationReason | null {
  const entry = findRevocationReason(value);
  return entry?.revokes === 'grant' ? entry.reason : null;
}

/** Builds the connection repository over `db`. */
export function createConnectionRepository(db: Kysely<DatabaseSchema>, deps: { clock: Clock }): ConnectionRepository {
  const { clock } = deps;
  const active = () => db.selectFrom('connections').selectAll().where('revoked_at', 'is', null);
  const revokeWhere = async (reason: GrantRevocationReason, filter: { id?: string; applicationId?: string; userId?: string; applicationVehicleId?: string }) => {
    let query = db.updateTable('connections').set({ revoked_at: toIso(clock()), revocation_reason: reason }).where('revoked_at', 'is', null);
    if (filter.id !== undefined) query = query.where('id', '=', filter.id);
    if (filter.applicationId !== undefined) query = query.where('application_id', '=', filter.applicationId);
    if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
    if (filter.applicationVehicleId !== undefined) query = query.where('application_vehicle_id', '=', filter.applicationVehicleId);
    const rows = await query.returningAll().execute();
    return rows.map(toRecord);
  };

  return {
    async create(input) {
      let applicationVehicleId = input.applicationVehicleId;
      if (applicationVehicleId === undefined) {
        const previous = await db
          .selectFrom('connections')
          .select('application_vehicle_id')
          .where('application_id', '=', input.applicationId)
          .where('vehicle_id', '=', input.vehicleId)
          .orderBy('connected_at', 'desc')
          .limit(1)
          .executeTakeFirst();
        applicationVehicleId = previous?.application_vehicle_id ?? randomUUID();
      }
      const row = await translateConstraintErrors('connections (application_id, application_vehicle_id)', () =>
        db
          .insertInto('connections')
          .values({
            id: randomUUID(),
            application_id: input.applicationId,
            user_id: input.userId,
            vehicle_id: input.vehicleId,
            application_vehicle_id: applicationVehicleId,
            permissions: encodeJson(input.permissions),
            mode: input.mode,
            connected_at: toIso(clock()),
            revoked_at: null,
            revocation_reason: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toRecord(row);
    },

    async findById(id) {
      const row = await db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    async findActiveByApplicationAndUser(applicationId, userId) {
      const rows = await active()
        .where('application_id', '=', applicationId)
        .where('user_id', '=', userId)
        .orderBy('connected_at')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },

    async findActiveByApplicationVehicleId(applicationId, applicationVehicleId) {
      const row = await active()
        .where('application_id', '=', applicationId)
        .where('application_vehicle_id', '=', applicationVehicleId)
        .executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    async listActiveByVehicle(vehicleId) {
      const rows = await active().where('vehicle_id', '=', vehicleId).orderBy('connected_at').orderBy('id').execute();
      return rows.map(toRecord);
    },

    async listByApplication(applicationId, options) {
      if (!Number.isInteger(options.limit) || options.limit < 1) {
        throw new RangeError(`listByApplication: limit must be a positive integer, got ${options.limit}`);
      }
      let query = db.selectFrom('connections').selectAll().where('application_id', '=', applicationId);
      if (options.includeRevoked !== true) query = query.where('revoked_at', 'is', null);
      if (options.userId !== undefined) query = query.where('user_id', '=', options.userId);
      if (options.applicationVehicleId !== undefined) query = query.where('application_vehicle_id', '=', options.applicationVehicleId);
      if (options.mode !== undefined) query = query.where('mode', '=', options.mode);
      const after = options.after;
      if (after !== undefined) {
        // Strictly after the cursor in (connected_at desc, id desc) order; the id breaks ties.
        query = query.where((eb) =>
          eb.or([
            eb('connected_at', '<', after.connectedAt),
            eb.and([eb('connected_at', '=', after.connectedAt), eb('id', '<', after.id)]),
          ]),
        );
      }
      // One extra row tells whether another page exists without a COUNT.
      const rows = await query.orderBy('connected_at', 'desc').orderBy('id', 'desc').limit(options.limit + 1).execute();
      const items = rows.slice(0, options.limit).map(toRecord);
      const last = items.at(-1);
      const next = rows.length > options.limit && last !== undefined ? { connectedAt: last.connectedAt, id: last.id } : null;
      return { items, next };
    },

    async findLatestRevokedByApplicationVehicleId(applicationId, applicationVehicleId) {
      const row = await db
        .selectFrom('connections')
        .selectAll()
        .where('application_id', '=', applicationId)
        .where('application_vehicle_id', '=', applicationVehicleId)
        .where('revoked_at', 'is not', null)
        .orderBy('revoked_at', 'desc')
        .orderBy('connected_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    async revoke(id, reason) {
      const [revoked] = await revokeWhere(reason, { id });
      return revoked ?? null;
    },

    revokeForApplicationVehicle: (applicationId, applicationVehicleId, reason) => revokeWhere(reason, { applicationId, applicationVehicleId }),
    revokeForUser: (applicationId, userId, reason) => revokeWhere(reason, { applicationId, userId }),
  };
}
