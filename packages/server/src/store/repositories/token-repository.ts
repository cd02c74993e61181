/** @module Access/refresh token pairs: stored by hash, rotated in families, revocable by family or code. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { findRevocationReason, type RevocationReason } from '../../catalog/revocation-reasons.js';
import type { Cipher } from '../../security/encryption.js';
import { generateSecret, hashSecret } from '../../security/tokens.js';
import { isoAfter, toIso, type Clock } from '../codec.js';
import { translateConstraintErrors } from '../errors.js';
import type { DatabaseSchema, TokensTable } from '../schema.js';
import { atomically } from './transaction.js';

/** A token pair's metadata (never the tokens or their hashes). */
export interface TokenRecord {
  readonly id: string;
  /** Shared by every pair descending from one code exchange. */
  readonly familyId: string;
  readonly applicationId: string;
  readonly userId: string;
  readonly accessExpiresAt: string;
  readonly refreshExpiresAt: string;
  /** Set once the refresh token was exchanged for the next pair. */
  readonly rotatedAt: string | null;
  readonly revokedAt: string | null;
  /** Why the pair was revoked; null while it is not, and for pairs revoked before reasons were stored. */
  readonly revocationReason: RevocationReason | null;
  readonly parentId: string | null;
  readonly issuedFromCodeHash: string | null;
  readonly createdAt: string;
}

/** A freshly issued pair, in clear text exactly once. */
export interface IssuedTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly record: TokenRecord;
}

/** Lifetimes of a pair, in seconds. */
export interface TokenLifetimes {
  /** Default {@link DEFAULT_ACCESS_TTL_SECONDS}. */
  readonly accessTtlSeconds?: number;
  /** Default {@link DEFAULT_REFRESH_TTL_SECONDS}. */
  readonly refreshTtlSeconds?: number;
}

/** Input of {@link TokenRepository.issue}. */
export interface IssueTokensInput extends TokenLifetimes {
  readonly applicationId: string;
  readonly userId: string;
  /** Hash of the authorization code exchanged, so a replayed code can revoke what it produced. */
  readonly issuedFromCodeHash?: string | null;
}

/**
 * Outcome of a refresh. `reused` means the refresh token had already been rotated: a sign of
 * theft, so callers usually revoke the whole family.
 */
export type RotateTokensResult =
  | { readonly status: 'rotated'; readonly tokens: IssuedTokens; readonly previous: TokenRecord }
  /** The same refresh repeated within the grace window: the pair the first one produced. */
  | { readonly status: 'replayed'; readonly tokens: IssuedTokens; readonly previous: TokenRecord }
  | { readonly status: 'reused' | 'revoked' | 'expired'; readonly record: TokenRecord }
  | { readonly status: 'unknown' };

/** Store contract for tokens. */
export interface TokenRepository {
  /** Issues a pair starting a new family. */
  issue(input: IssueTokensInput): Promise<IssuedTokens>;
  findByAccessToken(accessToken: string): Promise<TokenRecord | null>;
  findByRefreshToken(refreshToken: string): Promise<TokenRecord | null>;
  /**
   * Exchanges a refresh token for a new pair in the same family; only one concurrent exchange wins.
   * Repeating the exchange within `graceSeconds` (default {@link DEFAULT_REFRESH_GRACE_SECONDS})
   * answers `replayed` with the same new pair; later it answers `reused`.
   */
  rotate(refreshToken: string, options?: RotateOptions): Promise<RotateTokensResult>;
  /** Revokes every unrevoked pair of a family, recording `reason`; returns how many. */
  revokeFamily(familyId: string, reason: RevocationReason): Promise<number>;
  /** Revokes every family that began with this code (code replay), recording `reason`; returns how many pairs. */
  revokeByCodeHash(codeHash: string, reason: RevocationReason): Promise<number>;
  /** Revokes every pair of a user in an application, recording `reason`; returns how many. */
  revokeForUser(applicationId: string, userId: string, reason: RevocationReason): Promise<number>;
}

/** Options of {@link TokenRepository.rotate}. */
export interface RotateOptions extends TokenLifetimes {
  readonly graceSeconds?: number;
}

/** A client that lost the answer to a refresh may repeat it for this long and get the same pair. */
export const DEFAULT_REFRESH_GRACE_SECONDS = 60;

/** Two hours, as Smartcar's access tokens. */
export const DEFAULT_ACCESS_TTL_SECONDS = 2 * 60 * 60;
/** Sixty days, as Smartcar's refresh tokens. */
export const DEFAULT_REFRESH_TTL_SECONDS = 60 * 24 * 60 * 60;

function toRecord(row: Selectable<TokensTable>): TokenRecord {
  return {
    id: row.id,
    familyId: row.family_id,
    applicationId: row.application_id,
    userId: row.user_id,
    accessExpiresAt: row.access_expires_at,
    refreshExpiresAt: row.refresh_expires_at,
    rotatedAt: row.rotated_at,
    revokedAt: row.revoked_at,
    revocationReason: row.revocation_reason === null ? null : (findRevocationReason(row.revocation_reason)?.reason ?? null),
    parentId: row.parent_id,
    issuedFromCodeHash: row.issued_from_code_hash,
    createdAt: row.created_at,
  };
}

interface PairSpec extends TokenLifetimes {
  readonly familyId: string;
  readonly parentId: string | null;
  readonly applicationId: string;
  readonly userId: string;
  readonly issuedFromCodeHash: string | null;
}

/** Builds the token repository over `db`. */
export function createTokenRepository(db: Kysely<DatabaseSchema>, deps: { clock: Clock; cipher: Cipher }): TokenRepository {
  const { clock, cipher } = deps;

  const insertPair = async (executor: Kysely<DatabaseSchema>, spec: PairSpec): Promise<IssuedTokens> => {
    const accessToken = generateSecret();
    const refreshToken = generateSecret();
    const now = clock();
    const row = await translateConstraintErrors('tokens', () =>
      executor
        .insertInto('tokens')
        .values({
          id: randomUUID(),
          family_id: spec.familyId,
          application_id: spec.applicationId,
          user_id: spec.userId,
          access_token_hash: hashSecret(accessToken),
          refresh_token_hash: hashSecret(refreshToken),
          access_expires_at: isoAfter(now, spec.accessTtlSeconds ?? DEFAULT_ACCESS_TTL_SECONDS),
          refresh_expires_at: isoAfter(now, spec.refreshTtlSeconds ?? DEFAULT_REFRESH_TTL_SECONDS),
          rotated_at: null,
          revoked_at: null,
          revocation_reason: null,
          parent_id: spec.parentId,
          issued_from_code_hash: spec.issuedFromCodeHash,
          successor_encrypted: null,
          created_at: toIso(now),
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return { accessToken, refreshToken, record: toRecord(row) };
  };

  const findByHash = async (column: 'access_token_hash' | 'refresh_token_hash', hash: string) => {
    const row = await db.selectFrom('tokens').selectAll().where(column, '=', hash).executeTakeFirst();
    return row === undefined ? null : toRecord(row);
  };

  const revoke = async (reason: RevocationReason, filter: { familyId?: string; codeHash?: string; applicationId?: string; userId?: string }) => {
    // Pairs already revoked keep their first reason: that is the one that ended them.
    let query = db.updateTable('tokens').set({ revoked_at: toIso(clock()), revocation_reason: reason }).where('revoked_at', 'is', null);
    if (filter.familyId !== undefined) query = query.where('family_id', '=', filter.familyId);
    if (filter.applicationId !== undefined) query = query.where('application_id', '=', filter.applicationId);
    if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
    const codeHash = filter.codeHash;
    if (codeHash !== undefined) {
      query = query.where('family_id', 'in', (eb) =>
        eb.selectFrom('tokens as origin').select('origin.family_id').where('origin.issued_from_code_hash', '=', codeHash),
      );
    }
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  };

  /** A repeat of an already rotated refresh: the same pair inside the grace window, `reused` after it. */
  const replayOrReuse = async (row: Selectable<TokensTable>, current: TokenRecord, graceSeconds: number, executor: Kysely<DatabaseSchema> = db): Promise<RotateTokensResult> => {
    const rotatedAt = current.rotatedAt === null ? Number.NaN : Date.parse(current.rotatedAt);
    const withinGrace = clock().getTime() - rotatedAt <= graceSeconds * 1000;
    if (!withinGrace || row.successor_encrypted === null) return { status: 'reused', record: current };
    const successor = JSON.parse(cipher.decrypt(row.successor_encrypted)) as { accessToken: string; refreshToken: string; id: string };
    const successorRow = await executor.selectFrom('tokens').selectAll().where('id', '=', successor.id).executeTakeFirst();
    // A successor that was revoked, or has itself been rotated since, is no pair to hand out: replaying
    // a grandparent token is reuse.
    if (successorRow === undefined || successorRow.revoked_at !== null || successorRow.rotated_at !== null) return { status: 'reused', record: current };
    return { status: 'replayed', tokens: { accessToken: successor.accessToken, refreshToken: successor.refreshToken, record: toRecord(successorRow) }, previous: current };
  };

  return {
    issue: (input) =>
      insertPair(db, {
        ...input,
        familyId: randomUUID(),
        parentId: null,
        issuedFromCodeHash: input.issuedFromCodeHash ?? null,
      }),

    findByAccessToken: (accessToken) => findByHash('access_token_hash', hashSecret(accessToken)),
    findByRefreshToken: (refreshToken) => findByHash('refresh_token_hash', hashSecret(refreshToken)),

    async rotate(refreshToken, options = {}) {
      const { graceSeconds = DEFAULT_REFRESH_GRACE_SECONDS, ...lifetimes } = options;
      const row = await db.selectFrom('tokens').selectAll().where('refresh_token_hash', '=', hashSecret(refreshToken)).executeTakeFirst();
      if (row === undefined) return { status: 'unknown' };
      const current = toRecord(row);
      if (current.revokedAt !== null) return { status: 'revoked', record: current };
      if (current.rotatedAt !== null) return replayOrReuse(row, current, graceSeconds);
      const now = toIso(clock());
      if (current.refreshExpiresAt <= now) return { status: 'expired', record: current };
      return atomically(db, async (trx) => {
        // Compare-and-set on rotated_at: of two concurrent refreshes only one matches the row.
        const claimed = await trx
          .updateTable('tokens')
          .set({ rotated_at: now })
          .where('id', '=', current.id)
          .where('rotated_at', 'is', null)
          .where('revoked_at', 'is', null)
          .returningAll()
          .executeTakeFirst();
        if (claimed === undefined) {
          // A concurrent refresh of the same token won the compare-and-set, and has committed (on
          // PostgreSQL this update waited for its row lock). The loser of such a race is the same
          // client retrying, not a thief: it gets the winner's pair, as a replay within the grace window.
          const settled = await trx.selectFrom('tokens').selectAll().where('id', '=', current.id).executeTakeFirst();
          if (settled === undefined) return { status: 'unknown' as const };
          const record = toRecord(settled);
          return record.revokedAt !== null ? { status: 'revoked' as const, record } : replayOrReuse(settled, record, graceSeconds, trx);
        }
        const tokens = await insertPair(trx, {
          ...lifetimes,
          familyId: current.familyId,
          parentId: current.id,
          applicationId: current.applicationId,
          userId: current.userId,
          issuedFromCodeHash: current.issuedFromCodeHash,
        });
        const successor = cipher.encrypt(JSON.stringify({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, id: tokens.record.id }));
        await trx.updateTable('tokens').set({ successor_encrypted: successor }).where('id', '=', current.id).execute();
        return { status: 'rotated', tokens, previous: toRecord(claimed) };
      });
    },

    revokeFamily: (familyId, reason) => revoke(reason, { familyId }),
    revokeByCodeHash: (codeHash, reason) => revoke(reason, { codeHash }),
    revokeForUser: (applicationId, userId, reason) => revoke(reason, { applicationId, userId }),
  };
}
