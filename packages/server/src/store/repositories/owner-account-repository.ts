/** @module Owner accounts: a vehicle owner's login at a make's provider, one row per (make, mode, account). */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { toIso, type Clock } from '../codec.js';
import { translateConstraintErrors } from '../errors.js';
import type { DatabaseSchema, OwnerAccountsTable, VehicleMode } from '../schema.js';

/** An owner account. */
export interface OwnerAccountRecord {
  readonly id: string;
  readonly make: string;
  readonly providerAccountId: string;
  readonly email: string | null;
  readonly mode: VehicleMode;
  readonly createdAt: string;
}

/** Identity of an owner account at its provider, plus what we learn at login. */
export interface OwnerAccountInput {
  readonly make: string;
  readonly providerAccountId: string;
  readonly mode: VehicleMode;
  readonly email?: string | null;
}

/** Store contract for owner accounts. */
export interface OwnerAccountRepository {
  /** Inserts a new account; a duplicate (make, mode, providerAccountId) throws ConstraintViolationError. */
  create(input: OwnerAccountInput): Promise<OwnerAccountRecord>;
  /** Returns the account for this identity, creating it or refreshing its email (Connect login). */
  upsert(input: OwnerAccountInput): Promise<OwnerAccountRecord>;
  findById(id: string): Promise<OwnerAccountRecord | null>;
  findByProviderAccount(make: string, mode: VehicleMode, providerAccountId: string): Promise<OwnerAccountRecord | null>;
}

function toRecord(row: Selectable<OwnerAccountsTable>): OwnerAccountRecord {
  return {
    id: row.id,
    make: row.make,
    providerAccountId: row.provider_account_id,
    email: row.email,
    mode: row.mode,
    createdAt: row.created_at,
  };
}

/** Builds the owner account repository over `db`. */
export function createOwnerAccountRepository(db: Kysely<DatabaseSchema>, deps: { clock: Clock }): OwnerAccountRepository {
  const values = (input: OwnerAccountInput) => ({
    id: randomUUID(),
    make: input.make,
    provider_account_id: input.providerAccountId,
    email: input.email ?? null,
    mode: input.mode,
    created_at: toIso(deps.clock()),
  });

  return {
    async create(input) {
      const row = await translateConstraintErrors('owner_accounts (make, mode, provider_account_id)', () =>
        db.insertInto('owner_accounts').values(values(input)).returningAll().executeTakeFirstOrThrow(),
      );
      return toRecord(row);
    },

    async upsert(input) {
      const row = await db
        .insertInto('owner_accounts')
        .values(values(input))
        .onConflict((oc) =>
          oc.columns(['make', 'mode', 'provider_account_id']).doUpdateSet((eb) => ({
            // A login without an email must not erase the one we know.
            email: eb.fn.coalesce(eb.ref('excluded.email'), eb.ref('owner_accounts.email')),
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },

    async findById(id) {
      const row = await db.selectFrom('owner_accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    async findByProviderAccount(make, mode, providerAccountId) {
      const row = await db
        .selectFrom('owner_accounts')
        .selectAll()
        .where('make', '=', make)
        .where('mode', '=', mode)
        .where('provider_account_id', '=', providerAccountId)
        .executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },
  };
}
