/** @module OAuth authorization codes: stored by hash, consumed at most once even under concurrency. */
import type { Kysely, Selectable } from 'kysely';
import { generateSecret, hashSecret } from '../../security/tokens.js';
import { decodeStringArray, encodeJson, isoAfter, toIso, type Clock } from '../codec.js';
import { translateConstraintErrors } from '../errors.js';
import type { AuthorizationCodesTable, DatabaseSchema } from '../schema.js';

/** An authorization code (its hash; the code itself is never stored). */
export interface AuthorizationCodeRecord {
  readonly codeHash: string;
  readonly applicationId: string;
  readonly userId: string;
  readonly redirectUri: string;
  readonly scope: string[];
  readonly connectionIds: string[];
  readonly codeChallenge: string | null;
  readonly codeChallengeMethod: string | null;
  readonly expiresAt: string;
  readonly usedAt: string | null;
  readonly createdAt: string;
}

/** Input of {@link AuthorizationCodeRepository.create}. */
export interface NewAuthorizationCode {
  readonly applicationId: string;
  readonly userId: string;
  readonly redirectUri: string;
  readonly scope: readonly string[];
  readonly connectionIds: readonly string[];
  readonly codeChallenge?: string | null;
  readonly codeChallengeMethod?: string | null;
  /** Lifetime; default {@link DEFAULT_CODE_TTL_SECONDS}. */
  readonly ttlSeconds?: number;
}

/**
 * Outcome of consuming a code. `reused` carries the record so the caller can revoke what the
 * first exchange issued (RFC 6749 §4.1.2); `expired` codes are left unused.
 */
export type ConsumeCodeResult =
  | { readonly status: 'consumed'; readonly record: AuthorizationCodeRecord }
  | { readonly status: 'reused'; readonly record: AuthorizationCodeRecord }
  | { readonly status: 'expired'; readonly record: AuthorizationCodeRecord }
  | { readonly status: 'unknown' };

/** Store contract for authorization codes. */
export interface AuthorizationCodeRepository {
  /** Stores a new code and returns it in clear text (the only time it exists outside the redirect). */
  create(input: NewAuthorizationCode): Promise<{ code: string; record: AuthorizationCodeRecord }>;
  /** Marks the code used if it is unused and unexpired, atomically: of concurrent consumers exactly one wins. */
  consume(code: string): Promise<ConsumeCodeResult>;
  /** Looks a code up without consuming it. */
  find(code: string): Promise<AuthorizationCodeRecord | null>;
  /** Deletes codes that expired before `before`; returns how many. */
  deleteExpired(before: Date): Promise<number>;
}

/** Codes live ten minutes, the upper bound RFC 6749 §4.1.2 recommends. */
export const DEFAULT_CODE_TTL_SECONDS = 600;

function toRecord(row: Selectable<AuthorizationCodesTable>): AuthorizationCodeRecord {
  return {
    codeHash: row.code_hash,
    applicationId: row.application_id,
    userId: row.user_id,
    redirectUri: row.redirect_uri,
    scope: decodeStringArray(row.scope, 'authorization_codes.scope'),
    connectionIds: decodeStringArray(row.connection_ids, 'authorization_codes.connection_ids'),
    codeChallenge: row.code_challenge,
    codeChallengeMethod: row.code_challenge_method,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    createdAt: row.created_at,
  };
}

/** Builds the authorization code repository over `db`. */
export function createAuthorizationCodeRepository(db: Kysely<DatabaseSchema>, deps: { clock: Clock }): AuthorizationCodeRepository {
  const { clock } = deps;
  const findByHash = async (codeHash: string) => {
    const row = await db.selectFrom('authorization_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
    return row === undefined ? null : toRecord(row);
  };

  return {
    async create(input) {
      const code = generateSecret();
      const now = clock();
      const row = await translateConstraintErrors('authorization_codes', () =>
        db
          .insertInto('authorization_codes')
          .values({
            code_hash: hashSecret(code),
            application_id: input.applicationId,
            user_id: input.userId,
            redirect_uri: input.redirectUri,
            scope: encodeJson(input.scope),
            connection_ids: encodeJson(input.connectionIds),
            code_challenge: input.codeChallenge ?? null,
            code_challenge_method: input.codeChallengeMethod ?? null,
            expires_at: isoAfter(now, input.ttlSeconds ?? DEFAULT_CODE_TTL_SECONDS),
            used_at: null,
            created_at: toIso(now),
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return { code, record: toRecord(row) };
    },

    async consume(code) {
      const codeHash = hashSecret(code);
      const now = toIso(clock());
      // The WHERE makes this a compare-and-set: the database lets only one UPDATE match the row.
      const won = await db
        .updateTable('authorization_codes')
        .set({ used_at: now })
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returningAll()
        .executeTakeFirst();
      if (won !== undefined) return { status: 'consumed', record: toRecord(won) };
      const record = await findByHash(codeHash);
      if (record === null) return { status: 'unknown' };
      return record.usedAt !== null ? { status: 'reused', record } : { status: 'expired', record };
    },

    find: (code) => findByHash(hashSecret(code)),

    async deleteExpired(before) {
      const result = await db.deleteFrom('authorization_codes').where('expires_at', '<', toIso(before)).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
