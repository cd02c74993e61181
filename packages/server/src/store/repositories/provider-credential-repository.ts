/**
 * @module Each owner account's manufacturer tokens, encrypted at rest with the secret key. The
 * store knows nothing of OAuth: it keeps what the provider contract's credentials part hands it.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Cipher } from '../../security/encryption.js';
import type { Dialect } from '../open-database.js';
import { toIso, type Clock } from '../codec.js';
import { translateConstraintErrors } from '../errors.js';
import type { DatabaseSchema, ProviderCredentialsTable } from '../schema.js';

/** An owner account's tokens at its manufacturer, decrypted. */
export interface ProviderCredentialRecord {
  readonly ownerAccountId: string;
  readonly providerId: string;
  readonly accessToken: string;
  readonly refreshToken: string | null;
  /** ISO time the access token expires; null when the manufacturer does not say. */
  readonly expiresAt: string | null;
  readonly scopes: readonly string[];
  readonly updatedAt: string;
}

/** What to store for an owner account. */
export interface ProviderCredentialInput {
  readonly ownerAccountId: string;
  readonly providerId: string;
  readonly accessToken: string;
  readonly refreshToken: string | null;
  readonly expiresAt: Date | null;
  readonly scopes: readonly string[];
}

/** Store contract for manufacturer tokens. */
export interface ProviderCredentialRepository {
  /**
   * Stores the account's tokens, replacing any it had (a new link, or a refresh whose rotated
   * refresh token must replace the old one in the same write). An unknown owner account throws
   * ConstraintViolationError.
   */
  save(input: ProviderCredentialInput): Promise<ProviderCredentialRecord>;
  find(ownerAccountId: string): Promise<ProviderCredentialRecord | null>;
  /** Forgets the account's tokens (the owner unlinked, or the manufacturer revoked them); true when there were any. */
  delete(ownerAccountId: string): Promise<boolean>;
  /**
   * Runs `work` as the only refresh of the account's tokens among every process sharing the
   * database, with a repository that reads and writes under that exclusion. PostgreSQL: a
   * transaction holding an advisory lock on the account, so a second process waits and then reads
   * the tokens the first stored. SQLite: its single writer makes each save atomic, and `work`
   * runs without a transaction, because better-sqlite3 would hold the process's one connection
   * (and every other query) for as long as the manufacturer takes to answer.
   */
  withRefreshLock<T>(ownerAccountId: string, work: (credentials: ProviderCredentialRepository) => Promise<T>): Promise<T>;
}

/** The encrypted part of a row. */
interface SecretTokens {
  readonly accessToken: string;
  readonly refreshToken: string | null;
}

function toRecord(row: Selectable<ProviderCredentialsTable>, cipher: Cipher): ProviderCredentialRecord {
  const secret = JSON.parse(cipher.decrypt(row.tokens_encrypted)) as SecretTokens;
  return {
    ownerAccountId: row.owner_account_id,
    providerId: row.provider_id,
    accessToken: secret.accessToken,
    refreshToken: secret.refreshToken,
    expiresAt: row.expires_at,
    scopes: JSON.parse(row.scopes) as string[],
    updatedAt: row.updated_at,
  };
}

/** A lock row's lease: longer than any refresh (a token request times out well before), short enough to outlive a crash by little. */
const LOCK_LEASE_MS = 120_000;
/** How often a refresher waiting for another's lock row looks again. */
const LOCK_POLL_MS = 50;

/**
 * Runs `work` holding the account's lock row (SQLite: one writer at a time, but a transaction held
 * over the manufacturer's answer would stall every other query of the process, so a row with a
 * lease stands in for PostgreSQL's advisory lock). A lease that ran out is taken over; the row is
 * removed when the work ends.
 */
async function withLockRow<T>(db: Kysely<DatabaseSchema>, ownerAccountId: string, work: () => Promise<T>): Promise<T> {
  const holder = randomUUID();
  for (;;) {
    const now = new Date();
    await db.deleteFrom('provider_refresh_locks').where('owner_account_id', '=', ownerAccountId).where('expires_at', '<=', now.toISOString()).execute();
    const taken = await db
      .insertInto('provider_refresh_locks')
      .values({ owner_account_id: ownerAccountId, holder, expires_at: new Date(now.getTime() + LOCK_LEASE_MS).toISOString() })
      .onConflict((conflict) => conflict.column('owner_account_id').doNothing())
      .executeTakeFirst();
    if (Number(taken.numInsertedOrUpdatedRows ?? 0n) === 1) break;
    await delay(LOCK_POLL_MS);
  }
  try {
    return await work();
  } finally {
    await db.deleteFrom('provider_refresh_locks').where('owner_account_id', '=', ownerAccountId).where('holder', '=', holder).execute();
  }
}

/** Builds the manufacturer token repository over `db`. */
export function createProviderCredentialRepository(db: Kysely<DatabaseSchema>, deps: { clock: Clock; cipher: Cipher; dialect: Dialect }): ProviderCredentialRepository {
  const { cipher, clock } = deps;
  const repository: ProviderCredentialRepository = {
    async save(input) {
      const secret: SecretTokens = { accessToken: input.accessToken, refreshToken: input.refreshToken };
      const values = {
        owner_account_id: input.ownerAccountId,
        provider_id: input.providerId,
        tokens_encrypted: cipher.encrypt(JSON.stringify(secret)),
        expires_at: input.expiresAt === null ? null : toIso(input.expiresAt),
        scopes: JSON.stringify(input.scopes),
        updated_at: toIso(clock()),
      };
      const row = await translateConstraintErrors('provider_credentials.owner_account_id', () =>
        db
          .insertInto('provider_credentials')
          .values(values)
          .onConflict((oc) =>
            oc.column('owner_account_id').doUpdateSet({
              provider_id: values.provider_id,
              tokens_encrypted: values.tokens_encrypted,
              expires_at: values.expires_at,
              scopes: values.scopes,
              updated_at: values.updated_at,
            }),
          )
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return toRecord(row, cipher);
    },

    async find(ownerAccountId) {
      const row = await db.selectFrom('provider_credentials').selectAll().where('owner_account_id', '=', ownerAccountId).executeTakeFirst();
      return row === undefined ? null : toRecord(row, cipher);
    },

    async delete(ownerAccountId) {
      const result = await db.deleteFrom('provider_credentials').where('owner_account_id', '=', ownerAccountId).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async withRefreshLock(ownerAccountId, work) {
      if (db.isTransaction) return work(repository);
      if (deps.dialect !== 'postgres') return withLockRow(db, ownerAccountId, () => work(repository));
      return db.transaction().execute(async (trx) => {
        // Released at commit or rollback: a crashed refresher never leaves the account locked.
        await sql`select pg_advisory_xact_lock(hashtextextended(${`carport:provider-credentials:${ownerAccountId}`}, 0))`.execute(trx);
        return work(createProviderCredentialRepository(trx, deps));
      });
    },
  };
  return repository;
}
