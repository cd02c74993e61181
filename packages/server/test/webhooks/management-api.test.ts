/** @module Webhook Management API: create (with verification by an SDK receiver), list, show, update, re-verify, delete, and their errors. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../store/database-harness.js';
import { anyUuid } from '../store/fixtures.js';
import type { TestReceiver } from './receiver.js';
import { closeWebhookHarness, startWebhookHarness, json, managementAuth, subscribeVia, type WebhookTestApp, webhookPermissions } from './webhook-app.js';
import { seedWorld } from '../helpers/test-world.js';

const created = '2026-11-22T02:24:42.000Z';

describeEachDatabase('webhook Management API', (getStore) => {
  let receiver: TestReceiver;
  let harness: WebhookTestApp;
  beforeEach(async () => ({ receiver, harness } = await startWebhookHarness(getStore())));
  afterEach(() => closeWebhookHarness({ receiver, harness }));

  const create = (token: string, payload: Record<string, unknown>) =>
    harness.app.inject({ method: 'POST', url: '/v2.0/management/webhooks', headers: managementAuth(token), payload });

  it('creates an event-based webhook and verifies its callback with a challenge the official SDK answers', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    receiver.token = seeded.managementToken;
    const response = await create(seeded.managementToken, {
      name: 'Charging events',
      callbackUrl: receiver.url(),
      kind: 'eventBased',
      mode: 'simulated',
      eventTypes: ['CHARGING_STARTED', 'CHARGING_COMPLETED'],
    });
    expect(response.statusCode).toBe(201);
    const body = json(response);
    expect(body).toEqual({
      id: anyUuid,
      name: 'Charging events',
      callbackUrl: receiver.url(),
      kind: 'eventBased',
      mode: 'simulated',
      enabled: true,
      eventTypes: ['CHARGING_STARTED', 'CHARGING_COMPLETED'],
      intervalSeconds: null,
      endpoints: null,
      verification: { status: 'verified', verifiedAt: created, error: null },
      createdAt: created,
      updatedAt: created,
    });
    expect(receiver.requests).toHaveLength(1);
    const [challenge] = receiver.requests;
    expect(challenge?.body).toEqual({ version: '2.0', webhookId: body.id, eventName: 'verify', payload: { challenge: expect.stringMatching(/^[0-9a-f]{48}$/) as unknown } });
    expect(challenge?.rawBody).toBe(JSON.stringify(challenge?.body));
    expect(challenge?.headers['content-type']).toBe('application/json');
    expect(challenge?.sdkVerified).toBe(true);
  });

  it('leaves a webhook unverified, saying why, when the callback answers the challenge wrongly; re-verify fixes it', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    receiver.token = seeded.managementToken;
    receiver.responder = (request) => (request.body.eventName === 'verify' ? { status: 200, body: '{"challenge":"not-the-hmac"}' } : undefined);
    const response = await create(seeded.managementToken, { name: 'Hook', callbackUrl: receiver.url(), kind: 'eventBased', mode: 'simulated', eventTypes: ['DTC_ACTIVATED'] });
    expect(response.statusCode).toBe(201);
    const { id, verification } = response.json<{ id: string; verification: unknown }>();
    expect(verification).toEqual({
      status: 'failed',
      verifiedAt: null,
      error: 'The callback answered a challenge that is not hex HMAC-SHA256(application management token, challenge).',
    });

    receiver.responder = (request) => (request.body.eventName === 'verify' ? { status: 200, body: 'internal admin page: db password hunter2' } : undefined);
    const quoted = await harness.app.inject({ method: 'POST', url: `/v2.0/management/webhooks/${id}/verify`, headers: managementAuth(seeded.managementToken) });
    expect(json(quoted).verification).toEqual({
      status: 'failed',
      verifiedAt: null,
      error: 'The callback answered 200 with a 40-byte body that is not JSON {"challenge": "..."}.',
    });

    receiver.responder = (request) => (request.body.eventName === 'verify' ? { status: 500, body: 'boom' } : undefined);
    const retried = await harness.app.inject({ method: 'POST', url: `/v2.0/management/webhooks/${id}/verify`, headers: managementAuth(seeded.managementToken) });
    expect(json(retried).verification).toEqual({
      status: 'failed',
      verifiedAt: null,
      error: 'The callback answered HTTP 500; verification needs 200 with {"challenge": "<hex HMAC-SHA256(management token, challenge)>"}.',
    });

    receiver.responder = () => undefined;
    harness.clock.advance(1_000);
    const fixed = await harness.app.inject({ method: 'POST', url: `/v2.0/management/webhooks/${id}/verify`, headers: managementAuth(seeded.managementToken) });
    expect(fixed.statusCode).toBe(200);
    expect(json(fixed).verification).toEqual({ status: 'verified', verifiedAt: '2026-11-22T02:24:43.000Z', error: null });
  });

  it('lists, shows (with subscribed vehicles), updates and deletes webhooks of the calling application only', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const other = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    receiver.token = seeded.managementToken;
    const first = (await create(seeded.managementToken, { name: 'Hourly', callbackUrl: receiver.url(), kind: 'scheduled', mode: 'simulated', intervalSeconds: 3600, endpoints: ['/battery', '/odometer'] })).json<{ id: string }>();
    expect((await subscribeVia(harness.app, seeded, first.id)).statusCode).toBe(200);

    const listed = await harness.app.inject({ method: 'GET', url: '/v2.0/management/webhooks', headers: managementAuth(seeded.managementToken) });
    expect(listed.json<{ webhooks: { id: string; endpoints: string[] }[] }>().webhooks.map(({ id, endpoints }) => ({ id, endpoints }))).toEqual([{ id: first.id, endpoints: ['/battery', '/odometer'] }]);
    const shown = await harness.app.inject({ method: 'GET', url: `/v2.0/management/webhooks/${first.id}`, headers: managementAuth(seeded.managementToken) });
    expect(json(shown)).toMatchObject({ id: first.id, kind: 'scheduled', intervalSeconds: 3600, eventTypes: null, vehicleIds: [seeded.vehicleId] });
    const foreign = await harness.app.inject({ method: 'GET', url: `/v2.0/management/webhooks/${first.id}`, headers: managementAuth(other.managementToken) });
    expect(foreign.statusCode).toBe(404);
    expect(json(foreign)).toMatchObject({ type: 'RESOURCE_NOT_FOUND', code: 'PATH', description: 'No webhook with this id belongs to the application.' });

    const secondUrl = receiver.url('/moved');
    harness.clock.advance(5_000);
    const updated = await harness.app.inject({
      method: 'PATCH',
      url: `/v2.0/management/webhooks/${first.id}`,
      headers: managementAuth(seeded.managementToken),
      payload: { name: 'Daily', callbackUrl: secondUrl, intervalSeconds: 86_400, kind: 'scheduled' },
    });
    expect(updated.statusCode).toBe(200);
    expect(json(updated)).toMatchObject({ name: 'Daily', callbackUrl: secondUrl, intervalSeconds: 86_400, endpoints: ['/battery', '/odometer'], verification: { status: 'verified', verifiedAt: '2026-11-22T02:24:47.000Z', error: null } });
    // A new URL is challenged before anything goes to it.
    expect(receiver.requests.at(-1)?.url).toBe('/moved');
    expect(receiver.requests.at(-1)?.body.eventName).toBe('verify');

    const deleted = await harness.app.inject({ method: 'DELETE', url: `/v2.0/management/webhooks/${first.id}`, headers: managementAuth(seeded.managementToken) });
    expect(json(deleted)).toEqual({ status: 'success' });
    const gone = await harness.app.inject({ method: 'GET', url: `/v2.0/management/webhooks/${first.id}`, headers: managementAuth(seeded.managementToken) });
    expect(gone.statusCode).toBe(404);
  });

  it('refuses invalid definitions with every problem in one VALIDATION answer', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const response = await create(seeded.managementToken, { name: 'Bad', callbackUrl: 'http://app.example/hooks', kind: 'scheduled', mode: 'live', eventTypes: ['CHARGING_STARTED'], endpoints: ['/nope'] });
    expect(response.statusCode).toBe(400);
    const body = json(response);
    expect(body).toEqual({
      type: 'VALIDATION',
      code: null,
      description: 'The webhook definition is invalid; see `detail`.',
      docURL: 'http://carport.test/docs/errors#validation',
      statusCode: 400,
      requestId: response.headers['sc-request-id'],
      resolution: { type: null },
      suggestedUserMessage: expect.any(String) as unknown,
      detail: [
        { field: 'body.callbackUrl', message: 'must use https:// for a live-mode webhook' },
        { field: 'body.eventTypes', message: 'applies only to eventBased webhooks' },
        { field: 'body.intervalSeconds', message: 'must be an integer from 60 to 604800' },
        { field: 'body.endpoints.0', message: '/nope is not a vehicle GET endpoint (e.g. /battery, /odometer, /tesla/charge)' },
      ],
    });
    expect(receiver.requests).toEqual([]);
  });

  it('refuses to change kind or mode, and answers 400 for a malformed webhook id and 401 without a management token', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    receiver.token = seeded.managementToken;
    const { id } = (await create(seeded.managementToken, { name: 'Hook', callbackUrl: receiver.url(), kind: 'eventBased', mode: 'simulated', eventTypes: ['DTC_CLEARED'] })).json<{ id: string }>();
    const changed = await harness.app.inject({ method: 'PATCH', url: `/v2.0/management/webhooks/${id}`, headers: managementAuth(seeded.managementToken), payload: { kind: 'scheduled', mode: 'live' } });
    expect(json(changed).detail).toEqual([
      { field: 'body.kind', message: 'cannot change; create a new webhook instead' },
      { field: 'body.mode', message: 'cannot change; create a new webhook instead' },
    ]);
    const malformed = await harness.app.inject({ method: 'GET', url: '/v2.0/management/webhooks/not-a-uuid', headers: managementAuth(seeded.managementToken) });
    expect(malformed.statusCode).toBe(400);
    expect(json(malformed)).toMatchObject({ type: 'VALIDATION', code: null, detail: [{ field: 'params.webhook_id', message: expect.stringContaining('must match pattern') as unknown }] });
    const anonymous = await harness.app.inject({ method: 'GET', url: '/v2.0/management/webhooks' });
    expect(anonymous.statusCode).toBe(401);
    expect(json(anonymous)).toMatchObject({ type: 'AUTHENTICATION', code: null });
  });
});
