/** @module Command answers remembered by Idempotency-Key, per application, claimed atomically so a key runs its command once. */
import type { Kysely } from 'kysely';
import { toIso, type Clock } from '../codec.js';
import { translateConstraintErrors } from '../errors.js';
import type { DatabaseSchema } from '../schema.js';

/** A remembered answer. */
export interface RememberedAnswer {
  readonly statusCode: number;
  readonly body: unknown;
}

/** What claiming a key found. */
export type IdempotencyClaim =
  /** The key is new: run the command, then `complete` (or `release` to let a retry run it). */
  | { readonly status: 'claimed' }
  /** The key already answered this same request: send this answer again. */
  | { readonly status: 'replay'; readonly answer: RememberedAnswer }
  /** The first request with this key is still running. */
  | { readonly status: 'in_progress' }
  /** The key was used for a different request. */
  | { readonly status: 'mismatch' };

export interface IdempotencyRepository {
  /** Claims `key` for a request, unless a claim younger than `ttlSeconds` exists; an unknown application throws ConstraintViolationError. */
  claim(applicationId: string, key: string, fingerprint: string, ttlSeconds: number): Promise<IdempotencyClaim>;
  /** Stores the answer of a claimed key. */
  complete(applicationId: string, key: string, answer: RememberedAnswer): Promise<void>;
  /** Forgets a claim whose command failed in a way a retry may fix. */
  release(applicationId: string, key: string): Promise<void>;
}

export function createIdempotencyRepository(db: Kysely<DatabaseSchema>, deps: { clock: Clock }): IdempotencyRepository {
  return {
    async claim(applicationId, key, fingerprint, ttlSeconds) {
      const now = deps.clock();
      const expiredBefore = toIso(new Date(now.getTime() - ttlSeconds * 1000));
      // An expired claim frees the key for a new request.
      await db.deleteFrom('idempotency_keys').where('application_id', '=', applicationId).where('idempotency_key', '=', key).where('created_at', '<', expiredBefore).execute();
      const inserted = await translateConstraintErrors('idempotency_keys.application_id', () =>
        db
          .insertInto('idempotency_keys')
          .values({ application_id: applicationId, idempotency_key: key, request_fingerprint: fingerprint, status_code: null, response_body: null, created_at: toIso(now) })
          .onConflict((conflict) => conflict.columns(['application_id', 'idempotency_key']).doNothing())
          .returning('idempotency_key')
          .executeTakeFirst(),
      );
      if (inserted !== undefined) return { status: 'claimed' };
      const existing = await db.selectFrom('idempotency_keys').selectAll().where('application_id', '=', applicationId).where('idempotency_key', '=', key).executeTakeFirst();
      if (existing === undefined) return { status: 'in_progress' };
      if (existing.request_fingerprint !== fingerprint) return { status: 'mismatch' };
      if (existing.status_code === null) return { status: 'in_progress' };
      return { status: 'replay', answer: { statusCode: existing.status_code, body: JSON.parse(existing.response_body ?? 'null') as unknown } };
    },

    async complete(applicationId, key, answer) {
      await db
        .updateTable('idempotency_keys')
        .set({ status_code: answer.statusCode, response_body: JSON.stringify(answer.body) })
        .where('application_id', '=', applicationId)
        .where('idempotency_key', '=', key)
        .execute();
    },

    async release(applicationId, key) {
      await db.deleteFrom('idempotency_keys').where('application_id', '=', applicationId).where('idempotency_key', '=', key).where('status_code', 'is', null).execute();
    },
  };
}
