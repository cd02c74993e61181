/** @module The outbox as webhook delivery uses it: idempotent enqueue, claims that see failure counts, failure settling, and the delivery log. */
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Selectable } from 'kysely';
import { encodeJson, isoAfter, toIso, type Clock } from '../codec.js';
import { translateConstraintErrors } from '../errors.js';
import type { Dialect } from '../open-database.js';
import type { DatabaseSchema, OutboxEventsTable, OutboxStatus } from '../schema.js';
import { toRecord, type ClaimOptions, type OutboxEventRecord } from './outbox-event-record.js';
import { settleDeliveryBatch, type DeliverySettlement } from './outbox-settle-batch.js';

export type { DeliverySettlement, SettledAttempt } from './outbox-settle-batch.js';

/** An outbox event with the delivery bookkeeping of migration 0005. */
export interface WebhookDeliveryRecord extends OutboxEventRecord {
  /** What makes the event unique (null for replays and plain enqueues). */
  readonly dedupeKey: string | null;
  /** The vehicle id the receiving application knows. */
  readonly applicationVehicleId: string | null;
  /** Failed HTTP attempts so far (claims interrupted by a crash are not counted). */
  readonly failedAttempts: number;
  /** The delivery this one replays. */
  readonly replayOf: string | null;
}

/**
 * A delivery as a claim hands it to a worker: the body as stored, the exact bytes to send and sign
 * (stored as compact JSON), so it is neither parsed nor serialised again on the way out.
 */
export interface ClaimedDelivery extends Omit<WebhookDeliveryRecord, 'payload'> {
  readonly body: string;
}

/** Input of {@link OutboxDeliveryMethods.enqueueDelivery}. */
export interface NewWebhookDelivery {
  /** Id to use (the delivery body may carry it); default a new UUID. */
  readonly id?: string;
  readonly applicationId: string;
  readonly webhookId: string;
  readonly vehicleId?: string | null;
  readonly applicationVehicleId?: string | null;
  readonly eventType: string;
  /** Any JSON-serialisable body. */
  readonly payload: unknown;
  readonly dedupeKey?: string | null;
  readonly replayOf?: string | null;
  /** Earliest delivery time; default now. */
  readonly availableAt?: Date;
}

/** Position after the last item of a newest-first page. */
export interface DeliveryCursor {
  readonly createdAt: string;
  readonly id: string;
}

/**
 * Filters of {@link OutboxDeliveryMethods.listDeliveries}. The application must always be stated
 * (tenant scope): null, every application, is the operator's view and never the Management API's.
 */
export interface DeliveryListFilter {
  readonly applicationId: string | null;
  readonly webhookId?: string;
  readonly applicationVehicleId?: string;
  readonly status?: OutboxStatus;
  /** Page size, a positive integer. */
  readonly limit: number;
  readonly after?: DeliveryCursor;
}

/** One page of deliveries; `next` is null on the last page. */
export interface DeliveryPage {
  readonly items: WebhookDeliveryRecord[];
  readonly next: DeliveryCursor | null;
}

/** Delivery-specific outbox methods (part of the outbox repository). */
export interface OutboxDeliveryMethods {
  /**
   * Inserts a delivery unless one with the same `dedupeKey` exists. Returns the new delivery, or
   * null when the key was already taken (by an earlier insert, or by another process just now).
   */
  enqueueDelivery(input: NewWebhookDelivery): Promise<WebhookDeliveryRecord | null>;
  /**
   * Inserts many deliveries in one statement (atomically), skipping those whose `dedupeKey` is taken;
   * returns how many were new.
   */
  enqueueDeliveries(inputs: readonly NewWebhookDelivery[]): Promise<number>;
  /** Which of `keys` are already taken. */
  existingDedupeKeys(keys: readonly string[]): Promise<Set<string>>;
  /** {@link OutboxRepository.claimDue}, returning the delivery bookkeeping too. */
  claimDueDeliveries(options: ClaimOptions): Promise<ClaimedDelivery[]>;
  /**
   * Settles a claimed delivery after a failed attempt: counts the failure and offers it again at
   * `nextAttemptAt`, or dead-letters it when that is null. False when the claim was lost.
   */
  recordFailure(id: string, workerId: string, nextAttemptAt: Date | null): Promise<boolean>;
  /**
   * Settles a batch of claimed deliveries in one transaction (attempts logged, outcomes applied);
   * returns the ids whose claim `workerId` still held. The others were lost to another worker.
   */
  settleDeliveries(workerId: string, settlements: readonly DeliverySettlement[]): Promise<Set<string>>;
  /** One delivery of an application. */
  findDelivery(applicationId: string, id: string): Promise<WebhookDeliveryRecord | null>;
  /** Deliveries of an application (or of all), newest first, keyset-paged on (createdAt, id). */
  listDeliveries(filter: DeliveryListFilter): Promise<DeliveryPage>;
}

/** Maps a row with the 0005 columns. */
export function toDeliveryRecord(row: Selectable<OutboxEventsTable>): WebhookDeliveryRecord {
  return {
    ...toRecord(row),
    dedupeKey: row.dedupe_key,
    applicationVehicleId: row.application_vehicle_id,
    failedAttempts: row.failed_attempts,
    replayOf: row.replay_of,
  };
}

function toClaimedDelivery(row: Selectable<OutboxEventsTable>): ClaimedDelivery {
  return {
    id: row.id,
    applicationId: row.application_id,
    webhookId: row.webhook_id,
    vehicleId: row.vehicle_id,
    eventType: row.event_type,
    body: row.payload,
    status: row.status,
    attemptCount: row.attempt_count,
    nextAttemptAt: row.next_attempt_at,
    claimedBy: row.claimed_by,
    claimedUntil: row.claimed_until,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    dedupeKey: row.dedupe_key,
    applicationVehicleId: row.application_vehicle_id,
    failedAttempts: row.failed_attempts,
    replayOf: row.replay_of,
  };
}

interface Dependencies {
  readonly clock: Clock;
  readonly dialect: Dialect;
}

/**
 * Claims up to `limit` due rows in one statement on both engines: pending rows that are due, and
 * claimed rows whose lease expired (their worker died). Each kind is read in due order off its own
 * index, at most `limit` rows each, so a claim costs the rows it takes rather than the whole backlog.
 * PostgreSQL: both reads lock the rows they pick and skip rows another claim holds (FOR UPDATE SKIP
 * LOCKED); rows read but not taken are released when the statement commits. SQLite: a writing
 * statement takes the write lock before its first read, so no other connection claims in between.
 */
export function claimDueRows(db: Kysely<DatabaseSchema>, deps: Dependencies, options: ClaimOptions): Promise<Selectable<OutboxEventsTable>[]> {
  if (!Number.isInteger(options.limit) || options.limit < 1) {
    throw new RangeError(`claimDue: limit must be a positive integer, got ${options.limit}`);
  }
  const now = deps.clock();
  const nowIso = toIso(now);
  const locked = deps.dialect === 'postgres';
  return db
    .with('pending_due', (qc) =>
      qc
        .selectFrom('outbox_events')
        .select(['id', 'next_attempt_at'])
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', nowIso)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(options.limit)
        .$if(locked, (qb) => qb.forUpdate().skipLocked()),
    )
    .with('lease_expired', (qc) =>
      qc
        .selectFrom('outbox_events')
        .select(['id', 'next_attempt_at'])
        .where('status', '=', 'delivering')
        .where('claimed_until', '<=', nowIso)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(options.limit)
        .$if(locked, (qb) => qb.forUpdate().skipLocked()),
    )
    .updateTable('outbox_events')
    .set((eb) => ({
      status: 'delivering',
      claimed_by: options.workerId,
      claimed_until: isoAfter(now, options.leaseSeconds),
      attempt_count: eb('attempt_count', '+', 1),
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom((from) => from.selectFrom('pending_due').select(['id', 'next_attempt_at']).unionAll(from.selectFrom('lease_expired').select(['id', 'next_attempt_at'])).as('due'))
        .select('due.id')
        .orderBy('due.next_attempt_at')
        .orderBy('due.id')
        .limit(options.limit),
    )
    .returningAll()
    .execute();
}

/** Orders rows by due time, then id (RETURNING order is unspecified). */
export function byDueOrder<T extends { readonly nextAttemptAt: string; readonly id: string }>(a: T, b: T): number {
  const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return compare(a.nextAttemptAt, b.nextAttemptAt) || compare(a.id, b.id);
}

/** Rows per insert statement: 14 parameters a row stays far below SQLite's bound on parameters. */
const INSERT_CHUNK = 500;

/** The row of a new delivery, created at `now`. */
function newDeliveryRow(input: NewWebhookDelivery, now: Date): Insertable<OutboxEventsTable> {
  return {
    id: input.id ?? randomUUID(),
    application_id: input.applicationId,
    webhook_id: input.webhookId,
    vehicle_id: input.vehicleId ?? null,
    application_vehicle_id: input.applicationVehicleId ?? null,
    event_type: input.eventType,
    payload: encodeJson(input.payload),
    next_attempt_at: toIso(input.availableAt ?? now),
    claimed_by: null,
    claimed_until: null,
    created_at: toIso(now),
    delivered_at: null,
    dedupe_key: input.dedupeKey ?? null,
    replay_of: input.replayOf ?? null,
  };
}

/** Builds the delivery methods over `db`. */
export function createOutboxDeliveryMethods(db: Kysely<DatabaseSchema>, deps: Dependencies): OutboxDeliveryMethods {
  const { clock } = deps;
  const insertSkippingTaken = (rows: Insertable<OutboxEventsTable>[], handle: Kysely<DatabaseSchema> = db) =>
    handle
      .insertInto('outbox_events')
      .values(rows)
      .onConflict((oc) => oc.column('dedupe_key').doNothing());
  return {
    async enqueueDelivery(input) {
      const row = await translateConstraintErrors('outbox_events (application_id, webhook_id, vehicle_id)', () =>
        insertSkippingTaken([newDeliveryRow(input, clock())]).returningAll().executeTakeFirst(),
      );
      return row === undefined ? null : toDeliveryRecord(row);
    },

    async enqueueDeliveries(inputs) {
      if (inputs.length === 0) return 0;
      const now = clock();
      const rows = inputs.map((input) => newDeliveryRow(input, now));
      const insert = async (handle: Kysely<DatabaseSchema>) => {
        let created = 0;
        for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
          const result = await insertSkippingTaken(rows.slice(start, start + INSERT_CHUNK), handle).executeTakeFirst();
          created += Number(result.numInsertedOrUpdatedRows ?? 0n);
        }
        return created;
      };
      // One statement is atomic by itself; more need a transaction to stay all-or-nothing.
      return translateConstraintErrors('outbox_events (application_id, webhook_id, vehicle_id)', () =>
        rows.length <= INSERT_CHUNK || db.isTransaction ? insert(db) : db.transaction().execute(insert),
      );
    },

    async existingDedupeKeys(keys) {
      if (keys.length === 0) return new Set();
      const rows = await db.selectFrom('outbox_events').select('dedupe_key').where('dedupe_key', 'in', [...keys]).execute();
      return new Set(rows.map((row) => row.dedupe_key).filter((key) => key !== null));
    },

    async claimDueDeliveries(options) {
      const rows = await claimDueRows(db, deps, options);
      return rows.map(toClaimedDelivery).sort(byDueOrder);
    },

    async recordFailure(id, workerId, nextAttemptAt) {
      const result = await db
        .updateTable('outbox_events')
        .set((eb) => ({
          status: nextAttemptAt === null ? 'dead' : 'pending',
          ...(nextAttemptAt === null ? {} : { next_attempt_at: toIso(nextAttemptAt) }),
          failed_attempts: eb('failed_attempts', '+', 1),
          claimed_by: null,
          claimed_until: null,
        }))
        .where('id', '=', id)
        .where('status', '=', 'delivering')
        .where('claimed_by', '=', workerId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    settleDeliveries: (workerId, settlements) => settleDeliveryBatch(db, clock, workerId, settlements),

    async findDelivery(applicationId, id) {
      const row = await db.selectFrom('outbox_events').selectAll().where('id', '=', id).where('application_id', '=', applicationId).executeTakeFirst();
      return row === undefined ? null : toDeliveryRecord(row);
    },

    async listDeliveries(filter) {
      if (!Number.isInteger(filter.limit) || filter.limit < 1) {
        throw new RangeError(`listDeliveries: limit must be a positive integer, got ${filter.limit}`);
      }
      let query = db.selectFrom('outbox_events').selectAll();
      if (filter.applicationId !== null) query = query.where('application_id', '=', filter.applicationId);
      if (filter.webhookId !== undefined) query = query.where('webhook_id', '=', filter.webhookId);
      if (filter.applicationVehicleId !== undefined) query = query.where('application_vehicle_id', '=', filter.applicationVehicleId);
      if (filter.status !== undefined) query = query.where('status', '=', filter.status);
      const after = filter.after;
      if (after !== undefined) {
        query = query.where((eb) =>
          eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]),
        );
      }
      // One extra row tells whether another page exists without a COUNT.
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1).execute();
      const items = rows.slice(0, filter.limit).map(toDeliveryRecord);
      const last = items.at(-1);
      return { items, next: rows.length > filter.limit && last !== undefined ? { createdAt: last.createdAt, id: last.id } : null };
    },
  };
}
