/** @module Tests of the connection (grant) repository: pseudonyms, revocation, keyset paging. */
import { expect, it } from 'vitest';
import type { ConnectionRecord, Repositories } from '../../src/store/index.js';
import { describeEachDatabase } from './database-harness.js';
import { createTestClock, repositoriesFor, storeWorld, anyUuid, type TestClock } from './fixtures.js';
import { seedWorld, type SeededWorldWithoutTokens } from '../helpers/test-world.js';

/** Connects `count` more vehicles of the seeded owner, advancing the clock by `stepMs` between them. */
async function connectMore(
  repositories: Repositories,
  seeded: SeededWorldWithoutTokens,
  clock: TestClock,
  count: number,
  stepMs: number,
  label = 'extra',
) {
  const created: ConnectionRecord[] = [];
  for (let index = 0; index < count; index += 1) {
    clock.advance(stepMs);
    const vehicle = await repositories.vehicles.upsert({ make: 'TESLA', providerVehicleId: `${label}-${index}`, mode: 'simulated', ownerAccountId: seeded.owner.id });
    created.push(
      await repositories.connections.create({
        applicationId: seeded.application.id,
        userId: seeded.user.id,
        vehicleId: vehicle.id,
        permissions: ['read_odometer'],
        mode: 'simulated',
      }),
    );
  }
  return created;
}

describeEachDatabase('connection repository', (getStore) => {
  it('creates an active grant with a pseudonymous vehicle id', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const seeded = await seedWorld(repositories, storeWorld);
    expect(seeded.connection).toEqual({
      id: anyUuid,
      applicationId: seeded.application.id,
      userId: seeded.user.id,
      vehicleId: seeded.vehicle.id,
      applicationVehicleId: anyUuid,
      permissions: ['read_battery', 'read_vin'],
      mode: 'simulated',
      connectedAt: '2026-11-22T02:24:42.000Z',
      revokedAt: null,
      revocationReason: null,
    });
    expect(seeded.connection.applicationVehicleId).not.toBe(seeded.vehicle.id);
    expect(await repositories.connections.findById(seeded.connection.id)).toEqual(seeded.connection);
    expect(await repositories.connections.findActiveByApplicationAndUser(seeded.application.id, seeded.user.id)).toEqual([seeded.connection]);
    expect(
      await repositories.connections.findActiveByApplicationVehicleId(seeded.application.id, seeded.connection.applicationVehicleId),
    ).toEqual(seeded.connection);
    expect(await repositories.connections.listActiveByVehicle(seeded.vehicle.id)).toEqual([seeded.connection]);
  });

  it('revokes once, and a reconnected vehicle keeps its pseudonym', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const seeded = await seedWorld(repositories, storeWorld);
    clock.advance(1_000);
    const revoked = await repositories.connections.revoke(seeded.connection.id, 'owner_revoked');
    expect(revoked).toEqual({ ...seeded.connection, revokedAt: '2026-11-22T02:24:43.000Z', revocationReason: 'owner_revoked' });
    // A grant already revoked keeps the reason that ended it.
    expect(await repositories.connections.revoke(seeded.connection.id, 'application_disconnected')).toBeNull();
    expect(await repositories.connections.findById(seeded.connection.id)).toEqual(revoked);
    expect(await repositories.connections.findActiveByApplicationAndUser(seeded.application.id, seeded.user.id)).toEqual([]);
    expect(
      await repositories.connections.findActiveByApplicationVehicleId(seeded.application.id, seeded.connection.applicationVehicleId),
    ).toBeNull();

    const again = await repositories.connections.create({
      applicationId: seeded.application.id,
      userId: seeded.user.id,
      vehicleId: seeded.vehicle.id,
      permissions: ['read_battery'],
      mode: 'simulated',
    });
    expect(again.id).not.toBe(seeded.connection.id);
    expect(again.applicationVehicleId).toBe(seeded.connection.applicationVehicleId);
  });

  it('refuses a second active grant on the same pseudonym', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const seeded = await seedWorld(repositories, storeWorld);
    await expect(
      repositories.connections.create({
        applicationId: seeded.application.id,
        userId: seeded.user.id,
        vehicleId: seeded.vehicle.id,
        permissions: [],
        mode: 'simulated',
      }),
    ).rejects.toMatchObject({ name: 'ConstraintViolationError', kind: 'unique' });
  });

  it('gives the same vehicle different pseudonyms in different applications', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const seeded = await seedWorld(repositories, storeWorld);
    const { application } = await repositories.applications.createApplication({ name: 'Other', redirectUris: [] });
    const user = await repositories.users.findOrCreate(application.id, seeded.owner.id);
    const other = await repositories.connections.create({ applicationId: application.id, userId: user.id, vehicleId: seeded.vehicle.id, permissions: [], mode: 'simulated' });
    expect(other.applicationVehicleId).not.toBe(seeded.connection.applicationVehicleId);
    expect(await repositories.connections.listActiveByVehicle(seeded.vehicle.id)).toHaveLength(2);
  });

  it('revokes by application vehicle id and by user', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const seeded = await seedWorld(repositories, storeWorld);
    const more = await connectMore(repositories, seeded, clock, 2, 1_000);
    const byVehicle = await repositories.connections.revokeForApplicationVehicle(seeded.application.id, seeded.connection.applicationVehicleId, 'application_disconnected');
    expect(byVehicle.map((connection) => [connection.id, connection.revocationReason])).toEqual([[seeded.connection.id, 'application_disconnected']]);
    const byUser = await repositories.connections.revokeForUser(seeded.application.id, seeded.user.id, 'management_api_deleted');
    expect(byUser.map((connection) => connection.id).sort()).toEqual(more.map((connection) => connection.id).sort());
    expect(byUser.map((connection) => connection.revocationReason)).toEqual(['management_api_deleted', 'management_api_deleted']);
    expect(await repositories.connections.revokeForUser(seeded.application.id, seeded.user.id, 'management_api_deleted')).toEqual([]);
  });

  it('finds the latest revoked grant on a pseudonym, with its reason', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const seeded = await seedWorld(repositories, storeWorld);
    const { applicationVehicleId } = seeded.connection;
    expect(await repositories.connections.findLatestRevokedByApplicationVehicleId(seeded.application.id, applicationVehicleId)).toBeNull();
    clock.advance(1_000);
    await repositories.connections.revoke(seeded.connection.id, 'reconnected');
    const again = await repositories.connections.create({ applicationId: seeded.application.id, userId: seeded.user.id, vehicleId: seeded.vehicle.id, permissions: ['read_battery'], mode: 'simulated' });
    clock.advance(1_000);
    await repositories.connections.revoke(again.id, 'owner_revoked');
    expect(await repositories.connections.findLatestRevokedByApplicationVehicleId(seeded.application.id, applicationVehicleId)).toEqual({
      ...again,
      revokedAt: '2026-11-22T02:24:44.000Z',
      revocationReason: 'owner_revoked',
    });
    const { application } = await repositories.applications.createApplication({ name: 'Other', redirectUris: [] });
    expect(await repositories.connections.findLatestRevokedByApplicationVehicleId(application.id, applicationVehicleId)).toBeNull();
  });

  it('pages newest first on (connectedAt, id), ties included, without gaps or repeats', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const seeded = await seedWorld(repositories, storeWorld);
    // Three at distinct times, then four sharing one timestamp: the id must break the tie.
    const distinct = await connectMore(repositories, seeded, clock, 3, 1_000);
    clock.advance(1_000);
    const tied = await connectMore(repositories, seeded, clock, 4, 0, 'tied');
    const expected = [seeded.connection, ...distinct, ...tied].sort((a, b) =>
      a.connectedAt === b.connectedAt ? (a.id < b.id ? 1 : -1) : a.connectedAt < b.connectedAt ? 1 : -1,
    );

    const seen: ConnectionRecord[] = [];
    let page = await repositories.connections.listByApplication(seeded.application.id, { limit: 3 });
    const sizes = [page.items.length];
    seen.push(...page.items);
    while (page.next !== null) {
      page = await repositories.connections.listByApplication(seeded.application.id, { limit: 3, after: page.next });
      sizes.push(page.items.length);
      seen.push(...page.items);
    }
    expect(sizes).toEqual([3, 3, 2]);
    expect(seen).toEqual(expected);
  });

  it('filters listings by user, vehicle pseudonym and revocation', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const seeded = await seedWorld(repositories, storeWorld);
    const [second] = await connectMore(repositories, seeded, clock, 1, 1_000);
    await repositories.connections.revoke(seeded.connection.id, 'owner_revoked');
    const active = await repositories.connections.listByApplication(seeded.application.id, { limit: 10 });
    expect(active).toEqual({ items: [second], next: null });
    const all = await repositories.connections.listByApplication(seeded.application.id, { limit: 10, includeRevoked: true });
    expect(all.items.map((connection) => connection.id)).toEqual([second?.id, seeded.connection.id]);
    const byPseudonym = await repositories.connections.listByApplication(seeded.application.id, {
      limit: 10,
      includeRevoked: true,
      applicationVehicleId: seeded.connection.applicationVehicleId,
    });
    expect(byPseudonym.items.map((connection) => connection.id)).toEqual([seeded.connection.id]);
    const byOtherUser = await repositories.connections.listByApplication(seeded.application.id, { limit: 10, userId: seeded.owner.id });
    expect(byOtherUser.items).toEqual([]);
    await expect(repositories.connections.listByApplication(seeded.application.id, { limit: 0 })).rejects.toThrow(RangeError);
  });
});
