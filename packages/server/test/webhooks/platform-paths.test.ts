/**
 * @module The endpoints Carport answers itself (the catalog's `answeredBy: 'platform'`) as batch
 * paths and scheduled-webhook data paths: a readable one is answered exactly as its own route
 * answers it; one that is not readable data (disconnect, webhooks, batch itself) is refused, never
 * accepted and then answered 501.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { endpointCatalog } from '../../src/catalog/endpoints/index.js';
import { findError } from '../../src/catalog/errors.js';
import { describeEachDatabase } from '../store/database-harness.js';
import { anyUuid } from '../store/fixtures.js';
import type { TestReceiver } from './receiver.js';
import { closeWebhookHarness, startWebhookHarness, createWebhookVia, json, managementAuth, subscribeVia, type WebhookTestApp } from './webhook-app.js';
import { seedWorld } from '../helpers/test-world.js';

const someWebhookId = '9b6ae692-60cc-4b3e-89d8-71e7549cf805';
const permissions = ['read_battery', 'read_charge_events', 'read_diagnostics', 'read_odometer'];
const permissionsBody = { permissions, paging: { count: permissions.length, offset: 0 } };

/** What each platform endpoint under `/vehicles/{id}` becomes as a data path. */
const expectedByPath: Readonly<Record<string, 'readable' | 'refused'>> = {
  '/permissions': 'readable',
  '/application': 'refused',
  '/batch': 'refused',
  [`/webhooks/${someWebhookId}`]: 'refused',
};

/** The catalog's platform endpoints under `/vehicles/{id}`, as paths relative to the vehicle. */
function platformVehiclePaths(): string[] {
  const prefix = '/vehicles/{id}/';
  const paths = endpointCatalog
    .filter((endpoint) => endpoint.answeredBy === 'platform' && endpoint.path.startsWith(prefix))
    .map((endpoint) => `/${endpoint.path.slice(prefix.length).replace('{webhook_id}', someWebhookId)}`);
  return [...new Set(paths)].sort();
}

describeEachDatabase('platform-answered endpoints as data paths', (getStore) => {
  let receiver: TestReceiver;
  let harness: WebhookTestApp;
  beforeEach(async () => ({ receiver, harness } = await startWebhookHarness(getStore())));
  afterEach(() => closeWebhookHarness({ receiver, harness }));

  it('covers every platform endpoint of the catalog under /vehicles/{id}', () => {
    expect(platformVehiclePaths()).toEqual(Object.keys(expectedByPath).sort());
  });

  it('answers each in a batch as readable (its own answer) or refused (RESOURCE_NOT_FOUND)', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions });
    const paths = Object.keys(expectedByPath);
    const response = await harness.app.inject({
      method: 'POST',
      url: `/v2.0/vehicles/${seeded.vehicleId}/batch`,
      headers: { authorization: `Bearer ${seeded.accessToken}` },
      payload: { requests: paths.map((path) => ({ path })) },
    });
    expect(response.statusCode).toBe(200);
    const notFound = findError('RESOURCE_NOT_FOUND', 'PATH');
    const refusedBody = {
      type: 'RESOURCE_NOT_FOUND',
      code: 'PATH',
      description: notFound?.description,
      docURL: 'http://carport.test/docs/errors#resource_not_found-path',
      statusCode: 404,
      requestId: response.headers['sc-request-id'],
      resolution: { type: notFound?.resolution },
      suggestedUserMessage: notFound?.suggestedUserMessage,
    };
    expect(json(response)).toEqual({
      responses: paths.map((path) =>
        expectedByPath[path] === 'readable' ? { path, code: 200, headers: {}, body: permissionsBody } : { path, code: 404, headers: {}, body: refusedBody },
      ),
    });
  });

  it('refuses a scheduled webhook naming a platform endpoint that is not readable data', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions });
    const refused = Object.keys(expectedByPath).filter((path) => expectedByPath[path] === 'refused');
    const response = await harness.app.inject({
      method: 'POST',
      url: '/v2.0/management/webhooks',
      headers: managementAuth(seeded.managementToken),
      payload: { name: 'Platform paths', callbackUrl: receiver.url(), mode: 'simulated', kind: 'scheduled', intervalSeconds: 3600, endpoints: refused },
    });
    expect(response.statusCode).toBe(400);
    expect(json(response)).toEqual({
      type: 'VALIDATION',
      code: null,
      description: 'The webhook definition is invalid; see `detail`.',
      docURL: 'http://carport.test/docs/errors#validation',
      statusCode: 400,
      requestId: response.headers['sc-request-id'],
      resolution: { type: null },
      suggestedUserMessage: findError('VALIDATION', null)?.suggestedUserMessage,
      detail: refused.map((path, index) => ({ field: `body.endpoints.${index}`, message: `${path} is not a vehicle GET endpoint (e.g. /battery, /odometer, /tesla/charge)` })),
    });
  });

  it('delivers a scheduled /permissions with the grant’s permissions, as the endpoint itself answers', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions });
    const webhookId = await createWebhookVia(harness.app, seeded, receiver, { kind: 'scheduled', intervalSeconds: 3600, endpoints: ['/permissions'] });
    expect((await subscribeVia(harness.app, seeded, webhookId)).statusCode).toBe(200);
    harness.clock.advance(35 * 60_000 + 18_000);
    expect(await harness.runtime.scheduler.tick()).toBe(1);
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
        responses: [{ path: '/permissions', code: 200, headers: {}, body: permissionsBody }],
      },
    });
  });
});
