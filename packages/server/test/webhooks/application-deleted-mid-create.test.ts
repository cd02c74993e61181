/**
 * @module An application deleted after its management token was checked, while it creates a webhook:
 * the store's foreign key refuses the webhook, and the caller is answered 401 `AUTHENTICATION` as its
 * token is from then on, on both engines, instead of a 500.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { findError } from '../../src/catalog/errors.js';
import { describeEachDatabase } from '../store/database-harness.js';
import type { TestReceiver } from './receiver.js';
import { closeWebhookHarness, managementAuth, startWebhookHarness, webhookPermissions, type WebhookTestApp } from './webhook-app.js';
import { seedWorld } from '../helpers/test-world.js';

describeEachDatabase('an application deleted while it creates a webhook', (getStore) => {
  let receiver: TestReceiver;
  let harness: WebhookTestApp;
  beforeEach(async () => ({ receiver, harness } = await startWebhookHarness(getStore())));
  afterEach(async () => {
    vi.restoreAllMocks();
    await closeWebhookHarness({ receiver, harness });
  });

  it('answers 401 AUTHENTICATION, stores no webhook and sends no challenge', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const { applications, webhooks } = harness.repositories;
    const create = webhooks.create.bind(webhooks);
    // The token was checked and the body validated; the application is deleted (by an operator, say) before the insert.
    vi.spyOn(webhooks, 'create').mockImplementation(async (input) => {
      expect(await applications.delete(input.applicationId)).toBe(true);
      return create(input);
    });

    const response = await harness.app.inject({
      method: 'POST',
      url: '/v2.0/management/webhooks',
      headers: managementAuth(seeded.managementToken),
      payload: { name: 'Charging events', callbackUrl: receiver.url(), kind: 'eventBased', mode: 'simulated', eventTypes: ['CHARGING_STARTED'] },
    });

    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Basic realm="carport-management"');
    expect(response.json()).toEqual({
      type: 'AUTHENTICATION',
      code: null,
      description: 'The management token is not valid.',
      docURL: 'http://carport.test/docs/errors#authentication',
      statusCode: 401,
      requestId: response.headers['sc-request-id'],
      resolution: { type: 'REAUTHENTICATE' },
      suggestedUserMessage: findError('AUTHENTICATION', null)?.suggestedUserMessage,
    });
    expect(await getStore().db.selectFrom('webhooks').selectAll().execute()).toEqual([]);
    expect(receiver.requests).toEqual([]);
  });
});
