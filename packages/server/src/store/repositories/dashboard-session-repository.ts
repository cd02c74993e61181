/** @module Dashboard sessions: found by the hash of the random id the browser's cookie carries, with idle and absolute expiry. */
import type { Kysely } from 'kysely';
import { generateSecret, hashSecret } from '../../security/tokens.js';
import { isoAfter, toIso, type Clock } from '../codec.js';
import type { DatabaseSchema } from '../schema.js';

/** How far a session has come: the password alone, or every factor the account needs. */
export type SessionStage = 'mfa-pending' | 'signed-in';

export interface DashboardSessionRecord {
  readonly idHash: string;
  readonly accountId: string;
  readonly stage: SessionStage;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
}

/** How long sessions live. */
export interface SessionLifetimes {
  /** Without a request for this long, the session ends. */
  readonly idleSeconds: number;
  /** Whatever the activity, the session ends this long after sign-in. */
  readonly absoluteSeconds: number;
}

/** Store contract for dashboard sessions. */
export interface DashboardSessionRepository {
  /** Starts a session; returns the id for the cookie (only its hash is stored). */
  create(accountId: string, stage: SessionStage, lifetimes: SessionLifetimes): Promise<{ readonly id: string; readonly session: DashboardSessionRecord }>;
  /**
   * The live session an id names, marking it seen now; null (and the row deleted) when it is unknown,
   * idle too long or past its absolute end.
   */
  resume(id: string, lifetimesOf: (stage: SessionStage) => SessionLifetimes): Promise<DashboardSessionRecord | null>;
  /** Ends one session. */
  end(id: string): Promise<void>;
  /** Ends every session of an account (after a password change or reset), but `keepId`'s. */
  endAllOf(accountId: string, keepId?: string): Promise<void>;
}

function stageFrom(text: string): SessionStage {
  if (text !== 'mfa-pending' && text !== 'signed-in') throw new Error(`Column dashboard_sessions.stage holds an unknown stage: ${text}`);
  return text;
}

export function createDashboardSessionRepository(db: Kysely<DatabaseSchema>, deps: { clock: Clock }): DashboardSessionRepository {
  return {
    async create(accountId, stage, lifetimes) {
      const id = generateSecret('ds_');
      const now = deps.clock();
      const row = { id_hash: hashSecret(id), account_id: accountId, stage, created_at: toIso(now), last_seen_at: toIso(now), expires_at: isoAfter(now, lifetimes.absoluteSeconds) };
      await db.insertInto('dashboard_sessions').values(row).execute();
      return { id, session: { idHash: row.id_hash, accountId, stage, createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at } };
    },
    async resume(id, lifetimesOf) {
      const now = deps.clock();
      const idHash = hashSecret(id);
      const row = await db.selectFrom('dashboard_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
      if (row === undefined) return null;
      const stage = stageFrom(row.stage);
      const lifetimes = lifetimesOf(stage);
      const idleEnd = new Date(Date.parse(row.last_seen_at) + lifetimes.idleSeconds * 1000);
      if (row.expires_at <= toIso(now) || idleEnd <= now) {
        await db.deleteFrom('dashboard_sessions').where('id_hash', '=', idHash).execute();
        return null;
      }
      await db.updateTable('dashboard_sessions').set({ last_seen_at: toIso(now) }).where('id_hash', '=', idHash).execute();
      return { idHash, accountId: row.account_id, stage, createdAt: row.created_at, lastSeenAt: toIso(now), expiresAt: row.expires_at };
    },
    async end(id) {
      await db.deleteFrom('dashboard_sessions').where('id_hash', '=', hashSecret(id)).execute();
    },
    async endAllOf(accountId, keepId) {
      let query = db.deleteFrom('dashboard_sessions').where('account_id', '=', accountId);
      if (keepId !== undefined) query = query.where('id_hash', '!=', hashSecret(keepId));
      await query.execute();
    },
  };
}
