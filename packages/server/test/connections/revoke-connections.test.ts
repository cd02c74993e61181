/**
 * @module `revokeConnections` on SQLite and PostgreSQL: the grant and what the in-transaction listeners
 * write commit together or not at all, the after-commit listeners hear only committed revocations, and
 * the cached grant lookup stops answering the revoked grant at once.
 */
import { expect, it } from 'vitest';
import { ConnectionEvents, type ConnectionsRevoked } from '../../src/connections/connection-events.js';
import { revokeConnections } from '../../src/connections/revoke-connections.js';
import { createRepositories, type Repositories } from '../../src/store/index.js';
import { endSubscriptionsOfRevokedConnections } from '../../src/webhooks/revocation-listener.js';
import { describeEachDatabase } from '../store/database-harness.js';
import { createTestClock, storeWorld, testSecretKey } from '../store/fixtures.js';
import { seedWorld } from '../helpers/test-world.js';

describeEachDatabase('revoking connections', (getStore) => {
  /** Repositories whose grant lookups are cached for a minute, a seeded grant with one webhook subscription, and events recording what they hear. */
  async function setUp() {
    const repositories: Repositories = createRepositories(getStore(), { secretKey: testSecretKey, clock: createTestClock(), readCacheTtlMs: 60_000 });
    const seeded = await seedWorld(repositories, storeWorld);
    const webhook = await repositories.webhooks.create({ applicationId: seeded.application.id, name: 'Charging', callbackUrl: 'https://hooks.example/cb', kind: 'eventBased', mode: 'simulated', config: { eventTypes: ['CHARGING_STARTED'] } });
    await repositories.subscriptions.subscribe(webhook.id, seeded.connection.id);
    const listenerErrors: unknown[] = [];
    const connectionEvents = new ConnectionEvents((error) => listenerErrors.push(error));
    connectionEvents.onRevoking(endSubscriptionsOfRevokedConnections);
    const committed: ConnectionsRevoked[] = [];
    connectionEvents.onRevoked((event) => {
      committed.push(event);
    });
    return { services: { repositories, connectionEvents }, seeded, webhookId: webhook.id, committed, listenerErrors };
  }

  it('revokes with the reason, ends the subscriptions in the same transaction, then tells the after-commit listeners once', async () => {
    const { services, seeded, webhookId, committed, listenerErrors } = await setUp();
    const { repositories } = services;
    // Cached before the revocation: the lookup must not keep answering the revoked grant.
    expect((await repositories.connections.findActiveByApplicationVehicleId(seeded.application.id, seeded.connection.applicationVehicleId))?.id).toBe(seeded.connection.id);
    const seenInside: (string | null)[] = [];
    services.connectionEvents.onRevoking(async (inside, event) => {
      seenInside.push((await inside.connections.findById(event.connections[0]?.id ?? ''))?.revocationReason ?? null);
    });

    const revoked = await revokeConnections(services, { kind: 'application-vehicle', applicationId: seeded.application.id, applicationVehicleId: seeded.connection.applicationVehicleId }, 'application_disconnected');
    const expected = { ...seeded.connection, revokedAt: revoked[0]?.revokedAt, revocationReason: 'application_disconnected' };
    expect(revoked).toEqual([expected]);
    expect(typeof revoked[0]?.revokedAt).toBe('string');
    expect(seenInside).toEqual(['application_disconnected']);
    expect(committed).toEqual([{ reason: 'application_disconnected', connections: [expected] }]);
    expect(await repositories.subscriptions.listByWebhook(webhookId)).toEqual([]);
    expect(await repositories.connections.findActiveByApplicationVehicleId(seeded.application.id, seeded.connection.applicationVehicleId)).toBeNull();

    // Nothing active is left: revoking again revokes nothing and tells nobody.
    expect(await revokeConnections(services, { kind: 'connection', connectionId: seeded.connection.id }, 'owner_revoked')).toEqual([]);
    expect(committed).toHaveLength(1);
    expect(listenerErrors).toEqual([]);
  });

  it('revokes nothing when an in-transaction listener fails, and tells no after-commit listener', async () => {
    const { services, seeded, webhookId, committed } = await setUp();
    const failure = new Error('subscriptions unavailable');
    services.connectionEvents.onRevoking(() => Promise.reject(failure));

    await expect(revokeConnections(services, { kind: 'user', applicationId: seeded.application.id, userId: seeded.user.id }, 'management_api_deleted')).rejects.toBe(failure);
    expect(await services.repositories.connections.findById(seeded.connection.id)).toEqual(seeded.connection);
    expect((await services.repositories.subscriptions.listByWebhook(webhookId)).map((subscription) => subscription.connectionId)).toEqual([seeded.connection.id]);
    expect(committed).toEqual([]);
  });

  it('keeps a committed revocation when an after-commit listener fails, reporting the failure and telling the others', async () => {
    const { services, seeded, committed, listenerErrors } = await setUp();
    const failure = new Error('cache unavailable');
    const tooLate = new ConnectionEvents((error) => listenerErrors.push(error));
    tooLate.onRevoked(() => {
      throw failure;
    });
    tooLate.onRevoked((event) => {
      committed.push(event);
    });

    const revoked = await revokeConnections({ repositories: services.repositories, connectionEvents: tooLate }, { kind: 'connection', connectionId: seeded.connection.id }, 'owner_revoked');
    expect(revoked.map((connection) => connection.revocationReason)).toEqual(['owner_revoked']);
    expect((await services.repositories.connections.findById(seeded.connection.id))?.revocationReason).toBe('owner_revoked');
    expect(listenerErrors).toEqual([failure]);
    expect(committed).toEqual([{ reason: 'owner_revoked', connections: revoked }]);
  });
});
