/** @module Scheduled deliveries: one per vehicle per interval, read through the Vehicle API's path, exactly once across schedulers. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ConnectionRecord } from '../../src/store/index.js';
import { WebhookScheduler } from '../../src/webhooks/scheduler.js';
import { describeEachDatabase } from '../store/database-harness.js';
import { anyUuid, uuidPattern } from '../store/fixtures.js';
import { fakeRecordedAt } from './fake-provider.js';
import type { TestReceiver } from './receiver.js';
import { closeWebhookHarness, startWebhookHarness, createWebhookVia, subscribeVia, type WebhookTestApp, webhookPermissions } from './webhook-app.js';
import { seedWorld } from '../helpers/test-world.js';

describeEachDatabase('scheduled webhook deliveries', (getStore) => {
  let receiver: TestReceiver;
  let harness: WebhookTestApp;
  beforeEach(async () => ({ receiver, harness } = await startWebhookHarness(getStore())));
  afterEach(() => closeWebhookHarness({ receiver, harness }));

  /** Another process's scheduler on the same database, counting the vehicle reads it makes. */
  function otherProcessScheduler() {
    const reads: string[][] = [];
    const scheduler = new WebhookScheduler({
      repositories: harness.repositories,
      logger: harness.app.carport.logger,
      now: harness.clock,
      readVehicle: (_connection: ConnectionRecord, paths: readonly string[]) => {
        reads.push([...paths]);
        return Promise.resolve(paths.map((path) => ({ path, code: 200, headers: {}, body: {} })));
      },
    });
    return { scheduler, reads };
  }

  it('delivers each subscribed vehicle’s endpoint data at the start of each interval, with path, code, headers and body', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const webhookId = await createWebhookVia(harness.app, seeded, receiver, { kind: 'scheduled', intervalSeconds: 3600, endpoints: ['/battery', '/odometer'] });
    await subscribeVia(harness.app, seeded, webhookId);
    // Subscribed at 02:24:42: the 02:00 interval began before, so the first delivery is at 03:00.
    expect(await harness.runtime.scheduler.tick()).toBe(0);
    harness.clock.advance(35 * 60_000 + 18_000);
    expect(harness.clock.iso()).toBe('2026-11-22T03:00:00.000Z');
    expect(await harness.runtime.scheduler.tick()).toBe(1);
    expect(await harness.runtime.scheduler.tick()).toBe(0);
    expect(await harness.runtime.worker.runOnce()).toBe(1);

    const [delivery] = await receiver.waitForDeliveries(1);
    expect(delivery?.body).toEqual({
      version: '2.0',
      webhookId,
      eventName: 'scheduled',
      mode: 'simulated',
      payload: {
        eventId: anyUuid,
        vehicleId: seeded.vehicleId,
        eventTime: '2026-11-22T03:00:00.000Z',
        requestId: anyUuid,
        responses: [
          {
            path: '/battery',
            code: 200,
            headers: { 'sc-data-age': fakeRecordedAt.toISOString(), 'sc-fetched-at': '2026-11-22T03:00:00.000Z', 'sc-unit-system': 'metric' },
            body: { percentRemaining: 0.8, range: 320.5 },
          },
          {
            path: '/odometer',
            code: 200,
            headers: { 'sc-data-age': fakeRecordedAt.toISOString(), 'sc-fetched-at': '2026-11-22T03:00:00.000Z', 'sc-unit-system': 'metric' },
            body: { distance: 12_345.6 },
          },
        ],
      },
    });
    expect(delivery?.sdkVerified).toBe(true);
    expect(delivery?.timestampedSignatureValid).toBe(true);
    expect(delivery?.headers['carport-delivery-id']).toBe((delivery?.body.payload as { eventId: string }).eventId);

    harness.clock.advance(3_600_000);
    expect(await harness.runtime.scheduler.tick()).toBe(1);
    await harness.runtime.worker.runOnce();
    expect(receiver.deliveries().map((received) => (received.body.payload as { eventTime: string }).eventTime)).toEqual(['2026-11-22T03:00:00.000Z', '2026-11-22T04:00:00.000Z']);
  });

  it('writes one delivery per tick however many schedulers run, and later schedulers do not even read the vehicle', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const webhookId = await createWebhookVia(harness.app, seeded, receiver, { kind: 'scheduled', intervalSeconds: 60, endpoints: ['/odometer'] });
    await subscribeVia(harness.app, seeded, webhookId);
    harness.clock.advance(60_000);
    const racing = [otherProcessScheduler(), otherProcessScheduler(), otherProcessScheduler()];
    const created = await Promise.all([harness.runtime.scheduler.tick(), ...racing.map(({ scheduler }) => scheduler.tick())]);
    expect(created.reduce((sum, count) => sum + count, 0)).toBe(1);
    const late = otherProcessScheduler();
    expect(await late.scheduler.tick()).toBe(0);
    expect(late.reads).toEqual([]);
    const rows = await getStore().db.selectFrom('outbox_events').select(['event_type', 'dedupe_key']).execute();
    expect(rows).toEqual([{ event_type: 'scheduled', dedupe_key: `scheduled:${webhookId}:${seeded.connection.id}:2026-11-22T02:25:00.000Z` }]);
    expect(rows[0]?.dedupe_key).toMatch(new RegExp(`^scheduled:${uuidPattern.source.slice(1, -1)}:`));
  });

  it('skips revoked connections and disabled or unverified webhooks', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const webhookId = await createWebhookVia(harness.app, seeded, receiver, { kind: 'scheduled', intervalSeconds: 60, endpoints: ['/odometer'] });
    await subscribeVia(harness.app, seeded, webhookId);
    await harness.repositories.webhooks.update(webhookId, { enabled: false });
    harness.clock.advance(60_000);
    expect(await otherProcessScheduler().scheduler.tick()).toBe(0);
    await harness.repositories.webhooks.update(webhookId, { enabled: true });
    await harness.repositories.webhooks.markVerificationFailed(webhookId, 'challenge mismatch');
    expect(await otherProcessScheduler().scheduler.tick()).toBe(0);
    await harness.repositories.webhooks.markVerified(webhookId);
    await harness.repositories.connections.revoke(seeded.connection.id, 'owner_revoked');
    expect(await otherProcessScheduler().scheduler.tick()).toBe(0);
  });
});
