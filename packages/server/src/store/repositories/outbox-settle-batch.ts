/** @module Settles many claimed deliveries in one transaction: their attempts logged, their outcomes applied, only where the claim is still held. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { toIso, type Clock } from '../codec.js';
import type { DatabaseSchema } from '../schema.js';
import { atomically } from './transaction.js';

/** The HTTP attempt behind a settlement, as the delivery log keeps it. */
export interface SettledAttempt {
  readonly attemptedAt: Date;
  /** Null when no response arrived (timeout, connection refused). */
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
  readonly responseSnippet: string | null;
}

/**
 * What became of one claimed delivery. `failed` counts a failed attempt and offers the delivery
 * again at `nextAttemptAt`, or dead-letters it when that is null; `held` offers it again later
 * without an attempt (its webhook is disabled or unverified).
 */
export type DeliverySettlement =
  | { readonly id: string; readonly kind: 'delivered'; readonly attempt: SettledAttempt }
  | { readonly id: string; readonly kind: 'failed'; readonly nextAttemptAt: Date | null; readonly attempt: SettledAttempt }
  | { readonly id: string; readonly kind: 'held'; readonly nextAttemptAt: Date };

/** Rows per statement: far below SQLite's bound on parameters (7 per attempt row). */
const CHUNK = 500;

/** Response bodies are kept only as a short snippet for the dashboard. */
const SNIPPET_MAX_CHARS = 1_000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) out.push(items.slice(start, start + CHUNK));
  return out;
}

/**
 * Applies `settlements` of deliveries `workerId` claimed, in one transaction, and returns the ids
 * whose claim was still held (the others were taken over after their lease expired, and their
 * outcome is the new claimer's to apply). Every attempt is logged, even on a lost claim: it
 * happened. An attempt on a delivery deleted meanwhile (its webhook was deleted) is not logged.
 */
export function settleDeliveryBatch(db: Kysely<DatabaseSchema>, clock: Clock, workerId: string, settlements: readonly DeliverySettlement[]): Promise<Set<string>> {
  if (settlements.length === 0) return Promise.resolve(new Set());
  return atomically(db, async (trx) => {
    const settled = new Set<string>();
    const claimedBy = (ids: readonly string[]) =>
      trx.updateTable('outbox_events').where('id', 'in', ids).where('status', '=', 'delivering').where('claimed_by', '=', workerId);

    const deliveredAt = toIso(clock());
    for (const ids of chunks(settlements.filter((settlement) => settlement.kind === 'delivered').map((settlement) => settlement.id))) {
      const rows = await claimedBy(ids).set({ status: 'delivered', delivered_at: deliveredAt, claimed_by: null, claimed_until: null }).returning('id').execute();
      for (const row of rows) settled.add(row.id);
    }
    // Failures and holds are rare and each has its own next time: one statement each.
    for (const settlement of settlements) {
      if (settlement.kind === 'delivered') continue;
      const next = settlement.nextAttemptAt;
      const rows = await claimedBy([settlement.id])
        .set((eb) => ({
          status: next === null ? 'dead' : 'pending',
          ...(next === null ? {} : { next_attempt_at: toIso(next) }),
          ...(settlement.kind === 'failed' ? { failed_attempts: eb('failed_attempts', '+', 1) } : {}),
          claimed_by: null,
          claimed_until: null,
        }))
        .returning('id')
        .execute();
      for (const row of rows) settled.add(row.id);
    }

    // A settled delivery exists; only an attempt on a lost claim (rare) needs its delivery looked up.
    const attempted = settlements.flatMap((settlement) => (settlement.kind === 'held' ? [] : [{ id: settlement.id, attempt: settlement.attempt }]));
    const lost = attempted.filter(({ id }) => !settled.has(id));
    const stillThere = new Set<string>();
    for (const group of chunks(lost)) {
      for (const row of await trx.selectFrom('outbox_events').select('id').where('id', 'in', group.map(({ id }) => id)).execute()) stillThere.add(row.id);
    }
    for (const group of chunks(attempted.filter(({ id }) => settled.has(id) || stillThere.has(id)))) {
      const values = group.map(({ id, attempt }) => ({
        id: randomUUID(),
        event_id: id,
        attempted_at: toIso(attempt.attemptedAt),
        status_code: attempt.statusCode,
        latency_ms: Math.round(attempt.latencyMs),
        error: attempt.error,
        response_snippet: attempt.responseSnippet?.slice(0, SNIPPET_MAX_CHARS) ?? null,
      }));
      await trx.insertInto('delivery_attempts').values(values).execute();
    }
    return settled;
  });
}
