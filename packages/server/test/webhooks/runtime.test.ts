/** @module The running worker: provider events reach the receiver without anyone driving it, and shutdown waits for deliveries in flight. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../store/database-harness.js';
import { TestReceiver } from './receiver.js';
import { buildWebhookApp, createWebhookVia, subscribeVia, webhookPermissions } from './webhook-app.js';
import { seedWorld } from '../helpers/test-world.js';

describeEachDatabase('webhook runtime', (getStore) => {
  let receiver: TestReceiver;
  beforeEach(async () => {
    receiver = await TestReceiver.start();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('delivers provider events as they come and drains a delivery in flight on close', async () => {
    const harness = await buildWebhookApp(getStore(), { env: { CARPORT_WEBHOOK_WORKER: 'true', CARPORT_WEBHOOK_POLL_INTERVAL_MS: '5000' } });
    let closed = false;
    try {
      expect(harness.app.carport.backgroundTasks.names).toContain('webhooks');
      receiver.nowSeconds = () => harness.clock().getTime() / 1000;
      const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
      const webhookId = await createWebhookVia(harness.app, seeded, receiver, { kind: 'eventBased', eventTypes: ['CHARGING_STARTED', 'CHARGING_STOPPED'] });
      await subscribeVia(harness.app, seeded, webhookId);
      const ref = { make: 'TESLA', mode: 'simulated' as const, providerVehicleId: seeded.vehicle.providerVehicleId };
      // The poll interval is long: only the intake's wake-up can deliver this quickly.
      harness.provider.emit({ eventId: 'a', ref, type: 'CHARGING_STARTED', occurredAt: new Date('2026-11-22T03:00:00.000Z'), data: {} });
      const [first] = await receiver.waitForDeliveries(1, 3_000);
      expect(first?.sdkVerified).toBe(true);

      receiver.responder = (request) => (request.body.eventName === 'eventBased' ? { status: 200, body: '{}', delayMs: 300 } : undefined);
      harness.provider.emit({ eventId: 'b', ref, type: 'CHARGING_STOPPED', occurredAt: new Date('2026-11-22T03:30:00.000Z'), data: {} });
      await receiver.waitForDeliveries(2, 3_000);
      await harness.app.close();
      closed = true;
      const rows = await getStore().db.selectFrom('outbox_events').select(['event_type', 'status']).orderBy('event_type').execute();
      expect(rows).toEqual([
        { event_type: 'CHARGING_STARTED', status: 'delivered' },
        { event_type: 'CHARGING_STOPPED', status: 'delivered' },
      ]);
    } finally {
      if (!closed) await harness.app.close();
    }
  });
});
