/** @module Appends one entry to an application's lifecycle timeline, numbered after the entries before it. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { LifecycleState } from '../../catalog/application-lifecycle.js';
import type { DatabaseSchema } from '../schema.js';

/** One timeline entry to write; `from` is null for the entry that registered the application. */
export interface TransitionEntry {
  readonly applicationId: string;
  readonly from: LifecycleState | null;
  readonly to: LifecycleState;
  /** A catalog action, or `create` for the registration. */
  readonly action: string;
  readonly actor: string;
  readonly reason: string | null;
  readonly at: string;
}

/**
 * Writes `entry` with the next sequence number of its application. Call it inside the transaction
 * that changed the state: the state change serialises writers, so the numbers never collide.
 */
export async function appendTransition(trx: Kysely<DatabaseSchema>, entry: TransitionEntry): Promise<void> {
  const last = await trx
    .selectFrom('lifecycle_transitions')
    .select((eb) => eb.fn.max('sequence').as('sequence'))
    .where('application_id', '=', entry.applicationId)
    .executeTakeFirst();
  await trx
    .insertInto('lifecycle_transitions')
    .values({
      id: randomUUID(),
      application_id: entry.applicationId,
      from_state: entry.from,
      to_state: entry.to,
      action: entry.action,
      actor: entry.actor,
      reason: entry.reason,
      at: entry.at,
      sequence: (last?.sequence ?? 0) + 1,
    })
    .execute();
}
