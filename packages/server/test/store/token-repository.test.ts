/** @module Tests of the token repository: pairs stored by hash, rotation, reuse detection, revocation. */
import { expect, it } from 'vitest';
import type { Repositories } from '../../src/store/index.js';
import { describeEachDatabase } from './database-harness.js';
import { createTestClock, repositoriesFor, storeWorld, anyUuid } from './fixtures.js';
import { seedWorld } from '../helpers/test-world.js';

async function issue(repositories: Repositories, issuedFromCodeHash: string | null = null) {
  const seeded = await seedWorld(repositories, storeWorld);
  const tokens = await repositories.tokens.issue({ applicationId: seeded.application.id, userId: seeded.user.id, issuedFromCodeHash });
  return { seeded, tokens };
}

describeEachDatabase('token repository', (getStore, context) => {
  it('issues a pair and returns its exact record; tokens are stored only hashed', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const { seeded, tokens } = await issue(repositories, 'code-hash');
    expect(tokens.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.accessToken).not.toBe(tokens.refreshToken);
    expect(tokens.record).toEqual({
      id: anyUuid,
      familyId: anyUuid,
      applicationId: seeded.application.id,
      userId: seeded.user.id,
      accessExpiresAt: '2026-11-22T04:24:42.000Z',
      refreshExpiresAt: '2027-01-21T02:24:42.000Z',
      rotatedAt: null,
      revokedAt: null,
      revocationReason: null,
      parentId: null,
      issuedFromCodeHash: 'code-hash',
      createdAt: '2026-11-22T02:24:42.000Z',
    });
    const stored = JSON.stringify(await getStore().db.selectFrom('tokens').selectAll().execute());
    expect(stored).not.toContain(tokens.accessToken);
    expect(stored).not.toContain(tokens.refreshToken);
    expect(await repositories.tokens.findByAccessToken(tokens.accessToken)).toEqual(tokens.record);
    expect(await repositories.tokens.findByRefreshToken(tokens.refreshToken)).toEqual(tokens.record);
    expect(await repositories.tokens.findByAccessToken(tokens.refreshToken)).toBeNull();
  });

  it('honours custom lifetimes', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const seeded = await seedWorld(repositories, storeWorld);
    const { record } = await repositories.tokens.issue({ applicationId: seeded.application.id, userId: seeded.user.id, accessTtlSeconds: 60, refreshTtlSeconds: 120 });
    expect(record).toMatchObject({ accessExpiresAt: '2026-11-22T02:25:42.000Z', refreshExpiresAt: '2026-11-22T02:26:42.000Z' });
  });

  it('rotates a refresh token into a new pair of the same family, once', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const { tokens } = await issue(repositories);
    clock.advance(1_000);
    const rotated = await repositories.tokens.rotate(tokens.refreshToken);
    if (rotated.status !== 'rotated') throw new Error(`expected rotation, got ${rotated.status}`);
    expect(rotated.previous).toEqual({ ...tokens.record, rotatedAt: '2026-11-22T02:24:43.000Z' });
    expect(rotated.tokens.record).toMatchObject({ familyId: tokens.record.familyId, parentId: tokens.record.id, rotatedAt: null });
    expect(rotated.tokens.refreshToken).not.toBe(tokens.refreshToken);
    expect(await repositories.tokens.rotate('unknown')).toEqual({ status: 'unknown' });
  });

  it('answers a repeated refresh within the grace window with the same pair, and reuse after it', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const { tokens } = await issue(repositories);
    const rotated = await repositories.tokens.rotate(tokens.refreshToken, { graceSeconds: 60 });
    if (rotated.status !== 'rotated') throw new Error(`expected rotation, got ${rotated.status}`);
    clock.advance(59_000);
    expect(await repositories.tokens.rotate(tokens.refreshToken, { graceSeconds: 60 })).toEqual({ status: 'replayed', tokens: rotated.tokens, previous: rotated.previous });
    clock.advance(2_000);
    expect(await repositories.tokens.rotate(tokens.refreshToken, { graceSeconds: 60 })).toEqual({ status: 'reused', record: rotated.previous });
    const raw = await getStore().db.selectFrom('tokens').select('successor_encrypted').where('id', '=', tokens.record.id).executeTakeFirstOrThrow();
    expect(raw.successor_encrypted).not.toContain(rotated.tokens.refreshToken);
  });

  it('answers reuse once the successor pair was revoked, even inside the window', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const { tokens } = await issue(repositories);
    const rotated = await repositories.tokens.rotate(tokens.refreshToken);
    if (rotated.status !== 'rotated') throw new Error(`expected rotation, got ${rotated.status}`);
    await repositories.tokens.revokeFamily(tokens.record.familyId, 'refresh_token_reused');
    expect(await repositories.tokens.rotate(tokens.refreshToken)).toMatchObject({ status: 'revoked' });
  });

  it('refuses expired and revoked refresh tokens', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const seeded = await seedWorld(repositories, storeWorld);
    const short = await repositories.tokens.issue({ applicationId: seeded.application.id, userId: seeded.user.id, refreshTtlSeconds: 10 });
    const other = await repositories.tokens.issue({ applicationId: seeded.application.id, userId: seeded.user.id });
    clock.advance(10_000);
    expect(await repositories.tokens.rotate(short.refreshToken)).toEqual({ status: 'expired', record: short.record });
    expect(await repositories.tokens.revokeFamily(other.record.familyId, 'refresh_token_reused')).toBe(1);
    expect(await repositories.tokens.rotate(other.refreshToken)).toEqual({
      status: 'revoked',
      record: { ...other.record, revokedAt: '2026-11-22T02:24:52.000Z', revocationReason: 'refresh_token_reused' },
    });
  });

  it('lets one of two concurrent refreshes win and hands the loser the same pair, round after round', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const { tokens } = await issue(repositories);
    const second = context.dialect === 'postgres' ? repositoriesFor(await context.openAnother(), clock) : repositories;
    let refreshToken = tokens.refreshToken;
    for (let round = 0; round < 10; round += 1) {
      const results = await Promise.all([repositories.tokens.rotate(refreshToken), second.tokens.rotate(refreshToken)]);
      const winner = results.find((result) => result.status === 'rotated');
      const loser = results.find((result) => result !== winner);
      if (winner?.status !== 'rotated') throw new Error(`round ${round}: no refresh won (${results.map((result) => result.status).join(', ')})`);
      // The loser is the same client retrying, never a thief: the winner's pair, not a revoked family.
      expect(loser).toEqual({ status: 'replayed', tokens: winner.tokens, previous: winner.previous });
      refreshToken = winner.tokens.refreshToken;
      clock.advance(1_000);
    }
    const family = await getStore().db.selectFrom('tokens').select(['id', 'revoked_at']).where('family_id', '=', tokens.record.familyId).execute();
    expect(family).toHaveLength(11);
    expect(family.filter((pair) => pair.revoked_at !== null)).toEqual([]);
  });

  it('answers reuse for a grandparent token whose successor has rotated again, even inside the window', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const { tokens } = await issue(repositories);
    const child = await repositories.tokens.rotate(tokens.refreshToken, { graceSeconds: 60 });
    if (child.status !== 'rotated') throw new Error(`expected rotation, got ${child.status}`);
    const grandchild = await repositories.tokens.rotate(child.tokens.refreshToken, { graceSeconds: 60 });
    expect(grandchild.status).toBe('rotated');
    clock.advance(1_000);
    expect(await repositories.tokens.rotate(tokens.refreshToken, { graceSeconds: 60 })).toEqual({ status: 'reused', record: child.previous });
  });

  it('revokes a whole family, and families by the code that began them', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const { seeded, tokens } = await issue(repositories, 'code-a');
    const rotated = await repositories.tokens.rotate(tokens.refreshToken);
    const unrelated = await repositories.tokens.issue({ applicationId: seeded.application.id, userId: seeded.user.id, issuedFromCodeHash: 'code-b' });
    clock.advance(1_000);
    expect(await repositories.tokens.revokeByCodeHash('code-a', 'authorization_code_reused')).toBe(2);
    expect(await repositories.tokens.revokeByCodeHash('code-a', 'refresh_token_reused')).toBe(0);
    if (rotated.status !== 'rotated') throw new Error('expected rotation');
    // Pairs already revoked keep the reason that ended them.
    expect(await repositories.tokens.findByAccessToken(rotated.tokens.accessToken)).toMatchObject({ revokedAt: '2026-11-22T02:24:43.000Z', revocationReason: 'authorization_code_reused' });
    expect(await repositories.tokens.findByAccessToken(tokens.accessToken)).toMatchObject({ revokedAt: '2026-11-22T02:24:43.000Z', revocationReason: 'authorization_code_reused' });
    expect(await repositories.tokens.findByAccessToken(unrelated.accessToken)).toMatchObject({ revokedAt: null, revocationReason: null });
    expect(await repositories.tokens.revokeFamily(unrelated.record.familyId, 'refresh_token_reused')).toBe(1);
  });

  it('revokes every pair of a user in an application', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const { seeded } = await issue(repositories);
    await repositories.tokens.issue({ applicationId: seeded.application.id, userId: seeded.user.id });
    expect(await repositories.tokens.revokeForUser(seeded.application.id, seeded.user.id, 'owner_revoked')).toBe(2);
  });
});
