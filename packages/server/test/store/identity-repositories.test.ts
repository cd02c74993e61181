/** @module Tests of the owner account, vehicle and user repositories. */
import { expect, it } from 'vitest';
import { ConstraintViolationError } from '../../src/store/index.js';
import { describeEachDatabase } from './database-harness.js';
import { createTestClock, repositoriesFor, anyUuid } from './fixtures.js';

const missingId = '00000000-0000-4000-8000-000000000000';

describeEachDatabase('owner account repository', (getStore) => {
  it('creates and finds an account', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const account = await repositories.ownerAccounts.create({ make: 'NIO', providerAccountId: 'nio-42', mode: 'live', email: 'a@example.com' });
    expect(account).toEqual({
      id: anyUuid,
      make: 'NIO',
      providerAccountId: 'nio-42',
      email: 'a@example.com',
      mode: 'live',
      createdAt: '2026-11-22T02:24:42.000Z',
    });
    expect(await repositories.ownerAccounts.findById(account.id)).toEqual(account);
    expect(await repositories.ownerAccounts.findByProviderAccount('NIO', 'live', 'nio-42')).toEqual(account);
    expect(await repositories.ownerAccounts.findByProviderAccount('NIO', 'test', 'nio-42')).toBeNull();
  });

  it('refuses a second account with the same make, mode and provider id', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    await repositories.ownerAccounts.create({ make: 'NIO', providerAccountId: 'nio-42', mode: 'live' });
    const error = await repositories.ownerAccounts.create({ make: 'NIO', providerAccountId: 'nio-42', mode: 'live' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConstraintViolationError);
    expect(error).toMatchObject({ kind: 'unique' });
    // Another mode is another world: allowed.
    await expect(repositories.ownerAccounts.create({ make: 'NIO', providerAccountId: 'nio-42', mode: 'test' })).resolves.toMatchObject({ mode: 'test' });
  });

  it('upserts: same identity, same id; a new email replaces the old, a missing one keeps it', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const first = await repositories.ownerAccounts.upsert({ make: 'TESLA', providerAccountId: 't-1', mode: 'simulated', email: 'old@example.com' });
    clock.advance(1_000);
    const second = await repositories.ownerAccounts.upsert({ make: 'TESLA', providerAccountId: 't-1', mode: 'simulated', email: 'new@example.com' });
    expect(second).toEqual({ ...first, email: 'new@example.com' });
    const third = await repositories.ownerAccounts.upsert({ make: 'TESLA', providerAccountId: 't-1', mode: 'simulated' });
    expect(third).toEqual(second);
  });
});

describeEachDatabase('vehicle repository', (getStore) => {
  it('creates, finds and lists vehicles', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const owner = await repositories.ownerAccounts.create({ make: 'TESLA', providerAccountId: 't-1', mode: 'simulated' });
    const vehicle = await repositories.vehicles.create({
      make: 'TESLA',
      providerVehicleId: 'sim-1',
      mode: 'simulated',
      ownerAccountId: owner.id,
      vin: '5YJ3E1EA7KF000001',
      model: 'Model 3',
      year: 2019,
    });
    expect(vehicle).toEqual({
      id: anyUuid,
      ownerAccountId: owner.id,
      make: 'TESLA',
      providerVehicleId: 'sim-1',
      vin: '5YJ3E1EA7KF000001',
      model: 'Model 3',
      year: 2019,
      mode: 'simulated',
      createdAt: '2026-11-22T02:24:42.000Z',
      providerId: 'simulated',
    });
    expect(await repositories.vehicles.findById(vehicle.id)).toEqual(vehicle);
    expect(await repositories.vehicles.findByProviderVehicle('TESLA', 'simulated', 'sim-1')).toEqual(vehicle);
    expect(await repositories.vehicles.listByOwnerAccount(owner.id)).toEqual([vehicle]);
    expect(await repositories.vehicles.findById(missingId)).toBeNull();
  });

  it('refuses duplicate provider vehicles and unknown owners', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    await repositories.vehicles.create({ make: 'TESLA', providerVehicleId: 'sim-1', mode: 'simulated' });
    await expect(repositories.vehicles.create({ make: 'TESLA', providerVehicleId: 'sim-1', mode: 'simulated' })).rejects.toMatchObject({
      kind: 'unique',
    });
    await expect(
      repositories.vehicles.create({ make: 'TESLA', providerVehicleId: 'sim-2', mode: 'simulated', ownerAccountId: missingId }),
    ).rejects.toMatchObject({ kind: 'foreign_key' });
  });

  it('records the provider serving the vehicle: given on create, replaced by an upsert naming one, kept by one that does not', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const created = await repositories.vehicles.create({ make: 'TESLA', providerVehicleId: 'fleet-1', mode: 'live', providerId: 'tesla-fleet' });
    expect(created.providerId).toBe('tesla-fleet');
    expect((await repositories.vehicles.upsert({ make: 'TESLA', providerVehicleId: 'fleet-1', mode: 'live', year: 2024 })).providerId).toBe('tesla-fleet');
    expect((await repositories.vehicles.upsert({ make: 'TESLA', providerVehicleId: 'fleet-1', mode: 'live', providerId: 'simulated' })).providerId).toBe('simulated');
    expect(await repositories.vehicles.findById(created.id)).toMatchObject({ providerId: 'simulated', year: 2024 });
  });

  it('upserts: keeps the id, updates the owner and given attributes, keeps the rest', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const alice = await repositories.ownerAccounts.create({ make: 'TESLA', providerAccountId: 'alice', mode: 'simulated' });
    const bob = await repositories.ownerAccounts.create({ make: 'TESLA', providerAccountId: 'bob', mode: 'simulated' });
    const first = await repositories.vehicles.upsert({
      make: 'TESLA',
      providerVehicleId: 'sim-1',
      mode: 'simulated',
      ownerAccountId: alice.id,
      vin: 'VIN1',
      model: 'Model S',
    });
    const second = await repositories.vehicles.upsert({ make: 'TESLA', providerVehicleId: 'sim-1', mode: 'simulated', ownerAccountId: bob.id, year: 2021 });
    expect(second).toEqual({ ...first, ownerAccountId: bob.id, year: 2021 });
    expect(await repositories.vehicles.listByOwnerAccount(alice.id)).toEqual([]);
  });
});

describeEachDatabase('user repository', (getStore) => {
  it('finds or creates one user per application and owner account', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const { application } = await repositories.applications.createApplication({ name: 'A', redirectUris: [] });
    const { application: other } = await repositories.applications.createApplication({ name: 'B', redirectUris: [] });
    const owner = await repositories.ownerAccounts.create({ make: 'TESLA', providerAccountId: 't-1', mode: 'simulated' });
    const user = await repositories.users.findOrCreate(application.id, owner.id);
    expect(user).toEqual({
      id: anyUuid,
      applicationId: application.id,
      ownerAccountId: owner.id,
      createdAt: '2026-11-22T02:24:42.000Z',
    });
    expect(await repositories.users.findOrCreate(application.id, owner.id)).toEqual(user);
    const elsewhere = await repositories.users.findOrCreate(other.id, owner.id);
    expect(elsewhere.id).not.toBe(user.id);
    expect(await repositories.users.findById(user.id)).toEqual(user);
    expect(await repositories.users.findByApplicationAndOwner(application.id, owner.id)).toEqual(user);
    expect(await repositories.users.listByApplication(application.id)).toEqual([user]);
  });

  it('refuses a duplicate user and dangling references', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const { application } = await repositories.applications.createApplication({ name: 'A', redirectUris: [] });
    const owner = await repositories.ownerAccounts.create({ make: 'TESLA', providerAccountId: 't-1', mode: 'simulated' });
    await repositories.users.create(application.id, owner.id);
    await expect(repositories.users.create(application.id, owner.id)).rejects.toMatchObject({ kind: 'unique' });
    await expect(repositories.users.create(missingId, owner.id)).rejects.toMatchObject({ kind: 'foreign_key' });
    await expect(repositories.users.findOrCreate(application.id, missingId)).rejects.toBeInstanceOf(ConstraintViolationError);
  });

  it('hands out one user to concurrent first consents', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const { application } = await repositories.applications.createApplication({ name: 'A', redirectUris: [] });
    const owner = await repositories.ownerAccounts.create({ make: 'TESLA', providerAccountId: 't-1', mode: 'simulated' });
    const users = await Promise.all(Array.from({ length: 8 }, () => repositories.users.findOrCreate(application.id, owner.id)));
    expect(new Set(users.map((user) => user.id)).size).toBe(1);
  });
});
