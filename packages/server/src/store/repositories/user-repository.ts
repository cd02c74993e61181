/** @module Users: an owner account as one application sees it (the Smartcar `user` id), one per pair. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { toIso, type Clock } from '../codec.js';
import { translateConstraintErrors } from '../errors.js';
import type { DatabaseSchema, UsersTable } from '../schema.js';

/** A user of one application. */
export interface UserRecord {
  readonly id: string;
  readonly applicationId: string;
  readonly ownerAccountId: string;
  readonly createdAt: string;
}

/** Store contract for users. */
export interface UserRepository {
  /** Inserts a user; a second one for the same (application, owner account) throws ConstraintViolationError. */
  create(applicationId: string, ownerAccountId: string): Promise<UserRecord>;
  /** The user of this owner account in this application, created on first consent. */
  findOrCreate(applicationId: string, ownerAccountId: string): Promise<UserRecord>;
  findById(id: string): Promise<UserRecord | null>;
  findByApplicationAndOwner(applicationId: string, ownerAccountId: string): Promise<UserRecord | null>;
  /** Users of an application, oldest first. */
  listByApplication(applicationId: string): Promise<UserRecord[]>;
  /** Every application's user for one owner account, oldest first (the owner's own view of who holds access). */
  listByOwnerAccount(ownerAccountId: string): Promise<UserRecord[]>;
}

function toRecord(row: Selectable<UsersTable>): UserRecord {
  return { id: row.id, applicationId: row.application_id, ownerAccountId: row.owner_account_id, createdAt: row.created_at };
}

/** Builds the user repository over `db`. */
export function createUserRepository(db: Kysely<DatabaseSchema>, deps: { clock: Clock }): UserRepository {
  const values = (applicationId: string, ownerAccountId: string) => ({
    id: randomUUID(),
    application_id: applicationId,
    owner_account_id: ownerAccountId,
    created_at: toIso(deps.clock()),
  });

  return {
    async create(applicationId, ownerAccountId) {
      const row = await translateConstraintErrors('users (application_id, owner_account_id)', () =>
        db.insertInto('users').values(values(applicationId, ownerAccountId)).returningAll().executeTakeFirstOrThrow(),
      );
      return toRecord(row);
    },

    async findOrCreate(applicationId, ownerAccountId) {
      // The no-op update makes RETURNING yield the existing row, in one race-free statement.
      const row = await translateConstraintErrors('users (application_id, owner_account_id)', () =>
        db
          .insertInto('users')
          .values(values(applicationId, ownerAccountId))
          .onConflict((oc) =>
            oc.columns(['application_id', 'owner_account_id']).doUpdateSet((eb) => ({ owner_account_id: eb.ref('excluded.owner_account_id') })),
          )
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toRecord(row);
    },

    async findById(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    async findByApplicationAndOwner(applicationId, ownerAccountId) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('application_id', '=', applicationId)
        .where('owner_account_id', '=', ownerAccountId)
        .executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    async listByOwnerAccount(ownerAccountId) {
      const rows = await db.selectFrom('users').selectAll().where('owner_account_id', '=', ownerAccountId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toRecord);
    },

    async listByApplication(applicationId) {
      const rows = await db
        .selectFrom('users')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },
  };
}
