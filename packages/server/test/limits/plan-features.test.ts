/** @module Plan features over HTTP: 430 `BILLING:INVALID_PLAN` with its exact body wherever a request needs a feature its application's plan lacks. */
import { afterEach, describe, expect, it } from 'vitest';
import { findError } from '../../src/catalog/errors.js';
import { fakeRegistry } from '../helpers/fake-provider.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { seedWorld } from '../helpers/test-world.js';

/** `reader` reads the core data only; `batcher` may batch them; both count application requests. */
const plans = JSON.stringify({
  reader: { maxConnectedVehicles: null, monthlyRequestsPerVehicle: null, vehicleRate: null, applicationRate: { capacity: 10, refillPerMinute: 1 }, features: [] },
  batcher: { maxConnectedVehicles: null, monthlyRequestsPerVehicle: null, vehicleRate: null, applicationRate: null, features: ['batch'] },
});

const setPlan = 'An operator can move the application to a plan that does: `carport apps set-plan <client id> <plan>`.';

/** The whole 430 body for `feature` missing from `plan`, as every surface answers it. */
function invalidPlanBody(requestId: unknown, plan: string, feature: string, what: string) {
  const definition = findError('BILLING', 'INVALID_PLAN');
  return {
    type: 'BILLING',
    code: 'INVALID_PLAN',
    description: `The application's plan \`${plan}\` does not include \`${feature}\` (${what}). ${setPlan}`,
    docURL: 'http://carport.test/docs/errors#billing-invalid_plan',
    statusCode: 430,
    requestId,
    resolution: { type: definition?.resolution ?? null },
    suggestedUserMessage: definition?.suggestedUserMessage,
  };
}

const commands = 'vehicle commands: every endpoint that needs a `control_*` permission, such as lock, charge and climate';
const makeSpecific = 'make-specific endpoints, `/vehicles/{id}/{make}/...`, on their own or in a batch';
const batches = 'batch requests, `POST /vehicles/{id}/batch`';
const webhooks = 'webhooks: creating them and subscribing vehicles to them';
const compatibility = 'the Compatibility API, `/compatibility` and `/compatibility/matrix`';

interface Grant {
  readonly applicationId: string;
  readonly basicAuth: string;
  readonly managementToken: string;
  readonly token: string;
  readonly vehicleId: string;
}

/** The fake provider's Model 3, connected live to a new application on `plan`. */
async function grantOnPlan(harness: TestApp, plan: string): Promise<Grant> {
  const world = await seedWorld(harness.app.carport.repositories, {
    application: { name: 'App', plan },
    mode: 'live',
    owner: { email: null },
    vehicles: [{ providerVehicleId: 'tesla-model-3', ownerAccountId: null, vin: '5YJ3E1EA7KF317000', model: 'Model 3', year: 2019 }],
    permissions: ['read_odometer', 'read_charge', 'control_security'],
  });
  return {
    applicationId: world.applicationId,
    basicAuth: `Basic ${Buffer.from(`${world.clientId}:${world.clientSecret}`).toString('base64')}`,
    managementToken: world.managementToken,
    token: world.accessToken,
    vehicleId: world.vehicleId,
  };
}

describe('plan features', () => {
  let harness: TestApp;
  afterEach(async () => {
    await harness.app.close();
  });

  const build = async (env: Record<string, string> = {}) => {
    harness = await buildTestApp({
      providers: fakeRegistry(),
      env: { CARPORT_PLANS: plans, CARPORT_WEBHOOK_WORKER: 'false', CARPORT_WEBHOOK_ALLOW_ADDRESSES: 'loopback', ...env },
    });
  };
  const vehicleApi = (grant: Grant, method: 'GET' | 'POST', path: string, payload?: object) =>
    harness.app.inject({ method, url: `/v2.0/vehicles/${grant.vehicleId}${path}`, headers: { authorization: `Bearer ${grant.token}` }, ...(payload === undefined ? {} : { payload }) });
  const requestIdOf = (response: { headers: Record<string, unknown> }) => response.headers['sc-request-id'];

  it('answers 430 BILLING:INVALID_PLAN to a command, a make-specific endpoint and a batch outside the plan, counting none of them', async () => {
    await build();
    const grant = await grantOnPlan(harness, 'reader');
    const refusals = [
      [await vehicleApi(grant, 'POST', '/security', { action: 'LOCK' }), 'commands', commands],
      [await vehicleApi(grant, 'GET', '/tesla/charge'), 'make_specific_endpoints', makeSpecific],
      [await vehicleApi(grant, 'POST', '/batch', { requests: [{ path: '/odometer' }] }), 'batch', batches],
    ] as const;
    for (const [response, feature, what] of refusals) {
      expect(response.statusCode).toBe(430);
      expect(response.json()).toEqual(invalidPlanBody(requestIdOf(response), 'reader', feature, what));
      expect(response.headers['ratelimit-remaining']).toBeUndefined();
    }
    // The core reads are in every plan; the refused requests took nothing from the bucket of 10.
    const read = await vehicleApi(grant, 'GET', '/odometer');
    expect(read.statusCode).toBe(200);
    expect(read.headers['ratelimit-remaining']).toBe('9');

    // Lifting it is a plan change away.
    await harness.app.carport.repositories.applications.update(grant.applicationId, { plan: 'free' });
    harness.app.carport.limiter.forget(grant.applicationId);
    expect((await vehicleApi(grant, 'POST', '/security', { action: 'LOCK' })).json()).toEqual({ status: 'success', message: 'Successfully sent request to vehicle' });
    expect((await vehicleApi(grant, 'POST', '/batch', { requests: [{ path: '/odometer' }] })).statusCode).toBe(200);
    expect((await vehicleApi(grant, 'GET', '/tesla/charge')).statusCode).not.toBe(430);
  });

  it('answers a batch path outside the plan 430 in place, and the paths within it as usual', async () => {
    await build();
    const grant = await grantOnPlan(harness, 'batcher');
    const response = await vehicleApi(grant, 'POST', '/batch', { requests: [{ path: '/odometer' }, { path: '/tesla/charge' }] });
    expect(response.statusCode).toBe(200);
    const [odometer, charge] = response.json<{ responses: { path: string; code: number; body: unknown }[] }>().responses;
    expect(odometer).toMatchObject({ path: '/odometer', code: 200, body: { distance: 12_345.6 } });
    expect(charge).toEqual({ path: '/tesla/charge', code: 430, headers: {}, body: invalidPlanBody(requestIdOf(response), 'batcher', 'make_specific_endpoints', makeSpecific) });
  });

  it('holds plan features with counting switched off, after suspension', async () => {
    await build({ CARPORT_LIMITS_ENABLED: 'false' });
    const grant = await grantOnPlan(harness, 'reader');
    const refused = await vehicleApi(grant, 'POST', '/security', { action: 'LOCK' });
    expect(refused.json()).toEqual(invalidPlanBody(requestIdOf(refused), 'reader', 'commands', commands));
    await harness.app.carport.repositories.applications.setSuspended(grant.applicationId, true);
    harness.app.carport.limiter.forget(grant.applicationId);
    expect((await vehicleApi(grant, 'POST', '/security', { action: 'LOCK' })).json()).toMatchObject({ type: 'BILLING', code: 'ACCOUNT_SUSPENDED' });
  });

  it('refuses creating a webhook, subscribing a vehicle and the Compatibility API outside the plan, but not unsubscribing', async () => {
    await build();
    const grant = await grantOnPlan(harness, 'free');
    const createWebhook = () =>
      harness.app.inject({
        method: 'POST',
        url: '/v2.0/management/webhooks',
        headers: { authorization: `Bearer ${grant.managementToken}` },
        // Nothing listens on the discard port: the webhook is created, its verification fails.
        payload: { name: 'Odometer', callbackUrl: 'https://127.0.0.1:9/hook', kind: 'scheduled', mode: 'live', intervalSeconds: 3600, endpoints: ['/odometer'] },
      });
    const compatibilityByVin = () => harness.app.inject({ method: 'GET', url: '/v2.0/compatibility?vin=5YJ3E1EA2KF317000&scope=read_odometer', headers: { authorization: grant.basicAuth } });
    const created = await createWebhook();
    expect(created.statusCode, created.body).toBe(201);
    const webhookId = created.json<{ id: string }>().id;
    expect((await compatibilityByVin()).statusCode).toBe(200);

    await harness.app.carport.repositories.applications.update(grant.applicationId, { plan: 'reader' });
    harness.app.carport.limiter.forget(grant.applicationId);
    const refusedCreate = await createWebhook();
    expect(refusedCreate.statusCode).toBe(430);
    expect(refusedCreate.json()).toEqual(invalidPlanBody(requestIdOf(refusedCreate), 'reader', 'webhooks', webhooks));
    expect((await harness.app.carport.repositories.webhooks.listByApplication(grant.applicationId)).map((webhook) => webhook.id)).toEqual([webhookId]);
    const refusedSubscribe = await vehicleApi(grant, 'POST', `/webhooks/${webhookId}`, {});
    expect(refusedSubscribe.statusCode).toBe(430);
    expect(refusedSubscribe.json()).toEqual(invalidPlanBody(requestIdOf(refusedSubscribe), 'reader', 'webhooks', webhooks));
    const refusedCompatibility = await compatibilityByVin();
    expect(refusedCompatibility.statusCode).toBe(430);
    expect(refusedCompatibility.json()).toEqual(invalidPlanBody(requestIdOf(refusedCompatibility), 'reader', 'compatibility_api', compatibility));
    // An application that lost webhooks can still stop the deliveries it set up before.
    const unsubscribed = await harness.app.inject({ method: 'DELETE', url: `/v2.0/vehicles/${grant.vehicleId}/webhooks/${webhookId}`, headers: { authorization: `Bearer ${grant.managementToken}` } });
    expect(unsubscribed.json()).toEqual({ status: 'success' });
  });
});
