/** @module Migration 0015: developer accounts, their teams and dashboard sessions, and the team owning an application. */
import type { Kysely, Migration } from 'kysely';

/**
 * Every secret a browser or link carries (session ids, reset and invitation tokens, recovery codes)
 * is stored as its SHA-256 only; a password only as its argon2id hash; a TOTP secret encrypted with
 * the configured key (it must be recoverable to check codes). Applications gain a nullable team:
 * those the CLI creates have none.
 */
export const developerAccounts: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('developer_accounts')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('email', 'text', (col) => col.notNull().unique())
      // Null until an operator created by the CLI sets one through the emailed link.
      .addColumn('password_hash', 'text')
      .addColumn('is_operator', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('totp_secret_encrypted', 'text')
      .addColumn('totp_enabled_at', 'text')
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('updated_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createTable('account_recovery_codes')
      .addColumn('code_hash', 'text', (col) => col.primaryKey())
      .addColumn('account_id', 'text', (col) => col.notNull().references('developer_accounts.id').onDelete('cascade'))
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createIndex('account_recovery_codes_account_idx').on('account_recovery_codes').column('account_id').execute();
    await db.schema
      .createTable('teams')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('mfa_required', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema
      .createTable('team_members')
      .addColumn('team_id', 'text', (col) => col.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (col) => col.notNull().references('developer_accounts.id').onDelete('cascade'))
      .addColumn('role', 'text', (col) => col.notNull())
      .addColumn('joined_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'account_id'])
      .execute();
    await db.schema.createIndex('team_members_account_idx').on('team_members').column('account_id').execute();
    await db.schema
      .createTable('team_invitations')
      .addColumn('token_hash', 'text', (col) => col.primaryKey())
      .addColumn('team_id', 'text', (col) => col.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('email', 'text', (col) => col.notNull())
      .addColumn('role', 'text', (col) => col.notNull())
      .addColumn('invited_by', 'text', (col) => col.references('developer_accounts.id').onDelete('set null'))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addColumn('accepted_at', 'text')
      .execute();
    await db.schema.createIndex('team_invitations_team_idx').on('team_invitations').column('team_id').execute();
    await db.schema
      .createTable('dashboard_sessions')
      .addColumn('id_hash', 'text', (col) => col.primaryKey())
      .addColumn('account_id', 'text', (col) => col.notNull().references('developer_accounts.id').onDelete('cascade'))
      // 'mfa-pending' after the password when a second factor is still due, 'signed-in' after it.
      .addColumn('stage', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('last_seen_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('dashboard_sessions_account_idx').on('dashboard_sessions').column('account_id').execute();
    await db.schema
      .createTable('password_reset_tokens')
      .addColumn('token_hash', 'text', (col) => col.primaryKey())
      .addColumn('account_id', 'text', (col) => col.notNull().references('developer_accounts.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createIndex('password_reset_tokens_account_idx').on('password_reset_tokens').column('account_id').execute();
    await db.schema.alterTable('applications').addColumn('team_id', 'text', (col) => col.references('teams.id').onDelete('set null')).execute();
    await db.schema.createIndex('applications_team_idx').on('applications').column('team_id').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('applications_team_idx').execute();
    await db.schema.alterTable('applications').dropColumn('team_id').execute();
    for (const table of ['password_reset_tokens', 'dashboard_sessions', 'team_invitations', 'team_members', 'teams', 'account_recovery_codes', 'developer_accounts']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
