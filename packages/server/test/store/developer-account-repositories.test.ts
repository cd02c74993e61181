/** @module Tests of the dashboard's repositories on SQLite and PostgreSQL: accounts, reset links, teams, invitations, sessions. */
import { expect, it } from 'vitest';
import { ConstraintViolationError } from '../../src/store/index.js';
import { describeEachDatabase } from './database-harness.js';
import { anyUuid, createTestClock, repositoriesFor } from './fixtures.js';

const lifetimes = { idleSeconds: 60, absoluteSeconds: 300 };

describeEachDatabase('developer account repositories', (getStore, context) => {
  it('creates an account once per email and never returns its secrets', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const account = await repositories.developerAccounts.create({ email: 'ann@example.com', passwordHash: '$argon2id$stored' });
    expect(account).toEqual({ id: anyUuid, email: 'ann@example.com', isOperator: false, hasPassword: true, mfaEnabledAt: null, createdAt: '2026-11-22T02:24:42.000Z' });
    expect(await repositories.developerAccounts.findByEmail('ann@example.com')).toEqual(account);
    expect(await repositories.developerAccounts.passwordHashOf(account.id)).toBe('$argon2id$stored');
    await expect(repositories.developerAccounts.create({ email: 'ann@example.com', passwordHash: null })).rejects.toBeInstanceOf(ConstraintViolationError);
  });

  it('keeps the TOTP secret encrypted and spends each recovery code once', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const account = await repositories.developerAccounts.create({ email: 'ann@example.com', passwordHash: null });
    await repositories.developerAccounts.setPendingTotpSecret(account.id, 'JBSWY3DPEHPK3PXP');
    const stored = await getStore().db.selectFrom('developer_accounts').select('totp_secret_encrypted').executeTakeFirstOrThrow();
    expect(stored.totp_secret_encrypted).not.toContain('JBSWY3DPEHPK3PXP');
    expect(await repositories.developerAccounts.revealTotpSecret(account.id)).toBe('JBSWY3DPEHPK3PXP');
    await repositories.developerAccounts.enableMfa(account.id, ['hash-1', 'hash-2']);
    expect((await repositories.developerAccounts.findById(account.id))?.mfaEnabledAt).toBe('2026-11-22T02:24:42.000Z');
    expect(await repositories.developerAccounts.useRecoveryCode(account.id, 'hash-1')).toBe(true);
    expect(await repositories.developerAccounts.useRecoveryCode(account.id, 'hash-1')).toBe(false);
    expect(await repositories.developerAccounts.useRecoveryCode(account.id, 'unknown')).toBe(false);
    await repositories.developerAccounts.disableMfa(account.id);
    expect(await repositories.developerAccounts.revealTotpSecret(account.id)).toBeNull();
    expect(await repositories.developerAccounts.useRecoveryCode(account.id, 'hash-2')).toBe(false);
  });

  it('spends a reset token once, across processes, and never after it expired', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const second = context.dialect === 'postgres' ? repositoriesFor(await context.openAnother(), clock) : repositories;
    const account = await repositories.developerAccounts.create({ email: 'ann@example.com', passwordHash: null });
    const token = await repositories.developerAccounts.issuePasswordResetToken(account.id, 60);
    expect(token).toMatch(/^pr_[A-Za-z0-9_-]{43}$/);
    expect(await getStore().db.selectFrom('password_reset_tokens').select('token_hash').execute()).not.toContainEqual({ token_hash: token });
    const results = await Promise.all(Array.from({ length: 6 }, (_, index) => (index % 2 === 0 ? repositories : second).developerAccounts.consumePasswordResetToken(token)));
    expect(results.filter((result) => result !== null)).toEqual([account.id]);
    const late = await repositories.developerAccounts.issuePasswordResetToken(account.id, 60);
    clock.advance(60_000);
    expect(await repositories.developerAccounts.consumePasswordResetToken(late)).toBeNull();
  });

  it('keeps a team with at least one owner', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const ann = await repositories.developerAccounts.create({ email: 'ann@example.com', passwordHash: null });
    const bob = await repositories.developerAccounts.create({ email: 'bob@example.com', passwordHash: null });
    const team = await repositories.teams.create('Ann team', ann.id);
    expect(team).toEqual({ id: anyUuid, name: 'Ann team', mfaRequired: false, createdAt: '2026-11-22T02:24:42.000Z' });
    expect(await repositories.teams.setRole(team.id, ann.id, 'developer')).toBe(false);
    expect(await repositories.teams.removeMember(team.id, ann.id)).toBe(false);
    expect(await repositories.teams.setRole(team.id, bob.id, 'viewer')).toBe(false);
    const token = await repositories.teams.invite({ teamId: team.id, email: 'bob@example.com', role: 'viewer', invitedBy: ann.id, ttlSeconds: 60 });
    expect(await repositories.teams.acceptInvitation(token, bob.id)).toEqual(team);
    expect(await repositories.teams.acceptInvitation(token, bob.id)).toBeNull();
    expect(await repositories.teams.setRole(team.id, bob.id, 'owner')).toBe(true);
    expect(await repositories.teams.setRole(team.id, ann.id, 'developer')).toBe(true);
    expect(await repositories.teams.members(team.id)).toEqual([
      { accountId: bob.id, email: 'bob@example.com', role: 'owner', mfaEnabled: false, joinedAt: '2026-11-22T02:24:42.000Z' },
      { accountId: ann.id, email: 'ann@example.com', role: 'developer', mfaEnabled: false, joinedAt: '2026-11-22T02:24:42.000Z' },
    ]);
    expect(await repositories.teams.membershipsOf(ann.id)).toEqual([{ team, role: 'developer' }]);
  });

  it('finds an invitation only while it is unused and unexpired', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const ann = await repositories.developerAccounts.create({ email: 'ann@example.com', passwordHash: null });
    const team = await repositories.teams.create('Ann team', ann.id);
    const token = await repositories.teams.invite({ teamId: team.id, email: 'bob@example.com', role: 'developer', invitedBy: ann.id, ttlSeconds: 60 });
    expect(await repositories.teams.findInvitation(token)).toEqual({ team, email: 'bob@example.com', role: 'developer', expiresAt: '2026-11-22T02:25:42.000Z' });
    expect(await repositories.teams.pendingInvitations(team.id)).toEqual([{ email: 'bob@example.com', role: 'developer', expiresAt: '2026-11-22T02:25:42.000Z' }]);
    clock.advance(60_000);
    expect(await repositories.teams.findInvitation(token)).toBeNull();
    expect(await repositories.teams.pendingInvitations(team.id)).toEqual([]);
  });

  it("lists a team's applications and none of another team's or of the CLI's", async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const ann = await repositories.developerAccounts.create({ email: 'ann@example.com', passwordHash: null });
    const mine = await repositories.teams.create('Mine', ann.id);
    const theirs = await repositories.teams.create('Theirs', ann.id);
    const owned = await repositories.applications.createApplication({ name: 'Owned', redirectUris: ['https://app.example/cb'] });
    await repositories.applications.createApplication({ name: 'From the CLI', redirectUris: ['https://app.example/cb'] });
    const other = await repositories.applications.createApplication({ name: 'Other', redirectUris: ['https://app.example/cb'] });
    expect(await repositories.teams.assignApplication(owned.application.id, mine.id)).toBe(true);
    expect(await repositories.teams.assignApplication(other.application.id, theirs.id)).toBe(true);
    expect(await repositories.teams.applicationsOf(mine.id)).toEqual([owned.application]);
    expect(await repositories.teams.applicationsOf(theirs.id)).toEqual([other.application]);
  });

  it('ends a session after its idle time, and after its absolute end however active', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const ann = await repositories.developerAccounts.create({ email: 'ann@example.com', passwordHash: null });
    const idle = await repositories.dashboardSessions.create(ann.id, 'signed-in', lifetimes);
    const active = await repositories.dashboardSessions.create(ann.id, 'signed-in', lifetimes);
    expect(idle.id).toMatch(/^ds_/);
    expect(await getStore().db.selectFrom('dashboard_sessions').select('id_hash').execute()).not.toContainEqual({ id_hash: idle.id });
    for (let minute = 0; minute < 4; minute += 1) {
      clock.advance(59_000);
      expect((await repositories.dashboardSessions.resume(active.id, () => lifetimes))?.accountId).toBe(ann.id);
    }
    expect(await repositories.dashboardSessions.resume(idle.id, () => lifetimes)).toBeNull();
    clock.advance(65_000);
    expect(await repositories.dashboardSessions.resume(active.id, () => lifetimes)).toBeNull();
    expect(await getStore().db.selectFrom('dashboard_sessions').selectAll().execute()).toEqual([]);
  });
});
