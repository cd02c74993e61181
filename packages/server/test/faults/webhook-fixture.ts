/**
 * @module A verified webhook pointing at a test receiver, with one subscribed vehicle, and vehicle
 * events the test records itself, straight into the shared outbox, as a process's intake would.
 */
import pino from 'pino';
import type { Repositories, Store } from '../../src/store/index.js';
import { EventIntake } from '../../src/webhooks/event-intake.js';
import type { ReceivedRequest, TestReceiver } from '../webhooks/receiver.js';
import { webhookPermissions } from '../webhooks/webhook-app.js';
import { seedWorld } from '../helpers/test-world.js';

export interface WebhookFixture {
  /** Records `count` events of the subscribed vehicle; returns the ids of the deliveries they created. */
  record(count: number): Promise<string[]>;
  /** Deliveries not yet acknowledged by the receiver. */
  undelivered(): Promise<number>;
}

/** The delivery id a received request carries (the body's `eventId`, what receivers de-duplicate on). */
export function deliveryIdOf(request: ReceivedRequest): string {
  return (request.body.payload as { eventId: string }).eventId;
}

/** How many times the receiver got each delivery. */
export function receiptsOf(receiver: TestReceiver): Map<string, number> {
  const receipts = new Map<string, number>();
  for (const request of receiver.deliveries()) receipts.set(deliveryIdOf(request), (receipts.get(deliveryIdOf(request)) ?? 0) + 1);
  return receipts;
}

/** Seeds the application, vehicle, webhook and subscription; the receiver verifies with the application's token. */
export async function seedWebhookFixture(store: Store, repositories: Repositories, receiver: TestReceiver): Promise<WebhookFixture> {
  const seeded = await seedWorld(repositories, { permissions: webhookPermissions });
  receiver.token = seeded.managementToken;
  const webhook = await repositories.webhooks.create({
    applicationId: seeded.applicationId,
    name: 'Faults',
    callbackUrl: receiver.url(),
    kind: 'eventBased',
    mode: 'simulated',
    config: { eventTypes: ['DTC_ACTIVATED'] },
  });
  await repositories.webhooks.markVerified(webhook.id);
  await repositories.subscriptions.subscribe(webhook.id, seeded.connection.id);
  const intake = new EventIntake({ repositories, logger: pino({ level: 'silent' }), maxHeldEvents: 10_000 });
  const deliveryIds = async () => (await store.db.selectFrom('outbox_events').select('id').execute()).map((row) => row.id);
  let recorded = 0;
  return {
    async record(count) {
      const before = new Set(await deliveryIds());
      for (let index = 0; index < count; index += 1) {
        recorded += 1;
        await intake.ingest({
          eventId: `dtc-${recorded}`,
          ref: { make: 'TESLA', mode: 'simulated', providerVehicleId: seeded.vehicle.providerVehicleId },
          type: 'DTC_ACTIVATED',
          occurredAt: new Date(),
          data: { index: recorded },
        });
      }
      return (await deliveryIds()).filter((id) => !before.has(id));
    },
    async undelivered() {
      return (await store.db.selectFrom('outbox_events').select('id').where('status', '!=', 'delivered').execute()).length;
    },
  };
}
