/** @module Tests of the webhook and subscription repositories, including tenant isolation. */
import { expect, it } from 'vitest';
import type { Repositories } from '../../src/store/index.js';
import { describeEachDatabase } from './database-harness.js';
import { createTestClock, repositoriesFor, storeWorld, anyUuid } from './fixtures.js';
import { seedWorld } from '../helpers/test-world.js';

async function createWebhook(repositories: Repositories, applicationId: string) {
  return repositories.webhooks.create({
    applicationId,
    name: 'Charging events',
    callbackUrl: 'https://app.example/hooks',
    kind: 'event',
    mode: 'simulated',
    config: { triggers: ['CHARGING_STARTED'], nested: { a: 1 } },
  });
}

describeEachDatabase('webhook repository', (getStore) => {
  it('creates a webhook and returns its exact record', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const { application } = await seedWorld(repositories, storeWorld);
    const webhook = await createWebhook(repositories, application.id);
    expect(webhook).toEqual({
      id: anyUuid,
      applicationId: application.id,
      name: 'Charging events',
      callbackUrl: 'https://app.example/hooks',
      kind: 'event',
      mode: 'simulated',
      config: { triggers: ['CHARGING_STARTED'], nested: { a: 1 } },
      enabled: true,
      verifiedAt: null,
      verificationError: null,
      createdAt: '2026-11-22T02:24:42.000Z',
      updatedAt: '2026-11-22T02:24:42.000Z',
    });
    expect(await repositories.webhooks.findById(webhook.id)).toEqual(webhook);
    expect(await repositories.webhooks.findForApplication(application.id, webhook.id)).toEqual(webhook);
    expect(await repositories.webhooks.listByApplication(application.id)).toEqual([webhook]);
  });

  it('scopes lookups to the owning application', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const { application } = await seedWorld(repositories, storeWorld);
    const { application: other } = await repositories.applications.createApplication({ name: 'Other', redirectUris: [] });
    const webhook = await createWebhook(repositories, application.id);
    expect(await repositories.webhooks.findForApplication(other.id, webhook.id)).toBeNull();
    expect(await repositories.webhooks.listByApplication(other.id)).toEqual([]);
  });

  it("lists one application's deliveries, or every application's for the operator, newest first and paged", async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const { application } = await seedWorld(repositories, storeWorld);
    const { application: other } = await repositories.applications.createApplication({ name: 'Other', redirectUris: [] });
    const ids: string[] = [];
    for (const owner of [application, other, application]) {
      clock.advance(1_000);
      const webhook = await createWebhook(repositories, owner.id);
      const delivery = await repositories.outbox.enqueueDelivery({ applicationId: owner.id, webhookId: webhook.id, eventType: 'CHARGING_STARTED', payload: {} });
      ids.push(delivery?.id ?? '');
    }
    const [first, second, third] = ids;
    const ownPage = await repositories.outbox.listDeliveries({ applicationId: application.id, limit: 10 });
    expect(ownPage.items.map(({ id }) => id)).toEqual([third, first]);
    const everyone = await repositories.outbox.listDeliveries({ applicationId: null, limit: 2 });
    expect(everyone.items.map(({ id }) => id)).toEqual([third, second]);
    const rest = await repositories.outbox.listDeliveries({ applicationId: null, limit: 2, ...(everyone.next === null ? {} : { after: everyone.next }) });
    expect(rest).toEqual({ items: [expect.objectContaining({ id: first, applicationId: application.id }) as unknown], next: null });
  });

  it('records verification, and a new callback URL clears it', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const { application } = await seedWorld(repositories, storeWorld);
    const webhook = await createWebhook(repositories, application.id);
    clock.advance(1_000);
    const failed = await repositories.webhooks.markVerificationFailed(webhook.id, 'challenge mismatch');
    expect(failed).toMatchObject({ verifiedAt: null, verificationError: 'challenge mismatch', updatedAt: '2026-11-22T02:24:43.000Z' });
    clock.advance(1_000);
    const verified = await repositories.webhooks.markVerified(webhook.id);
    expect(verified).toMatchObject({ verifiedAt: '2026-11-22T02:24:44.000Z', verificationError: null });
    const renamed = await repositories.webhooks.update(webhook.id, { name: 'Renamed', enabled: false, config: {} });
    expect(renamed).toMatchObject({ name: 'Renamed', enabled: false, config: {}, verifiedAt: '2026-11-22T02:24:44.000Z' });
    const moved = await repositories.webhooks.update(webhook.id, { callbackUrl: 'https://new.example/hooks' });
    expect(moved).toMatchObject({ callbackUrl: 'https://new.example/hooks', verifiedAt: null });
    expect(await repositories.webhooks.update('00000000-0000-4000-8000-000000000000', { name: 'x' })).toBeNull();
  });

  it('refuses webhooks of unknown applications and deletes with cascade', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    await expect(createWebhook(repositories, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ kind: 'foreign_key' });
    const { application, connection } = await seedWorld(repositories, storeWorld);
    const webhook = await createWebhook(repositories, application.id);
    await repositories.subscriptions.subscribe(webhook.id, connection.id);
    await repositories.outbox.enqueue({ applicationId: application.id, webhookId: webhook.id, eventType: 'VERIFY', payload: {} });
    expect(await repositories.webhooks.delete(webhook.id)).toBe(true);
    expect(await repositories.webhooks.delete(webhook.id)).toBe(false);
    expect(await repositories.subscriptions.listByConnection(connection.id)).toEqual([]);
    expect(await getStore().db.selectFrom('outbox_events').selectAll().execute()).toEqual([]);
  });
});

describeEachDatabase('subscription repository', (getStore) => {
  it('subscribes idempotently and unsubscribes', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const { application, connection } = await seedWorld(repositories, storeWorld);
    const webhook = await createWebhook(repositories, application.id);
    const subscription = await repositories.subscriptions.subscribe(webhook.id, connection.id);
    expect(subscription).toEqual({ webhookId: webhook.id, connectionId: connection.id, createdAt: '2026-11-22T02:24:42.000Z' });
    expect(await repositories.subscriptions.subscribe(webhook.id, connection.id)).toEqual(subscription);
    expect(await repositories.subscriptions.listByWebhook(webhook.id)).toEqual([subscription]);
    expect(await repositories.subscriptions.listByConnection(connection.id)).toEqual([subscription]);
    expect(await repositories.subscriptions.unsubscribe(webhook.id, connection.id)).toBe(true);
    expect(await repositories.subscriptions.unsubscribe(webhook.id, connection.id)).toBe(false);
  });

  it("never subscribes a webhook to another application's connection", async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const mine = await seedWorld(repositories, storeWorld);
    const theirs = await seedWorld(repositories, { ...storeWorld, owner: { providerAccountId: 'account-2' }, vehicles: [{ ...storeWorld.vehicles[0], providerVehicleId: 'vehicle-2' }] });
    const webhook = await createWebhook(repositories, mine.application.id);
    expect(await repositories.subscriptions.subscribe(webhook.id, theirs.connection.id)).toBeNull();
    expect(await repositories.subscriptions.subscribe(webhook.id, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await repositories.subscriptions.listByWebhook(webhook.id)).toEqual([]);
  });

  it('lists delivery targets for a vehicle: enabled webhooks through active grants only', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const { application, connection, vehicle } = await seedWorld(repositories, storeWorld);
    const webhook = await createWebhook(repositories, application.id);
    const disabled = await createWebhook(repositories, application.id);
    await repositories.webhooks.update(disabled.id, { enabled: false });
    await repositories.subscriptions.subscribe(webhook.id, connection.id);
    await repositories.subscriptions.subscribe(disabled.id, connection.id);
    expect(await repositories.subscriptions.listDeliveryTargets(vehicle.id)).toEqual([
      {
        webhookId: webhook.id,
        applicationId: application.id,
        connectionId: connection.id,
        userId: connection.userId,
        applicationVehicleId: connection.applicationVehicleId,
        permissions: ['read_battery', 'read_vin'],
        kind: 'event',
        mode: 'simulated',
        config: { triggers: ['CHARGING_STARTED'], nested: { a: 1 } },
        verifiedAt: null,
      },
    ]);
    await repositories.connections.revoke(connection.id, 'owner_revoked');
    expect(await repositories.subscriptions.listDeliveryTargets(vehicle.id)).toEqual([]);
  });
});
