/** @module Tests of the manufacturer token repository: encrypted at rest, replaced as a whole, tied to its owner account. */
import { expect, it } from 'vitest';
import { ConstraintViolationError } from '../../src/store/index.js';
import { describeEachDatabase } from './database-harness.js';
import { createTestClock, repositoriesFor } from './fixtures.js';

const tokens = {
  providerId: 'tesla-fleet',
  accessToken: 'access-secret-1',
  refreshToken: 'refresh-secret-1',
  expiresAt: new Date('2026-11-22T03:24:42.000Z'),
  scopes: ['vehicle_device_data', 'offline_access'],
};

describeEachDatabase('provider credential repository', (getStore) => {
  it('stores an account’s tokens encrypted and reads them back', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const owner = await repositories.ownerAccounts.create({ make: 'TESLA', providerAccountId: 'tesla-7', mode: 'live' });
    const saved = await repositories.providerCredentials.save({ ownerAccountId: owner.id, ...tokens });
    const expected = {
      ownerAccountId: owner.id,
      providerId: 'tesla-fleet',
      accessToken: 'access-secret-1',
      refreshToken: 'refresh-secret-1',
      expiresAt: '2026-11-22T03:24:42.000Z',
      scopes: ['vehicle_device_data', 'offline_access'],
      updatedAt: '2026-11-22T02:24:42.000Z',
    };
    expect(saved).toEqual(expected);
    expect(await repositories.providerCredentials.find(owner.id)).toEqual(expected);
    const row = await getStore().db.selectFrom('provider_credentials').selectAll().executeTakeFirstOrThrow();
    expect(row.tokens_encrypted).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(row.tokens_encrypted).not.toContain('secret');
    expect(row).toMatchObject({ expires_at: '2026-11-22T03:24:42.000Z', scopes: '["vehicle_device_data","offline_access"]' });
  });

  it('replaces the whole set on save (a rotated refresh token never lives beside the old one), and forgets it on delete', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const owner = await repositories.ownerAccounts.create({ make: 'TESLA', providerAccountId: 'tesla-7', mode: 'live' });
    await repositories.providerCredentials.save({ ownerAccountId: owner.id, ...tokens });
    clock.advance(60_000);
    await repositories.providerCredentials.save({ ownerAccountId: owner.id, ...tokens, accessToken: 'access-2', refreshToken: null, expiresAt: null, scopes: [] });
    expect(await repositories.providerCredentials.find(owner.id)).toEqual({
      ownerAccountId: owner.id,
      providerId: 'tesla-fleet',
      accessToken: 'access-2',
      refreshToken: null,
      expiresAt: null,
      scopes: [],
      updatedAt: '2026-11-22T02:25:42.000Z',
    });
    expect(await getStore().db.selectFrom('provider_credentials').select('owner_account_id').execute()).toHaveLength(1);
    expect(await repositories.providerCredentials.delete(owner.id)).toBe(true);
    expect(await repositories.providerCredentials.delete(owner.id)).toBe(false);
    expect(await repositories.providerCredentials.find(owner.id)).toBeNull();
  });

  it('refuses tokens for an unknown owner account', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const error = await repositories.providerCredentials.save({ ownerAccountId: '00000000-0000-4000-8000-000000000000', ...tokens }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConstraintViolationError);
    expect(error).toMatchObject({ kind: 'foreign_key' });
  });
});
