/**
 * @module The store's constraint violations during an approval, as the outcomes a client sees: the
 * application deleted while its owner consents is `application-gone`, another consent's grant
 * appearing between look-up and insert is `grant-conflict`; either way nothing is stored and the flow
 * stays open. A repository wrapper does the deleting or inserting between the consent's own steps.
 */
import { expect, it } from 'vitest';
import { completeConnect } from '../../src/connect/complete-connect.js';
import type { VehicleChoice } from '../../src/connect/grant-plan.js';
import { ConnectionEvents } from '../../src/connections/connection-events.js';
import { revokeConnections } from '../../src/connections/revoke-connections.js';
import type { Repositories } from '../../src/store/index.js';
import { describeEachDatabase } from '../store/database-harness.js';
import { createTestClock, repositoriesFor, storeWorld } from '../store/fixtures.js';
import { seedWorld } from '../helpers/test-world.js';
import { approvalFlow, teslaChoice } from '../helpers/connect-flow.js';

/** `repositories` whose transactions hand `work` the transaction's repositories as `hook` rewires them. */
function hooked(repositories: Repositories, hook: (open: Repositories) => Repositories): Repositories {
  return { ...repositories, transaction: (work) => repositories.transaction((open) => work(hook(open))) };
}

describeEachDatabase('constraint violations during an approval', (getStore, context) => {
  const choice = teslaChoice('vehicle-2', '5YJ3E1EA7KF317002');
  const account = { make: 'TESLA', mode: 'simulated' as const, providerAccountId: 'account-2', email: 'second@example.com' };
  const events = new ConnectionEvents(() => undefined);

  it('answers application-gone when another process deletes the application between the consent’s steps, storing nothing', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const { application } = await seedWorld(repositories, storeWorld);
    // Another process's deletion commits while the consent runs: on PostgreSQL after the owner account
    // is stored and before its user is; SQLite runs one writer at a time, so there it lands just before.
    const elsewhere = context.dialect === 'postgres' ? repositoriesFor(await context.openAnother(), createTestClock()) : null;
    const deleting: Repositories =
      elsewhere === null
        ? { ...repositories, transaction: async (work) => ((await repositories.applications.delete(application.id)) ? repositories.transaction(work) : Promise.reject(new Error('not deleted'))) }
        : hooked(repositories, (open) => ({
            ...open,
            users: {
              ...open.users,
              findOrCreate: async (applicationId, ownerAccountId) => {
                expect(await elsewhere.applications.delete(applicationId)).toBe(true);
                return open.users.findOrCreate(applicationId, ownerAccountId);
              },
            },
          }));

    const approval = await completeConnect({ repositories: deleting, connectionEvents: events }, approvalFlow(application.id), account, [choice], 'simulated');

    expect(approval).toEqual({ kind: 'application-gone' });
    expect(await repositories.ownerAccounts.findByProviderAccount('TESLA', 'simulated', 'account-2')).toBeNull();
    expect(await repositories.vehicles.findByProviderVehicle('TESLA', 'simulated', 'vehicle-2')).toBeNull();
    expect(await repositories.finishedFlows.isFinished('flow-a')).toBe(false);
  });

  it('answers application-gone when the application was deleted before the consent began', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const { application } = await seedWorld(repositories, storeWorld);
    await repositories.applications.delete(application.id);

    const approval = await completeConnect({ repositories, connectionEvents: events }, approvalFlow(application.id), account, [choice], 'simulated');

    expect(approval).toEqual({ kind: 'application-gone' });
    expect(await repositories.finishedFlows.isFinished('flow-a')).toBe(false);
  });

  it('answers grant-conflict when another consent’s grant of the vehicle id lands before the insert, storing nothing', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    // The application knew the seeded vehicle before (a disconnected grant): a new consent gives that id back.
    const seeded = await seedWorld(repositories, storeWorld);
    await revokeConnections({ repositories, connectionEvents: events }, { kind: 'connection', connectionId: seeded.connection.id }, 'application_disconnected');
    const seededChoice: VehicleChoice = { ...choice, vehicle: { ...choice.vehicle, ref: { ...choice.vehicle.ref, providerVehicleId: 'vehicle-1' } } };
    const racing = hooked(repositories, (open) => ({
      ...open,
      connections: {
        ...open.connections,
        // The grant a concurrent consent records after this one found none to replace.
        create: async (input) => {
          await open.connections.create({ ...input, userId: seeded.user.id });
          return open.connections.create(input);
        },
      },
    }));
    const revoked: string[] = [];
    const watched = new ConnectionEvents(() => undefined);
    watched.onRevoked((event) => {
      revoked.push(...event.connections.map((connection) => connection.id));
    });

    const approval = await completeConnect({ repositories: racing, connectionEvents: watched }, approvalFlow(seeded.application.id), { ...account, providerAccountId: 'account-1' }, [seededChoice], 'simulated');

    expect(approval).toEqual({ kind: 'grant-conflict' });
    expect(await repositories.connections.findActiveByApplicationVehicleId(seeded.application.id, seeded.connection.applicationVehicleId)).toBeNull();
    expect(await repositories.finishedFlows.isFinished('flow-a')).toBe(false);
    expect(revoked).toEqual([]);
  });
});
