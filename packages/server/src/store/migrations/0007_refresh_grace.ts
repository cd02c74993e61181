/** @module Migration 0007: the encrypted successor pair that lets a repeated refresh within the grace window get the same answer. */
import type { Kysely, Migration } from 'kysely';

/**
 * Tokens are stored hashed, so the pair a refresh produced cannot be shown again from hashes alone;
 * it is kept encrypted on the rotated row for the short grace window (clients retry refreshes whose
 * response they lost).
 */
export const refreshGrace: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('tokens').addColumn('successor_encrypted', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('tokens').dropColumn('successor_encrypted').execute();
  },
};
