/** @module The Connect flows that ended: marked once, atomically, so a flow ends exactly once however often its forms are replayed. */
import type { Kysely } from 'kysely';
import { toIso, type Clock } from '../codec.js';
import type { DatabaseSchema } from '../schema.js';

/** Store contract for finished Connect flows. */
export interface FinishedFlowRepository {
  /**
   * Marks the flow finished, to be remembered until `forgetAfter`. True for the caller that ended it;
   * false when it had already ended: of concurrent callers exactly one gets true. Inside a transaction
   * the mark commits (or rolls back) with the rest of the transaction's work.
   */
  finish(flowId: string, forgetAfter: Date): Promise<boolean>;
  /** Whether the flow has ended. */
  isFinished(flowId: string): Promise<boolean>;
}

/** Builds the finished-flow repository over `db`. */
export function createFinishedFlowRepository(db: Kysely<DatabaseSchema>, deps: { clock: Clock }): FinishedFlowRepository {
  return {
    async finish(flowId, forgetAfter) {
      // Flows end rarely (once per Connect visit), so forgetting old marks here is cheap and needs no timer.
      await db.deleteFrom('finished_connect_flows').where('forget_after', '<', toIso(deps.clock())).execute();
      // The primary key decides: ON CONFLICT DO NOTHING inserts for one caller and nothing for the rest.
      const inserted = await db
        .insertInto('finished_connect_flows')
        .values({ flow_id: flowId, forget_after: toIso(forgetAfter) })
        .onConflict((conflict) => conflict.column('flow_id').doNothing())
        .returning('flow_id')
        .executeTakeFirst();
      return inserted !== undefined;
    },

    async isFinished(flowId) {
      const row = await db.selectFrom('finished_connect_flows').select('flow_id').where('flow_id', '=', flowId).executeTakeFirst();
      return row !== undefined;
    },
  };
}
