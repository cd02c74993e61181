/** @module Tests of the application repository: records, credentials, rotation, secrets at rest. */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { hashSecret } from '../../src/security/tokens.js';
import { constraintKindOf } from '../../src/store/errors.js';
import { createRepositories, type Store } from '../../src/store/index.js';
import { describeEachDatabase } from './database-harness.js';
import { createTestClock, repositoriesFor, storeWorld, anyUuid, testSecretKey } from './fixtures.js';
import { seedWorld } from '../helpers/test-world.js';
import { dataPackageIds } from '../../src/catalog/permissions.js';

async function rawApplicationRow(store: Store, id: string) {
  return store.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describeEachDatabase('application repository', (getStore) => {
  it('creates an application and returns its exact record and one-time credentials', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const created = await repositories.applications.createApplication({
      name: 'Fleet dashboard',
      redirectUris: ['https://fleet.example/callback', 'http://localhost:8000/cb'],
      defaultScope: ['read_battery', 'read_odometer'],
      plan: 'build',
    });
    expect(created.application).toEqual({
      id: anyUuid,
      clientId: anyUuid,
      name: 'Fleet dashboard',
      redirectUris: ['https://fleet.example/callback', 'http://localhost:8000/cb'],
      defaultScope: ['read_battery', 'read_odometer'],
      plan: 'build',
      isPublic: false,
      createdAt: '2026-11-22T02:24:42.000Z',
      updatedAt: '2026-11-22T02:24:42.000Z',
      secretRotatedAt: null,
      lifecycleState: 'released',
      lifecycleReason: null,
      approvedDataPackages: [...dataPackageIds],
    });
    expect(created.clientSecret).toMatch(/^cs_[A-Za-z0-9_-]{43}$/);
    expect(created.managementToken).toMatch(/^mt_[A-Za-z0-9_-]{43}$/);
    expect(await repositories.applications.findById(created.application.id)).toEqual(created.application);
    expect(await repositories.applications.findByClientId(created.application.clientId)).toEqual(created.application);
    expect(await repositories.applications.list()).toEqual([created.application]);
    expect(await repositories.applications.findByClientId('unknown')).toBeNull();
  });

  it('defaults plan, scope and confidentiality', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const { application } = await repositories.applications.createApplication({ name: 'Minimal', redirectUris: [] });
    expect(application).toMatchObject({ plan: 'free', defaultScope: [], redirectUris: [], isPublic: false });
  });

  it('stores the client secret and management token only hashed or encrypted', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const { application, clientSecret, managementToken } = await repositories.applications.createApplication({
      name: 'Secretive',
      redirectUris: ['https://app.example/cb'],
    });
    const row = await rawApplicationRow(getStore(), application.id);
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(clientSecret);
    expect(stored).not.toContain(managementToken);
    expect(stored).not.toContain(clientSecret.slice(3));
    expect(stored).not.toContain(managementToken.slice(3));
    expect(row.client_secret_hash).toBe(hashSecret(clientSecret));
    expect(row.management_token_hash).toBe(hashSecret(managementToken));
    expect(row.management_token_encrypted).toMatch(/^v1\./);
    expect(await repositories.applications.revealManagementToken(application.id)).toBe(managementToken);
  });

  it('verifies client secrets', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const { application, clientSecret } = await repositories.applications.createApplication({ name: 'A', redirectUris: [] });
    expect(await repositories.applications.verifyClientSecret(application.clientId, clientSecret)).toEqual(application);
    expect(await repositories.applications.verifyClientSecret(application.clientId, `${clientSecret}x`)).toBeNull();
    expect(await repositories.applications.verifyClientSecret(application.clientId, '')).toBeNull();
    expect(await repositories.applications.verifyClientSecret('unknown-client', clientSecret)).toBeNull();
  });

  it('finds an application by management token', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const { application, managementToken } = await repositories.applications.createApplication({ name: 'A', redirectUris: [] });
    await repositories.applications.createApplication({ name: 'B', redirectUris: [] });
    expect(await repositories.applications.findByManagementToken(managementToken)).toEqual(application);
    expect(await repositories.applications.findByManagementToken('mt_wrong')).toBeNull();
  });

  it('rotates the client secret: the old one stops working, the new one is not stored in clear', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const { application, clientSecret } = await repositories.applications.createApplication({ name: 'A', redirectUris: [] });
    clock.advance(60_000);
    const rotated = await repositories.applications.rotateSecret(application.clientId);
    expect(rotated).toMatch(/^cs_/);
    expect(rotated).not.toBe(clientSecret);
    expect(await repositories.applications.verifyClientSecret(application.clientId, clientSecret)).toBeNull();
    const current = await repositories.applications.verifyClientSecret(application.clientId, rotated ?? '');
    expect(current).toEqual({ ...application, secretRotatedAt: '2026-11-22T02:25:42.000Z', updatedAt: '2026-11-22T02:25:42.000Z' });
    expect(JSON.stringify(await rawApplicationRow(getStore(), application.id))).not.toContain(rotated ?? '');
    expect(await repositories.applications.rotateSecret('unknown-client')).toBeNull();
  });

  it('rotates the management token', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const { application, managementToken } = await repositories.applications.createApplication({ name: 'A', redirectUris: [] });
    const next = await repositories.applications.rotateManagementToken(application.id);
    expect(next).toMatch(/^mt_/);
    expect(await repositories.applications.findByManagementToken(managementToken)).toBeNull();
    expect((await repositories.applications.findByManagementToken(next ?? ''))?.id).toBe(application.id);
    expect(await repositories.applications.revealManagementToken(application.id)).toBe(next);
    expect(await repositories.applications.rotateManagementToken('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('keeps the replaced management token working and signing during a grace window, then never again', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const { application, managementToken: first } = await repositories.applications.createApplication({ name: 'A', redirectUris: [] });
    expect(await repositories.applications.managementTokenStatus(application.id)).toEqual({
      hint: `${first.slice(0, 7)}…`,
      issuedAt: '2026-11-22T02:24:42.000Z',
      previousValidUntil: null,
    });
    expect(await repositories.applications.revealSigningKeys(application.id)).toEqual({ current: first, previous: null });

    clock.advance(60_000);
    const second = (await repositories.applications.rotateManagementToken(application.id, { graceMs: 24 * 3_600_000 })) ?? '';
    expect(second).toMatch(/^mt_[A-Za-z0-9_-]{43}$/);
    expect((await repositories.applications.findByManagementToken(first))?.id).toBe(application.id);
    expect((await repositories.applications.findByManagementToken(second))?.id).toBe(application.id);
    expect(await repositories.applications.revealSigningKeys(application.id)).toEqual({ current: second, previous: { token: first, validUntil: '2026-11-23T02:25:42.000Z' } });
    expect(await repositories.applications.managementTokenStatus(application.id)).toEqual({
      hint: `${second.slice(0, 7)}…`,
      issuedAt: '2026-11-22T02:25:42.000Z',
      previousValidUntil: '2026-11-23T02:25:42.000Z',
    });
    // The previous token is stored only hashed and encrypted, like the current one.
    const row = await rawApplicationRow(getStore(), application.id);
    expect(row.previous_management_token_hash).toBe(hashSecret(first));
    expect(JSON.stringify(row)).not.toContain(first.slice(3));

    clock.advance(24 * 3_600_000 - 1);
    expect((await repositories.applications.findByManagementToken(first))?.id).toBe(application.id);
    clock.advance(1);
    expect(await repositories.applications.findByManagementToken(first)).toBeNull();
    expect((await repositories.applications.findByManagementToken(second))?.id).toBe(application.id);
    expect(await repositories.applications.revealSigningKeys(application.id)).toEqual({ current: second, previous: null });
    expect((await repositories.applications.managementTokenStatus(application.id))?.previousValidUntil).toBeNull();
  });

  it('ends a running grace window when the token is rotated again', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const { application, managementToken: first } = await repositories.applications.createApplication({ name: 'A', redirectUris: [] });
    const second = (await repositories.applications.rotateManagementToken(application.id, { graceMs: 3_600_000 })) ?? '';
    const third = (await repositories.applications.rotateManagementToken(application.id, { graceMs: 3_600_000 })) ?? '';
    expect(await repositories.applications.findByManagementToken(first)).toBeNull();
    expect((await repositories.applications.findByManagementToken(second))?.id).toBe(application.id);
    expect((await repositories.applications.revealSigningKeys(application.id))?.previous?.token).toBe(second);
    await repositories.applications.rotateManagementToken(application.id);
    expect(await repositories.applications.findByManagementToken(third)).toBeNull();
    expect((await repositories.applications.revealSigningKeys(application.id))?.previous).toBeNull();
    expect(await repositories.applications.managementTokenStatus('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await repositories.applications.revealSigningKeys('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('creates public (PKCE-only) clients without a secret', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const created = await repositories.applications.createApplication({ name: 'Mobile', redirectUris: ['app://cb'], isPublic: true });
    expect(created.clientSecret).toBeNull();
    expect(created.application.isPublic).toBe(true);
    expect((await rawApplicationRow(getStore(), created.application.id)).client_secret_hash).toBeNull();
    expect(await repositories.applications.verifyClientSecret(created.application.clientId, '')).toBeNull();
    expect(await repositories.applications.rotateSecret(created.application.clientId)).toBeNull();
  });

  it('enforces unique client ids and management token hashes', async () => {
    const store = getStore();
    const repositories = repositoriesFor(store, createTestClock());
    const { application } = await repositories.applications.createApplication({ name: 'A', redirectUris: [] });
    const row = await rawApplicationRow(store, application.id);
    const duplicateClientId = store.db.insertInto('applications').values({ ...row, id: randomUUID(), management_token_hash: 'other' }).execute();
    expect(constraintKindOf(await duplicateClientId.catch((error: unknown) => error))).toBe('unique');
    const duplicateToken = store.db.insertInto('applications').values({ ...row, id: randomUUID(), client_id: 'other' }).execute();
    expect(constraintKindOf(await duplicateToken.catch((error: unknown) => error))).toBe('unique');
  });

  it('updates editable fields', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const { application } = await repositories.applications.createApplication({ name: 'A', redirectUris: ['https://a/cb'] });
    clock.advance(1_000);
    const updated = await repositories.applications.update(application.id, { name: 'B', redirectUris: ['https://b/cb'], plan: 'scale' });
    expect(updated).toEqual({
      ...application,
      name: 'B',
      redirectUris: ['https://b/cb'],
      plan: 'scale',
      updatedAt: '2026-11-22T02:24:43.000Z',
    });
    expect(await repositories.applications.update('00000000-0000-4000-8000-000000000000', { name: 'x' })).toBeNull();
  });

  it('deletes an application with everything it owns', async () => {
    const store = getStore();
    const repositories = repositoriesFor(store, createTestClock());
    const seeded = await seedWorld(repositories, storeWorld);
    expect(await repositories.applications.delete(seeded.application.id)).toBe(true);
    expect(await repositories.applications.delete(seeded.application.id)).toBe(false);
    expect(await repositories.users.findById(seeded.user.id)).toBeNull();
    expect(await repositories.connections.findById(seeded.connection.id)).toBeNull();
    // Owner accounts and vehicles are not the application's; they stay.
    expect(await repositories.vehicles.findById(seeded.vehicle.id)).toEqual(seeded.vehicle);
  });

  it('cannot reveal a management token with a different secret key', async () => {
    const store = getStore();
    const { application } = await repositoriesFor(store, createTestClock()).applications.createApplication({ name: 'A', redirectUris: [] });
    const otherKey = createRepositories(store, { secretKey: 'a-different-secret-key-entirely-0123456789' });
    await expect(otherKey.applications.revealManagementToken(application.id)).rejects.toThrow(/tampered|key/);
  });
  it('caches lookups by id: writes through the same repositories show at once, another process\'s within the cache time', async () => {
    const clock = createTestClock();
    const cached = createRepositories(getStore(), { secretKey: testSecretKey, clock, readCacheTtlMs: 1000 });
    const elsewhere = repositoriesFor(getStore(), clock);
    const { application } = await cached.applications.createApplication({ name: 'Before', redirectUris: ['https://before.example/cb'] });
    expect((await cached.applications.findById(application.id))?.redirectUris).toEqual(['https://before.example/cb']);
    await cached.applications.update(application.id, { redirectUris: ['https://here.example/cb'] });
    expect((await cached.applications.findById(application.id))?.redirectUris).toEqual(['https://here.example/cb']);
    await elsewhere.applications.update(application.id, { redirectUris: ['https://elsewhere.example/cb'] });
    expect((await cached.applications.findById(application.id))?.redirectUris).toEqual(['https://here.example/cb']);
    clock.advance(1000);
    expect((await cached.applications.findById(application.id))?.redirectUris).toEqual(['https://elsewhere.example/cb']);
    await cached.applications.delete(application.id);
    expect(await cached.applications.findById(application.id)).toBeNull();
  });
});
