/**
 * @module Two consents for one vehicle side by side (two processes on PostgreSQL): both succeed and
 * the vehicle keeps one active grant under the id the application knew. The later consent waits on
 * the vehicle row the earlier one upserted, then replaces its grant; were that wait ever lost, the
 * later insert would meet the active-grant constraint instead (a 500).
 */
import { expect, it } from 'vitest';
import { completeConnect } from '../../src/connect/complete-connect.js';
import { ConnectionEvents } from '../../src/connections/connection-events.js';
import { revokeConnections } from '../../src/connections/revoke-connections.js';
import type { Repositories } from '../../src/store/index.js';
import { describeEachDatabase } from '../store/database-harness.js';
import { createTestClock, repositoriesFor, storeWorld } from '../store/fixtures.js';
import { seedWorld } from '../helpers/test-world.js';
import { approvalFlow, teslaChoice } from '../helpers/connect-flow.js';

describeEachDatabase('concurrent consents', (getStore, context) => {
  const choice = teslaChoice('vehicle-1', '5YJ3E1EA7KF317000');

  it('replaces the grant the other consent committed, whichever commits first', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    // The application knew the vehicle before (a disconnected grant): both consents give it that id back.
    const seeded = await seedWorld(repositories, storeWorld);
    await revokeConnections({ repositories, connectionEvents: new ConnectionEvents(() => undefined) }, { kind: 'connection', connectionId: seeded.connection.id }, 'application_disconnected');
    const other: Repositories = context.dialect === 'postgres' ? repositoriesFor(await context.openAnother(), clock) : repositories;
    const account = { make: 'TESLA', mode: 'simulated' as const, providerAccountId: 'account-1', email: 'owner@example.com' };
    const revoked: string[] = [];
    const events = new ConnectionEvents(() => undefined);
    events.onRevoked((event) => {
      revoked.push(...event.connections.map((connection) => connection.revocationReason ?? 'none'));
    });

    // The first consent stays uncommitted while the second one starts (on SQLite the second waits its turn).
    let commitFirst = (): void => undefined;
    const firstMayCommit = new Promise<void>((resolve) => {
      commitFirst = resolve;
    });
    const first = repositories.transaction(async (open) => {
      const completion = await completeConnect({ repositories: open, connectionEvents: events }, approvalFlow(seeded.application.id, 'flow-a'), account, [choice], 'simulated');
      await firstMayCommit;
      return completion;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = completeConnect({ repositories: other, connectionEvents: events }, approvalFlow(seeded.application.id, 'flow-b'), account, [choice], 'simulated');
    await new Promise((resolve) => setTimeout(resolve, 300));
    commitFirst();
    const completions = await Promise.all([first, second]);
    expect(completions).toEqual([
      { kind: 'approved', code: expect.any(String) as unknown, applicationVehicleIds: [seeded.connection.applicationVehicleId] },
      { kind: 'approved', code: expect.any(String) as unknown, applicationVehicleIds: [seeded.connection.applicationVehicleId] },
    ]);
    const active = await repositories.connections.findActiveByApplicationAndUser(seeded.application.id, seeded.user.id);
    expect(active.map((connection) => connection.applicationVehicleId)).toEqual([seeded.connection.applicationVehicleId]);
    expect(revoked).toEqual(['reconnected']);
  });
});
