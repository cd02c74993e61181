/** @module Tests of authorization codes: stored by hash, consumed once, expiry, and the consume race. */
import { expect, it } from 'vitest';
import { hashSecret } from '../../src/security/tokens.js';
import type { Repositories } from '../../src/store/index.js';
import { describeEachDatabase } from './database-harness.js';
import { createTestClock, repositoriesFor, storeWorld } from './fixtures.js';
import { seedWorld } from '../helpers/test-world.js';

async function issueCode(repositories: Repositories) {
  const seeded = await seedWorld(repositories, storeWorld);
  const issued = await repositories.authorizationCodes.create({
    applicationId: seeded.application.id,
    userId: seeded.user.id,
    redirectUri: 'https://app.example/callback',
    scope: ['read_battery', 'read_vin'],
    connectionIds: [seeded.connection.id],
    codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    codeChallengeMethod: 'S256',
  });
  return { seeded, ...issued };
}

describeEachDatabase('authorization code repository', (getStore, context) => {
  it('creates a code and returns its exact record; only the hash is stored', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const { seeded, code, record } = await issueCode(repositories);
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(record).toEqual({
      codeHash: hashSecret(code),
      applicationId: seeded.application.id,
      userId: seeded.user.id,
      redirectUri: 'https://app.example/callback',
      scope: ['read_battery', 'read_vin'],
      connectionIds: [seeded.connection.id],
      codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      codeChallengeMethod: 'S256',
      expiresAt: '2026-11-22T02:34:42.000Z',
      usedAt: null,
      createdAt: '2026-11-22T02:24:42.000Z',
    });
    const rows = await getStore().db.selectFrom('authorization_codes').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(await repositories.authorizationCodes.find(code)).toEqual(record);
  });

  it('consumes a code once; a second consume reports reuse with the record', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const { code, record } = await issueCode(repositories);
    clock.advance(5_000);
    expect(await repositories.authorizationCodes.consume(code)).toEqual({
      status: 'consumed',
      record: { ...record, usedAt: '2026-11-22T02:24:47.000Z' },
    });
    expect(await repositories.authorizationCodes.consume(code)).toEqual({
      status: 'reused',
      record: { ...record, usedAt: '2026-11-22T02:24:47.000Z' },
    });
    expect(await repositories.authorizationCodes.consume('not-a-code')).toEqual({ status: 'unknown' });
  });

  it('refuses an expired code without marking it used, and purges expired codes', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const { code, record } = await issueCode(repositories);
    clock.advance(600_000);
    expect(await repositories.authorizationCodes.consume(code)).toEqual({ status: 'expired', record });
    expect(await repositories.authorizationCodes.deleteExpired(new Date('2026-11-22T02:34:42.000Z'))).toBe(0);
    expect(await repositories.authorizationCodes.deleteExpired(new Date('2026-11-22T02:34:42.001Z'))).toBe(1);
    expect(await repositories.authorizationCodes.find(code)).toBeNull();
  });

  it('lets exactly one of many concurrent consumers win', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const { code } = await issueCode(repositories);
    // On PostgreSQL the consumers also come from a second pool, as two server processes would.
    const second = context.dialect === 'postgres' ? repositoriesFor(await context.openAnother(), clock) : repositories;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? repositories : second).authorizationCodes.consume(code)),
    );
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 'consumed')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'reused')).toHaveLength(9);
  });

  it('refuses codes for unknown applications or users', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    await expect(
      repositories.authorizationCodes.create({
        applicationId: '00000000-0000-4000-8000-000000000000',
        userId: '00000000-0000-4000-8000-000000000000',
        redirectUri: 'https://app.example/callback',
        scope: [],
        connectionIds: [],
      }),
    ).rejects.toMatchObject({ kind: 'foreign_key' });
  });
});
