/** @module Teams: their members and roles, invitations by link, and the applications they own. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isTeamRole, type TeamRole } from '../../catalog/team-roles.js';
import { generateSecret, hashSecret } from '../../security/tokens.js';
import { fromFlag, isoAfter, toFlag, toIso, type Clock } from '../codec.js';
import type { DatabaseSchema } from '../schema.js';
import { applicationRecordOf, type ApplicationRecord } from './application-repository.js';

export interface TeamRecord {
  readonly id: string;
  readonly name: string;
  readonly mfaRequired: boolean;
  readonly createdAt: string;
}

/** A team an account belongs to, with its role there. */
export interface Membership {
  readonly team: TeamRecord;
  readonly role: TeamRole;
}

/** A member as the team page lists them. */
export interface TeamMember {
  readonly accountId: string;
  readonly email: string;
  readonly role: TeamRole;
  readonly mfaEnabled: boolean;
  readonly joinedAt: string;
}

/** An invitation as its link shows it. */
export interface TeamInvitation {
  readonly team: TeamRecord;
  readonly email: string;
  readonly role: TeamRole;
  readonly expiresAt: string;
}

/** What a pending invitation of a team shows on its team page. */
export interface PendingInvitation {
  readonly email: string;
  readonly role: TeamRole;
  readonly expiresAt: string;
}

/** Store contract for teams. */
export interface TeamRepository {
  /** Creates a team with `ownerAccountId` as its first owner. */
  create(name: string, ownerAccountId: string): Promise<TeamRecord>;
  findById(id: string): Promise<TeamRecord | null>;
  /** The teams of an account, the one joined first first. */
  membershipsOf(accountId: string): Promise<Membership[]>;
  /** The account's role in the team, or null when it is not a member. */
  roleOf(teamId: string, accountId: string): Promise<TeamRole | null>;
  /** Members, owners first, then by email. */
  members(teamId: string): Promise<TeamMember[]>;
  /**
   * Changes a member's role; refuses (false) to take the owner role from the team's last owner, or
   * when the account is not a member.
   */
  setRole(teamId: string, accountId: string, role: TeamRole): Promise<boolean>;
  /** Removes a member; refuses (false) to remove the last owner, or when the account is not a member. */
  removeMember(teamId: string, accountId: string): Promise<boolean>;
  setMfaRequired(teamId: string, required: boolean): Promise<void>;
  /** An invitation link token for `email` (its hash is stored), valid for `ttlSeconds`. */
  invite(input: { readonly teamId: string; readonly email: string; readonly role: TeamRole; readonly invitedBy: string; readonly ttlSeconds: number }): Promise<string>;
  /** The invitation a token is for, while it is unused and unexpired. */
  findInvitation(token: string): Promise<TeamInvitation | null>;
  pendingInvitations(teamId: string): Promise<PendingInvitation[]>;
  /**
   * Spends the invitation and makes the account a member with the invited role (kept when it already
   * is one); the team, or null when the token is unknown, spent or expired.
   */
  acceptInvitation(token: string, accountId: string): Promise<TeamRecord | null>;
  /** The team's applications, oldest first. */
  applicationsOf(teamId: string): Promise<ApplicationRecord[]>;
  /** Gives an application to a team (null: to none, as the CLI creates them). */
  assignApplication(applicationId: string, teamId: string | null): Promise<boolean>;
}

interface TeamRow {
  readonly id: string;
  readonly name: string;
  readonly mfa_required: number;
  readonly created_at: string;
}

function toTeam(row: TeamRow): TeamRecord {
  return { id: row.id, name: row.name, mfaRequired: fromFlag(row.mfa_required), createdAt: row.created_at };
}

function roleFrom(text: string): TeamRole {
  if (!isTeamRole(text)) throw new Error(`Column team_members.role holds an unknown role: ${text}`);
  return text;
}

const roleOrder: Readonly<Record<TeamRole, number>> = { owner: 0, developer: 1, viewer: 2 };

export function createTeamRepository(db: Kysely<DatabaseSchema>, deps: { clock: Clock }): TeamRepository {
  const atomically = <T>(work: (trx: Kysely<DatabaseSchema>) => Promise<T>): Promise<T> => (db.isTransaction ? work(db) : db.transaction().execute(work));
  /** Whether changing this member would leave the team without an owner. */
  const isLastOwner = async (trx: Kysely<DatabaseSchema>, teamId: string, accountId: string): Promise<boolean> => {
    const owners = await trx.selectFrom('team_members').select('account_id').where('team_id', '=', teamId).where('role', '=', 'owner').execute();
    return owners.length === 1 && owners[0]?.account_id === accountId;
  };
  const teamColumns = ['teams.id', 'teams.name', 'teams.mfa_required', 'teams.created_at'] as const;
  return {
    async create(name, ownerAccountId) {
      const now = toIso(deps.clock());
      const team = { id: randomUUID(), name, mfa_required: 0, created_at: now };
      await atomically(async (trx) => {
        await trx.insertInto('teams').values(team).execute();
        await trx.insertInto('team_members').values({ team_id: team.id, account_id: ownerAccountId, role: 'owner', joined_at: now }).execute();
      });
      return toTeam(team);
    },
    async findById(id) {
      const row = await db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toTeam(row);
    },
    async membershipsOf(accountId) {
      const rows = await db
        .selectFrom('team_members')
        .innerJoin('teams', 'teams.id', 'team_members.team_id')
        .select([...teamColumns, 'team_members.role'])
        .where('team_members.account_id', '=', accountId)
        .orderBy('team_members.joined_at')
        .orderBy('teams.id')
        .execute();
      return rows.map((row) => ({ team: toTeam(row), role: roleFrom(row.role) }));
    },
    async roleOf(teamId, accountId) {
      const row = await db.selectFrom('team_members').select('role').where('team_id', '=', teamId).where('account_id', '=', accountId).executeTakeFirst();
      return row === undefined ? null : roleFrom(row.role);
    },
    async members(teamId) {
      const rows = await db
        .selectFrom('team_members')
        .innerJoin('developer_accounts', 'developer_accounts.id', 'team_members.account_id')
        .select(['team_members.account_id', 'developer_accounts.email', 'team_members.role', 'developer_accounts.totp_enabled_at', 'team_members.joined_at'])
        .where('team_members.team_id', '=', teamId)
        .execute();
      return rows
        .map((row) => ({ accountId: row.account_id, email: row.email, role: roleFrom(row.role), mfaEnabled: row.totp_enabled_at !== null, joinedAt: row.joined_at }))
        .sort((a, b) => roleOrder[a.role] - roleOrder[b.role] || a.email.localeCompare(b.email));
    },
    setRole: (teamId, accountId, role) =>
      atomically(async (trx) => {
        if (role !== 'owner' && (await isLastOwner(trx, teamId, accountId))) return false;
        const result = await trx.updateTable('team_members').set({ role }).where('team_id', '=', teamId).where('account_id', '=', accountId).executeTakeFirst();
        return result.numUpdatedRows > 0n;
      }),
    removeMember: (teamId, accountId) =>
      atomically(async (trx) => {
        if (await isLastOwner(trx, teamId, accountId)) return false;
        const result = await trx.deleteFrom('team_members').where('team_id', '=', teamId).where('account_id', '=', accountId).executeTakeFirst();
        return result.numDeletedRows > 0n;
      }),
    async setMfaRequired(teamId, required) {
      await db.updateTable('teams').set({ mfa_required: toFlag(required) }).where('id', '=', teamId).execute();
    },
    async invite(input) {
      const token = generateSecret('ti_');
      const now = deps.clock();
      await db
        .insertInto('team_invitations')
        .values({
          token_hash: hashSecret(token),
          team_id: input.teamId,
          email: input.email,
          role: input.role,
          invited_by: input.invitedBy,
          created_at: toIso(now),
          expires_at: isoAfter(now, input.ttlSeconds),
          accepted_at: null,
        })
        .execute();
      return token;
    },
    async findInvitation(token) {
      const row = await db
        .selectFrom('team_invitations')
        .innerJoin('teams', 'teams.id', 'team_invitations.team_id')
        .select([...teamColumns, 'team_invitations.email', 'team_invitations.role', 'team_invitations.expires_at'])
        .where('team_invitations.token_hash', '=', hashSecret(token))
        .where('team_invitations.accepted_at', 'is', null)
        .where('team_invitations.expires_at', '>', toIso(deps.clock()))
        .executeTakeFirst();
      return row === undefined ? null : { team: toTeam(row), email: row.email, role: roleFrom(row.role), expiresAt: row.expires_at };
    },
    async pendingInvitations(teamId) {
      const rows = await db
        .selectFrom('team_invitations')
        .select(['email', 'role', 'expires_at'])
        .where('team_id', '=', teamId)
        .where('accepted_at', 'is', null)
        .where('expires_at', '>', toIso(deps.clock()))
        .orderBy('created_at')
        .execute();
      return rows.map((row) => ({ email: row.email, role: roleFrom(row.role), expiresAt: row.expires_at }));
    },
    acceptInvitation: (token, accountId) =>
      atomically(async (trx) => {
        const now = toIso(deps.clock());
        // One conditional update spends the invitation, so a link works once however often it is posted.
        const spent = await trx
          .updateTable('team_invitations')
          .set({ accepted_at: now })
          .where('token_hash', '=', hashSecret(token))
          .where('accepted_at', 'is', null)
          .where('expires_at', '>', now)
          .returning(['team_id', 'role'])
          .executeTakeFirst();
        if (spent === undefined) return null;
        const existing = await trx.selectFrom('team_members').select('role').where('team_id', '=', spent.team_id).where('account_id', '=', accountId).executeTakeFirst();
        if (existing === undefined) {
          await trx.insertInto('team_members').values({ team_id: spent.team_id, account_id: accountId, role: roleFrom(spent.role), joined_at: now }).execute();
        }
        const team = await trx.selectFrom('teams').selectAll().where('id', '=', spent.team_id).executeTakeFirstOrThrow();
        return toTeam(team);
      }),
    async applicationsOf(teamId) {
      const rows = await db.selectFrom('applications').selectAll().where('team_id', '=', teamId).orderBy('created_at').orderBy('id').execute();
      return rows.map(applicationRecordOf);
    },
    async assignApplication(applicationId, teamId) {
      const result = await db.updateTable('applications').set({ team_id: teamId }).where('id', '=', applicationId).executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}
