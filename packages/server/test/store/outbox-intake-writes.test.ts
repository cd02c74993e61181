/** @module Tests of what the event intake leans on in the store: many deliveries in one insert, idempotent on their keys, and delivery targets cached until a change clears them. */
import { expect, it } from 'vitest';
import { createRepositories, type NewWebhookDelivery, type Repositories } from '../../src/store/index.js';
import { describeEachDatabase } from './database-harness.js';
import { createTestClock, repositoriesFor, storeWorld, testSecretKey, type TestClock } from './fixtures.js';
import { seedWorld } from '../helpers/test-world.js';

async function seedWebhook(repositories: Repositories) {
  const seeded = await seedWorld(repositories, storeWorld);
  const webhook = await repositories.webhooks.create({
    applicationId: seeded.application.id,
    name: 'Events',
    callbackUrl: 'https://app.example/hooks',
    kind: 'eventBased',
    mode: 'simulated',
    config: { eventTypes: ['CHARGING_STARTED'] },
  });
  return { ...seeded, webhook };
}

describeEachDatabase('outbox writes of the event intake', (getStore) => {
  it('inserts many deliveries in one call, skips keys already taken (before or within the call) and counts only the new', async () => {
    const clock: TestClock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const { application, webhook } = await seedWebhook(repositories);
    const delivery = (key: string, index: number): NewWebhookDelivery => ({
      applicationId: application.id,
      webhookId: webhook.id,
      eventType: 'CHARGING_STARTED',
      payload: { index, nested: { text: 'é' } },
      dedupeKey: key,
    });
    expect(await repositories.outbox.enqueueDeliveries([])).toBe(0);
    expect(await repositories.outbox.enqueueDeliveries([delivery('a', 0), delivery('b', 1)])).toBe(2);
    expect(await repositories.outbox.enqueueDeliveries([delivery('b', 2), delivery('c', 3), delivery('c', 4), delivery('d', 5)])).toBe(2);

    const page = await repositories.outbox.listDeliveries({ applicationId: application.id, limit: 10 });
    expect(page.items.map((item) => [item.dedupeKey, item.payload, item.status, item.createdAt]).sort()).toEqual([
      ['a', { index: 0, nested: { text: 'é' } }, 'pending', '2026-11-22T02:24:42.000Z'],
      ['b', { index: 1, nested: { text: 'é' } }, 'pending', '2026-11-22T02:24:42.000Z'],
      ['c', { index: 3, nested: { text: 'é' } }, 'pending', '2026-11-22T02:24:42.000Z'],
      ['d', { index: 5, nested: { text: 'é' } }, 'pending', '2026-11-22T02:24:42.000Z'],
    ]);
    // A claim hands over the body exactly as it is sent and signed: compact JSON of the payload.
    const claimed = await repositories.outbox.claimDueDeliveries({ workerId: 'w', limit: 10, leaseSeconds: 30 });
    expect(claimed.map((item) => item.body).sort()).toEqual([0, 1, 3, 5].map((index) => `{"index":${index},"nested":{"text":"é"}}`));
  });

  it('inserts more deliveries than one statement takes, all or nothing', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const { application, webhook } = await seedWebhook(repositories);
    const many = Array.from({ length: 1_203 }, (_, index) => ({ applicationId: application.id, webhookId: webhook.id, eventType: 'CHARGING_STARTED', payload: { index }, dedupeKey: `k${index}` }));
    expect(await repositories.outbox.enqueueDeliveries(many)).toBe(1_203);
    expect((await repositories.outbox.listDeliveries({ applicationId: application.id, limit: 2_000 })).items).toHaveLength(1_203);
    // The last row names a webhook that does not exist: the whole call fails and inserts nothing.
    const broken = [...many.map((item) => ({ ...item, dedupeKey: `again-${item.dedupeKey}` })), { applicationId: application.id, webhookId: '00000000-0000-4000-8000-000000000000', eventType: 'CHARGING_STARTED', payload: {}, dedupeKey: 'broken' }];
    await expect(repositories.outbox.enqueueDeliveries(broken)).rejects.toThrow();
    expect((await repositories.outbox.listDeliveries({ applicationId: application.id, limit: 2_000 })).items).toHaveLength(1_203);
  });

  it('caches delivery targets and vehicle lookups until a subscription, grant or webhook change made through this process', async () => {
    const clock = createTestClock();
    const repositories = createRepositories(getStore(), { secretKey: testSecretKey, clock, readCacheTtlMs: 60_000 });
    // Another process's repositories over the same database: its changes are seen once the TTL passes.
    const elsewhere = repositoriesFor(getStore(), clock);
    const { connection, vehicle, webhook } = await seedWebhook(repositories);
    const targets = () => repositories.subscriptions.listDeliveryTargets(vehicle.id);
    const webhookIds = async () => (await targets()).map((target) => [target.webhookId, target.verifiedAt]);
    expect(await webhookIds()).toEqual([]);

    await repositories.subscriptions.subscribe(webhook.id, connection.id);
    expect(await webhookIds()).toEqual([[webhook.id, null]]);
    await repositories.webhooks.markVerified(webhook.id);
    expect(await webhookIds()).toEqual([[webhook.id, '2026-11-22T02:24:42.000Z']]);
    await repositories.webhooks.update(webhook.id, { enabled: false });
    expect(await webhookIds()).toEqual([]);
    await repositories.webhooks.update(webhook.id, { enabled: true });
    expect(await webhookIds()).toEqual([[webhook.id, '2026-11-22T02:24:42.000Z']]);

    await elsewhere.subscriptions.unsubscribe(webhook.id, connection.id);
    expect(await webhookIds()).toEqual([[webhook.id, '2026-11-22T02:24:42.000Z']]);
    clock.advance(60_000);
    expect(await webhookIds()).toEqual([]);
    await repositories.subscriptions.subscribe(webhook.id, connection.id);
    expect(await webhookIds()).toEqual([[webhook.id, '2026-11-22T02:24:42.000Z']]);
    await repositories.connections.revoke(connection.id, 'owner_revoked');
    expect(await webhookIds()).toEqual([]);

    const found = await repositories.vehicles.findByProviderVehicle(vehicle.make, vehicle.mode, vehicle.providerVehicleId);
    expect(found).toEqual(vehicle);
    expect(await repositories.vehicles.findByProviderVehicle(vehicle.make, vehicle.mode, 'no-such-vehicle')).toBeNull();
  });
});
