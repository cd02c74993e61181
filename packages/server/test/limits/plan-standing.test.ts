/** @module The store queries behind plans and the Management API's mode filter, on SQLite and PostgreSQL. */
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../store/database-harness.js';
import { createTestClock, repositoriesFor } from '../store/fixtures.js';
import { seedApplication, seedConnectedOwner } from '../helpers/test-world.js';

describeEachDatabase('plan standing', (getStore) => {
  it('reads plan, suspension and connected vehicles in one query, and suspends and reinstates', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const seeded = await seedApplication(repositories, { plan: 'build' });
    expect(await repositories.applications.findPlanStanding(seeded.applicationId)).toEqual({ plan: 'build', suspendedAt: null, connectedVehicles: 0, lifecycleState: 'released', lifecycleReason: null });
    const connected = (await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 3, mode: 'live' })).connections;
    await repositories.connections.revoke(connected[1]?.id ?? '', 'owner_revoked');
    expect(await repositories.applications.findPlanStanding(seeded.applicationId)).toEqual({ plan: 'build', suspendedAt: null, connectedVehicles: 2, lifecycleState: 'released', lifecycleReason: null });
    // Test and simulated vehicles are free: they never count against the plan.
    await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 4, mode: 'test' });
    await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 5, mode: 'simulated' });
    expect((await repositories.applications.findPlanStanding(seeded.applicationId))?.connectedVehicles).toBe(2);
    clock.advance(1_000);
    expect(await repositories.applications.setSuspended(seeded.applicationId, true)).toBe(true);
    expect(await repositories.applications.findPlanStanding(seeded.applicationId)).toEqual({ plan: 'build', suspendedAt: clock.iso(), connectedVehicles: 2, lifecycleState: 'released', lifecycleReason: null });
    expect(await repositories.applications.setSuspended(seeded.applicationId, false)).toBe(true);
    expect((await repositories.applications.findPlanStanding(seeded.applicationId))?.suspendedAt).toBeNull();
    expect(await repositories.applications.setSuspended('00000000-0000-4000-8000-000000000000', true)).toBe(false);
    expect(await repositories.applications.findPlanStanding('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('names the longest-connected live vehicles a plan covers', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const seeded = await seedApplication(repositories);
    const connected = [];
    for (let index = 0; index < 4; index += 1) {
      clock.advance(10);
      connected.push(...(await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 1, mode: 'live' })).connections);
      await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 1, mode: 'test' });
    }
    const ids = connected.map((connection) => connection.applicationVehicleId);
    expect(await repositories.applications.earliestConnectedVehicleIds(seeded.applicationId, 2)).toEqual(ids.slice(0, 2));
    await repositories.connections.revoke(connected[0]?.id ?? '', 'owner_revoked');
    expect(await repositories.applications.earliestConnectedVehicleIds(seeded.applicationId, 2)).toEqual(ids.slice(1, 3));
    expect(await repositories.applications.earliestConnectedVehicleIds(seeded.applicationId, 0)).toEqual([]);
  });

  it('filters listed connections by mode', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const seeded = await seedApplication(repositories);
    const [live] = (await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 1, mode: 'live' })).connections;
    await seedConnectedOwner(repositories, seeded.applicationId, { vehicles: 2, mode: 'simulated' });
    const page = await repositories.connections.listByApplication(seeded.applicationId, { limit: 10, mode: 'live' });
    expect(page).toEqual({ items: [live], next: null });
    expect((await repositories.connections.listByApplication(seeded.applicationId, { limit: 10, mode: 'simulated' })).items).toHaveLength(2);
    expect((await repositories.connections.listByApplication(seeded.applicationId, { limit: 10, mode: 'test' })).items).toHaveLength(0);
  });
});
