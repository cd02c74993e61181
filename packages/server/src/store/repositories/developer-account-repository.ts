/** @module Developer and operator accounts of the dashboard, their second factor and their password reset links. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Cipher } from '../../security/encryption.js';
import { generateSecret, hashSecret } from '../../security/tokens.js';
import { fromFlag, isoAfter, toFlag, toIso, type Clock } from '../codec.js';
import { translateConstraintErrors } from '../errors.js';
import type { DatabaseSchema, DeveloperAccountsTable } from '../schema.js';

/** An account as the rest of Carport sees it: never its password hash or TOTP secret. */
export interface DeveloperAccountRecord {
  readonly id: string;
  readonly email: string;
  readonly isOperator: boolean;
  readonly hasPassword: boolean;
  /** When the second factor was enabled; null while it is off. */
  readonly mfaEnabledAt: string | null;
  readonly createdAt: string;
}

/** Input of {@link DeveloperAccountRepository.create}; `email` must already be normalised. */
export interface NewDeveloperAccount {
  readonly email: string;
  /** Null for an operator the CLI creates: the password is set through a reset link. */
  readonly passwordHash: string | null;
  readonly isOperator?: boolean;
}

/** Store contract for developer accounts. */
export interface DeveloperAccountRepository {
  /** Throws `ConstraintViolationError('unique')` when the email is taken. */
  create(input: NewDeveloperAccount): Promise<DeveloperAccountRecord>;
  findById(id: string): Promise<DeveloperAccountRecord | null>;
  findByEmail(email: string): Promise<DeveloperAccountRecord | null>;
  /** The stored password hash (for sign-in), or null when there is none or no such account. */
  passwordHashOf(id: string): Promise<string | null>;
  setPassword(id: string, passwordHash: string): Promise<void>;
  setOperator(id: string, isOperator: boolean): Promise<void>;
  /** Stores a TOTP secret not yet enabled (enrolment), replacing any pending one. */
  setPendingTotpSecret(id: string, secret: string): Promise<void>;
  /** The TOTP secret in clear text (pending or enabled), or null. */
  revealTotpSecret(id: string): Promise<string | null>;
  /** Enables the second factor and replaces the recovery codes with these hashes. */
  enableMfa(id: string, recoveryCodeHashes: readonly string[]): Promise<void>;
  /** Turns the second factor off and forgets its secret and recovery codes. */
  disableMfa(id: string): Promise<void>;
  /** Marks a recovery code used; true only the first time it is presented. */
  useRecoveryCode(id: string, codeHash: string): Promise<boolean>;
  /** A one-time password link token for the account (its hash is stored), valid for `ttlSeconds`. */
  issuePasswordResetToken(id: string, ttlSeconds: number): Promise<string>;
  /** The account a reset token is for, spending the token; null when unknown, spent or expired. */
  consumePasswordResetToken(token: string): Promise<string | null>;
}

function toRecord(row: Selectable<DeveloperAccountsTable>): DeveloperAccountRecord {
  return {
    id: row.id,
    email: row.email,
    isOperator: fromFlag(row.is_operator),
    hasPassword: row.password_hash !== null,
    mfaEnabledAt: row.totp_enabled_at,
    createdAt: row.created_at,
  };
}

export function createDeveloperAccountRepository(db: Kysely<DatabaseSchema>, deps: { cipher: Cipher; clock: Clock }): DeveloperAccountRepository {
  const find = async (column: 'id' | 'email', value: string): Promise<DeveloperAccountRecord | null> => {
    const row = await db.selectFrom('developer_accounts').selectAll().where(column, '=', value).executeTakeFirst();
    return row === undefined ? null : toRecord(row);
  };
  const atomically = <T>(work: (trx: Kysely<DatabaseSchema>) => Promise<T>): Promise<T> => (db.isTransaction ? work(db) : db.transaction().execute(work));
  const touch = (id: string, values: Partial<Selectable<DeveloperAccountsTable>>): Promise<unknown> =>
    db.updateTable('developer_accounts').set({ ...values, updated_at: toIso(deps.clock()) }).where('id', '=', id).execute();
  return {
    async create(input) {
      const now = toIso(deps.clock());
      const row = {
        id: randomUUID(),
        email: input.email,
        password_hash: input.passwordHash,
        is_operator: toFlag(input.isOperator ?? false),
        totp_secret_encrypted: null,
        totp_enabled_at: null,
        created_at: now,
        updated_at: now,
      };
      await translateConstraintErrors('developer account', () => db.insertInto('developer_accounts').values(row).execute());
      return toRecord(row);
    },
    findById: (id) => find('id', id),
    findByEmail: (email) => find('email', email),
    async passwordHashOf(id) {
      const row = await db.selectFrom('developer_accounts').select('password_hash').where('id', '=', id).executeTakeFirst();
      return row?.password_hash ?? null;
    },
    async setPassword(id, passwordHash) {
      await touch(id, { password_hash: passwordHash });
    },
    async setOperator(id, isOperator) {
      await touch(id, { is_operator: toFlag(isOperator) });
    },
    async setPendingTotpSecret(id, secret) {
      await touch(id, { totp_secret_encrypted: deps.cipher.encrypt(secret), totp_enabled_at: null });
    },
    async revealTotpSecret(id) {
      const row = await db.selectFrom('developer_accounts').select('totp_secret_encrypted').where('id', '=', id).executeTakeFirst();
      const encrypted = row?.totp_secret_encrypted ?? null;
      return encrypted === null ? null : deps.cipher.decrypt(encrypted);
    },
    async enableMfa(id, recoveryCodeHashes) {
      await atomically(async (trx) => {
        await trx.updateTable('developer_accounts').set({ totp_enabled_at: toIso(deps.clock()), updated_at: toIso(deps.clock()) }).where('id', '=', id).execute();
        await trx.deleteFrom('account_recovery_codes').where('account_id', '=', id).execute();
        if (recoveryCodeHashes.length > 0) {
          await trx
            .insertInto('account_recovery_codes')
            .values(recoveryCodeHashes.map((codeHash) => ({ code_hash: codeHash, account_id: id, used_at: null })))
            .execute();
        }
      });
    },
    async disableMfa(id) {
      await atomically(async (trx) => {
        await trx.updateTable('developer_accounts').set({ totp_secret_encrypted: null, totp_enabled_at: null, updated_at: toIso(deps.clock()) }).where('id', '=', id).execute();
        await trx.deleteFrom('account_recovery_codes').where('account_id', '=', id).execute();
      });
    },
    async useRecoveryCode(id, codeHash) {
      const result = await db
        .updateTable('account_recovery_codes')
        .set({ used_at: toIso(deps.clock()) })
        .where('account_id', '=', id)
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async issuePasswordResetToken(id, ttlSeconds) {
      const token = generateSecret('pr_');
      const now = deps.clock();
      await db
        .insertInto('password_reset_tokens')
        .values({ token_hash: hashSecret(token), account_id: id, created_at: toIso(now), expires_at: isoAfter(now, ttlSeconds), used_at: null })
        .execute();
      return token;
    },
    async consumePasswordResetToken(token) {
      const now = toIso(deps.clock());
      // One conditional update spends the token, so two concurrent uses cannot both succeed.
      const row = await db
        .updateTable('password_reset_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', hashSecret(token))
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('account_id')
        .executeTakeFirst();
      return row?.account_id ?? null;
    },
  };
}
