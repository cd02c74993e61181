/** @module Subscribing vehicles to webhooks (vehicle access token) and unsubscribing them (management token): bodies and errors. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { revokeConnections } from '../../src/connections/revoke-connections.js';
import { describeEachDatabase } from '../store/database-harness.js';
import type { TestReceiver } from './receiver.js';
import { closeWebhookHarness, startWebhookHarness, createWebhookVia, json, subscribeVia, type WebhookTestApp, webhookPermissions } from './webhook-app.js';
import { seedWorld } from '../helpers/test-world.js';

describeEachDatabase('webhook subscriptions', (getStore) => {
  let receiver: TestReceiver;
  let harness: WebhookTestApp;
  beforeEach(async () => ({ receiver, harness } = await startWebhookHarness(getStore())));
  afterEach(() => closeWebhookHarness({ receiver, harness }));

  const unsubscribe = (vehicleId: string, webhookId: string, token: string) =>
    harness.app.inject({ method: 'DELETE', url: `/v2.0/vehicles/${vehicleId}/webhooks/${webhookId}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: '' });

  it('subscribes with an empty JSON body and answers {webhookId, vehicleId}; unsubscribes with the management token', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const webhookId = await createWebhookVia(harness.app, seeded, receiver, { kind: 'eventBased', eventTypes: ['CHARGING_STARTED'] });
    const subscribed = await subscribeVia(harness.app, seeded, webhookId);
    expect(subscribed.statusCode).toBe(200);
    expect(subscribed.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json(subscribed)).toEqual({ webhookId, vehicleId: seeded.vehicleId });
    // Subscribing again changes nothing.
    expect(json(await subscribeVia(harness.app, seeded, webhookId))).toEqual({ webhookId, vehicleId: seeded.vehicleId });
    expect(await harness.repositories.subscriptions.listByWebhook(webhookId)).toEqual([{ webhookId, connectionId: seeded.connection.id, createdAt: '2026-11-22T02:24:42.000Z' }]);

    const unsubscribed = await unsubscribe(seeded.vehicleId, webhookId, seeded.managementToken);
    expect(unsubscribed.statusCode).toBe(200);
    expect(unsubscribed.body).toBe('{"status":"success"}');
    expect(await harness.repositories.subscriptions.listByWebhook(webhookId)).toEqual([]);
  });

  it('answers a malformed webhook id with 400 VALIDATION and code null', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const response = await harness.app.inject({ method: 'POST', url: `/v2.0/vehicles/${seeded.vehicleId}/webhooks/not-a-webhook`, headers: { authorization: `Bearer ${seeded.accessToken}` } });
    expect(response.statusCode).toBe(400);
    expect(json(response)).toEqual({
      type: 'VALIDATION',
      code: null,
      description: expect.any(String) as unknown,
      docURL: 'http://carport.test/docs/errors#validation',
      statusCode: 400,
      requestId: response.headers['sc-request-id'],
      resolution: { type: null },
      suggestedUserMessage: expect.any(String) as unknown,
      detail: [{ field: 'params.webhook_id', message: expect.stringContaining('must match pattern') as unknown }],
    });
    const deleted = await unsubscribe(seeded.vehicleId, 'not-a-webhook', seeded.managementToken);
    expect(deleted.statusCode).toBe(400);
    expect(json(deleted)).toMatchObject({ type: 'VALIDATION', code: null });
  });

  it('requires the permissions the webhook data needs, the same mode, a known webhook, and the right credentials', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: ['read_battery'] });
    const events = await createWebhookVia(harness.app, seeded, receiver, { kind: 'eventBased', eventTypes: ['CHARGING_STARTED', 'DTC_ACTIVATED'] });
    const missing = await subscribeVia(harness.app, seeded, events);
    expect(missing.statusCode).toBe(403);
    expect(json(missing)).toMatchObject({
      type: 'PERMISSION',
      code: null,
      description: 'The vehicle owner has not granted `read_charge_events`, `read_diagnostics`, which this webhook\'s data needs.',
    });
    const scheduled = await createWebhookVia(harness.app, seeded, receiver, { kind: 'scheduled', intervalSeconds: 3600, endpoints: ['/battery'] });
    expect((await subscribeVia(harness.app, seeded, scheduled)).statusCode).toBe(200);

    const testMode = await createWebhookVia(harness.app, seeded, receiver, { kind: 'scheduled', mode: 'test', intervalSeconds: 3600, endpoints: ['/battery'] });
    const mismatch = await subscribeVia(harness.app, seeded, testMode);
    expect(mismatch.statusCode).toBe(400);
    expect(json(mismatch)).toMatchObject({ type: 'VALIDATION', code: null, description: 'This webhook serves test vehicles; this vehicle is connected in simulated mode.' });

    const unknown = await subscribeVia(harness.app, seeded, '00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(json(unknown)).toMatchObject({ type: 'RESOURCE_NOT_FOUND', code: 'PATH' });

    const noToken = await harness.app.inject({ method: 'POST', url: `/v2.0/vehicles/${seeded.vehicleId}/webhooks/${scheduled}` });
    expect(noToken.statusCode).toBe(401);
    // The access token is not a management token.
    const wrongCredential = await unsubscribe(seeded.vehicleId, scheduled, seeded.accessToken);
    expect(wrongCredential.statusCode).toBe(401);
    expect(json(wrongCredential)).toMatchObject({ type: 'AUTHENTICATION', code: null });
    // Another application's vehicle is not this token's to subscribe.
    const other = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const foreign = await harness.app.inject({ method: 'POST', url: `/v2.0/vehicles/${other.vehicleId}/webhooks/${scheduled}`, headers: { authorization: `Bearer ${seeded.accessToken}` } });
    expect(foreign.statusCode).toBe(403);
  });

  it('ends a connection’s subscriptions when the vehicle is disconnected', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const first = await createWebhookVia(harness.app, seeded, receiver, { kind: 'eventBased', eventTypes: ['CHARGING_STARTED'] });
    const second = await createWebhookVia(harness.app, seeded, receiver, { kind: 'scheduled', intervalSeconds: 60, endpoints: ['/odometer'] });
    await subscribeVia(harness.app, seeded, first);
    await subscribeVia(harness.app, seeded, second);
    expect(await harness.repositories.subscriptions.listByConnection(seeded.connection.id)).toHaveLength(2);
    await revokeConnections(harness.app.carport, { kind: 'connection', connectionId: seeded.connection.id }, 'owner_revoked');
    expect(await harness.repositories.subscriptions.listByConnection(seeded.connection.id)).toEqual([]);
  });
});
