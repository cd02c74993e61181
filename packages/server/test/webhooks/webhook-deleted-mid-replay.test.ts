/**
 * @module A webhook deleted while one of its deliveries is replayed: its deliveries go with it, so the
 * replay's foreign key refuses the new delivery, and the caller is answered 404 as it is for that
 * delivery from then on, on both engines, instead of a 500.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { findError } from '../../src/catalog/errors.js';
import { describeEachDatabase } from '../store/database-harness.js';
import type { TestReceiver } from './receiver.js';
import { closeWebhookHarness, managementAuth, startWebhookHarness, webhookPermissions, type WebhookTestApp } from './webhook-app.js';
import { seedWorld } from '../helpers/test-world.js';

describeEachDatabase('a webhook deleted while a delivery of it is replayed', (getStore) => {
  let receiver: TestReceiver;
  let harness: WebhookTestApp;
  beforeEach(async () => ({ receiver, harness } = await startWebhookHarness(getStore())));
  afterEach(async () => {
    vi.restoreAllMocks();
    await closeWebhookHarness({ receiver, harness });
  });

  it('answers 404 RESOURCE_NOT_FOUND and enqueues nothing', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const { outbox, webhooks } = harness.repositories;
    const webhook = await webhooks.create({ applicationId: seeded.applicationId, name: 'Charging', callbackUrl: receiver.url(), kind: 'eventBased', mode: 'simulated', config: { eventTypes: ['CHARGING_STARTED'] } });
    const delivered = await outbox.enqueueDelivery({ applicationId: seeded.applicationId, webhookId: webhook.id, eventType: 'CHARGING_STARTED', payload: { eventName: 'eventBased' } });
    const enqueue = outbox.enqueueDelivery.bind(outbox);
    // The delivery was found; its webhook is deleted (by another request of the application) before the replay is stored.
    vi.spyOn(outbox, 'enqueueDelivery').mockImplementation(async (input) => {
      expect(await webhooks.delete(input.webhookId)).toBe(true);
      return enqueue(input);
    });

    const response = await harness.app.inject({ method: 'POST', url: `/v2.0/management/webhooks/deliveries/${delivered?.id ?? ''}/replay`, headers: managementAuth(seeded.managementToken) });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      type: 'RESOURCE_NOT_FOUND',
      code: 'PATH',
      description: 'No delivery with this id belongs to the application.',
      docURL: 'http://carport.test/docs/errors#resource_not_found-path',
      statusCode: 404,
      requestId: response.headers['sc-request-id'],
      resolution: { type: null },
      suggestedUserMessage: findError('RESOURCE_NOT_FOUND', 'PATH')?.suggestedUserMessage,
    });
    expect(await getStore().db.selectFrom('outbox_events').selectAll().execute()).toEqual([]);
  });
});
