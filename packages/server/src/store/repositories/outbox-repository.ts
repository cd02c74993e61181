/** @module Transactional outbox of webhook events: enqueue, claim with a lease, settle, record attempts. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { encodeJson, toIso, type Clock } from '../codec.js';
import { translateConstraintErrors } from '../errors.js';
import type { Dialect } from '../open-database.js';
import type { DatabaseSchema, DeliveryAttemptsTable, OutboxStatus } from '../schema.js';
import { byDueOrder, claimDueRows, createOutboxDeliveryMethods, type OutboxDeliveryMethods } from './outbox-delivery-methods.js';
import { toRecord, type ClaimOptions, type OutboxEventRecord } from './outbox-event-record.js';

export type * from './outbox-delivery-methods.js';
export type * from './outbox-event-record.js';

/** Input of {@link OutboxRepository.enqueue}. */
export interface NewOutboxEvent {
  readonly applicationId: string;
  readonly webhookId: string;
  readonly vehicleId?: string | null;
  readonly eventType: string;
  /** Any JSON-serialisable body. */
  readonly payload: unknown;
  /** Earliest delivery time; default now. */
  readonly availableAt?: Date;
}

/** One HTTP delivery attempt. */
export interface DeliveryAttemptRecord {
  readonly id: string;
  readonly eventId: string;
  readonly attemptedAt: string;
  /** Null when no response arrived (timeout, connection refused). */
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
  readonly responseSnippet: string | null;
}

/** Input of {@link OutboxRepository.recordAttempt}. */
export type NewDeliveryAttempt = Omit<DeliveryAttemptRecord, 'id' | 'attemptedAt'> & { readonly attemptedAt?: Date };

/** Store contract for the outbox (the delivery methods of migration 0005 included). */
export interface OutboxRepository extends OutboxDeliveryMethods {
  /** Adds an event; call it on a transaction-bound repository to commit it with the state it describes. */
  enqueue(input: NewOutboxEvent): Promise<OutboxEventRecord>;
  /**
   * Claims up to `limit` due events (pending and due, or whose lease expired) for one worker and
   * marks them delivering. Concurrent claimers never receive the same event: PostgreSQL skips
   * rows another claim has locked (FOR UPDATE SKIP LOCKED); SQLite claims in one write-locked
   * (immediate) statement transaction.
   */
  claimDue(options: ClaimOptions): Promise<OutboxEventRecord[]>;
  /** Settles a claimed event as delivered; false when the claim was lost to another worker. */
  markDelivered(id: string, workerId: string): Promise<boolean>;
  /** Releases a claimed event for another attempt at `nextAttemptAt`; false when the claim was lost. */
  reschedule(id: string, workerId: string, nextAttemptAt: Date): Promise<boolean>;
  /** Gives up on a claimed event; false when the claim was lost. */
  markDead(id: string, workerId: string): Promise<boolean>;
  findById(id: string): Promise<OutboxEventRecord | null>;
  /** Events of a webhook, newest first. */
  listByWebhook(webhookId: string, limit: number): Promise<OutboxEventRecord[]>;
  /** When the newest event of a vehicle (internal id) was written to the outbox, or null if never. */
  latestCreatedAtForVehicle(vehicleId: string): Promise<string | null>;
  recordAttempt(input: NewDeliveryAttempt): Promise<DeliveryAttemptRecord>;
  /** Attempts of an event, oldest first. */
  listAttempts(eventId: string): Promise<DeliveryAttemptRecord[]>;
}

/** Response bodies are kept only as a short snippet for the dashboard. */
const SNIPPET_MAX_CHARS = 1_000;

function toAttempt(row: Selectable<DeliveryAttemptsTable>): DeliveryAttemptRecord {
  return {
    id: row.id,
    eventId: row.event_id,
    attemptedAt: row.attempted_at,
    statusCode: row.status_code,
    latencyMs: row.latency_ms,
    error: row.error,
    responseSnippet: row.response_snippet,
  };
}

/** Builds the outbox repository over `db`; `dialect` selects the claim strategy. */
export function createOutboxRepository(db: Kysely<DatabaseSchema>, deps: { clock: Clock; dialect: Dialect }): OutboxRepository {
  const { clock } = deps;

  const claimStatement = (options: ClaimOptions) => claimDueRows(db, deps, options);

  const settle = async (id: string, workerId: string, values: { status: OutboxStatus; next_attempt_at?: string; delivered_at?: string }) => {
    const result = await db
      .updateTable('outbox_events')
      .set({ ...values, claimed_by: null, claimed_until: null })
      .where('id', '=', id)
      .where('status', '=', 'delivering')
      .where('claimed_by', '=', workerId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  };

  return {
    ...createOutboxDeliveryMethods(db, deps),

    async enqueue(input) {
      const now = clock();
      const row = await translateConstraintErrors('outbox_events (application_id, webhook_id, vehicle_id)', () =>
        db
          .insertInto('outbox_events')
          .values({
            id: randomUUID(),
            application_id: input.applicationId,
            webhook_id: input.webhookId,
            vehicle_id: input.vehicleId ?? null,
            event_type: input.eventType,
            payload: encodeJson(input.payload),
            next_attempt_at: toIso(input.availableAt ?? now),
            claimed_by: null,
            claimed_until: null,
            created_at: toIso(now),
            delivered_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toRecord(row);
    },

    async claimDue(options) {
      if (!Number.isInteger(options.limit) || options.limit < 1) {
        throw new RangeError(`claimDue: limit must be a positive integer, got ${options.limit}`);
      }
      // One statement on both engines. PostgreSQL: the subquery locks the rows it picks and skips
      // rows another claim holds (FOR UPDATE SKIP LOCKED). SQLite: a writing statement runs in an
      // implicit transaction that takes the write lock before its first read (its bytecode opens
      // with a write `Transaction`), i.e. an immediate transaction, so no other connection can
      // claim in between. An explicit BEGIN IMMEDIATE ... COMMIT would instead hold the lock across
      // awaits, and better-sqlite3's synchronous busy wait in a second connection of the same
      // process would then stall the very event loop the first needs to commit.
      const rows = await claimStatement(options);
      // RETURNING order is unspecified; deliver in due order.
      return rows.map(toRecord).sort(byDueOrder);
    },

    markDelivered: (id, workerId) => settle(id, workerId, { status: 'delivered', delivered_at: toIso(clock()) }),
    reschedule: (id, workerId, nextAttemptAt) => settle(id, workerId, { status: 'pending', next_attempt_at: toIso(nextAttemptAt) }),
    markDead: (id, workerId) => settle(id, workerId, { status: 'dead' }),

    async findById(id) {
      const row = await db.selectFrom('outbox_events').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    async latestCreatedAtForVehicle(vehicleId) {
      const row = await db.selectFrom('outbox_events').select('created_at').where('vehicle_id', '=', vehicleId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
      return row?.created_at ?? null;
    },

    async listByWebhook(webhookId, limit) {
      const rows = await db
        .selectFrom('outbox_events')
        .selectAll()
        .where('webhook_id', '=', webhookId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },

    async recordAttempt(input) {
      const row = await translateConstraintErrors('delivery_attempts.event_id', () =>
        db
          .insertInto('delivery_attempts')
          .values({
            id: randomUUID(),
            event_id: input.eventId,
            attempted_at: toIso(input.attemptedAt ?? clock()),
            status_code: input.statusCode,
            latency_ms: Math.round(input.latencyMs),
            error: input.error,
            response_snippet: input.responseSnippet?.slice(0, SNIPPET_MAX_CHARS) ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toAttempt(row);
    },

    async listAttempts(eventId) {
      const rows = await db
        .selectFrom('delivery_attempts')
        .selectAll()
        .where('event_id', '=', eventId)
        .orderBy('attempted_at')
        .orderBy('id')
        .execute();
      return rows.map(toAttempt);
    },
  };
}
