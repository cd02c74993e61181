/** @module Migration 0006: an application can be suspended (its plan name already lives in `applications.plan`). */
import type { Kysely, Migration } from 'kysely';

/**
 * Suspension is a timestamp rather than a flag so an operator can see since when; null means active.
 * The Vehicle API and Connect answer 430 `BILLING:ACCOUNT_SUSPENDED` while it is set.
 */
export const plans: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('applications').addColumn('suspended_at', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('applications').dropColumn('suspended_at').execute();
  },
};
