/** @module Every limit answered over HTTP with its status, catalog code, exact body and headers (in-process counters). */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/catalog/api-error.js';
import { assertCanConnectVehicles } from '../../src/http/limits/assert-can-connect-vehicles.js';
import { buildLimitsApp, getAs, grantOnPlan, rateLimitHeadersOf, type LimitsApp } from './limits-harness.js';

/** One tight plan per limit, so each test meets the limit it is about first. */
const plans = JSON.stringify({
  'tight-vehicle': { maxConnectedVehicles: null, monthlyRequestsPerVehicle: null, vehicleRate: { capacity: 3, refillPerMinute: 1 }, applicationRate: { capacity: 100, refillPerMinute: 60 } },
  'tight-app': { maxConnectedVehicles: null, monthlyRequestsPerVehicle: null, vehicleRate: null, applicationRate: { capacity: 4, refillPerMinute: 6 } },
  'tight-month': { maxConnectedVehicles: null, monthlyRequestsPerVehicle: 2, vehicleRate: null, applicationRate: null },
  'tight-fleet': { maxConnectedVehicles: 1, monthlyRequestsPerVehicle: null, vehicleRate: null, applicationRate: null },
});

const catalogBody = (requestId: string, fields: { type: string; code: string; description: string; statusCode: number; resolution: string | null; suggestedUserMessage: string }) => ({
  type: fields.type,
  code: fields.code,
  description: fields.description,
  docURL: `http://carport.test/docs/errors#${`${fields.type}-${fields.code}`.toLowerCase()}`,
  statusCode: fields.statusCode,
  requestId,
  resolution: { type: fields.resolution },
  suggestedUserMessage: fields.suggestedUserMessage,
});

/** How every plan limit's answer says it is lifted. */
const lift =
  'An operator can lift it by moving the application to a larger plan (`carport apps set-plan <client id> <plan>`), ' +
  'or for local development by switching limits off (`CARPORT_LIMITS_ENABLED=false`).';

const requestIdOf = (response: { headers: Record<string, unknown> }) => String(response.headers['sc-request-id']);

describe('limits answered over HTTP', () => {
  let harness: LimitsApp;
  afterEach(async () => {
    await harness.app.close();
  });

  it('429 RATE_LIMIT:VEHICLE per vehicle and application, with Retry-After, refilling over minutes', async () => {
    harness = await buildLimitsApp({ CARPORT_PLANS: plans });
    const grant = await grantOnPlan(harness.app, 'tight-vehicle', 2);
    const [vehicle = '', other = ''] = grant.vehicleIds;
    const admitted = [];
    for (let index = 0; index < 3; index += 1) admitted.push(rateLimitHeadersOf(await getAs(harness.app, grant, `/v2.0/vehicles/${vehicle}/limits-probe`)));
    expect(admitted).toEqual([
      { limit: '3', remaining: '2', reset: '60', retryAfter: undefined },
      { limit: '3', remaining: '1', reset: '120', retryAfter: undefined },
      { limit: '3', remaining: '0', reset: '180', retryAfter: undefined },
    ]);
    const refused = await getAs(harness.app, grant, `/v2.0/vehicles/${vehicle}/limits-probe`);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual(
      catalogBody(requestIdOf(refused), {
        type: 'RATE_LIMIT',
        code: 'VEHICLE',
        description: `The application sent requests to this vehicle too often: the application's plan \`tight-vehicle\` allows 3 requests to one vehicle at once, then 1 more a minute. Retry after \`Retry-After\` seconds. ${lift}`,
        statusCode: 429,
        resolution: 'RETRY_LATER',
        suggestedUserMessage: 'Your vehicle has received too many requests. Please wait a moment and try again.',
      }),
    );
    expect(rateLimitHeadersOf(refused)).toEqual({ limit: '3', remaining: '0', reset: '180', retryAfter: '60' });
    // Another vehicle of the same application has its own bucket.
    expect((await getAs(harness.app, grant, `/v2.0/vehicles/${other}/limits-probe`)).statusCode).toBe(200);
    harness.advance(59_000);
    expect(rateLimitHeadersOf(await getAs(harness.app, grant, `/v2.0/vehicles/${vehicle}/limits-probe`))).toEqual({ limit: '3', remaining: '0', reset: '121', retryAfter: '1' });
    harness.advance(1_000);
    const refilled = await getAs(harness.app, grant, `/v2.0/vehicles/${vehicle}/limits-probe`);
    expect(refilled.statusCode).toBe(200);
    expect(rateLimitHeadersOf(refilled)).toEqual({ limit: '3', remaining: '0', reset: '180', retryAfter: undefined });
  });

  it('429 RATE_LIMIT:SMARTCAR_API per application, on routes that name no vehicle too', async () => {
    harness = await buildLimitsApp({ CARPORT_PLANS: plans });
    const grant = await grantOnPlan(harness.app, 'tight-app', 2);
    const [first = '', second = ''] = grant.vehicleIds;
    for (const url of ['/v2.0/vehicles', `/v2.0/vehicles/${first}/limits-probe`, `/v2.0/vehicles/${second}/limits-probe`, '/v2.0/user']) {
      expect((await getAs(harness.app, grant, url)).statusCode).toBe(200);
    }
    const refused = await getAs(harness.app, grant, '/v2.0/vehicles');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual(
      catalogBody(requestIdOf(refused), {
        type: 'RATE_LIMIT',
        code: 'SMARTCAR_API',
        description: `The application exceeded its overall request rate: the application's plan \`tight-app\` allows 4 requests across its vehicles at once, then 6 more a minute. Retry after \`Retry-After\` seconds. ${lift}`,
        statusCode: 429,
        resolution: 'RETRY_LATER',
        suggestedUserMessage: 'The service is busy. Please wait a moment and try again.',
      }),
    );
    expect(rateLimitHeadersOf(refused)).toEqual({ limit: '4', remaining: '0', reset: '40', retryAfter: '10' });
    // Another application is not affected.
    const neighbour = await grantOnPlan(harness.app, 'tight-app');
    expect((await getAs(harness.app, neighbour, '/v2.0/vehicles')).statusCode).toBe(200);
  });

  it('a plan change gives the application and its vehicles full buckets of the new plan within the plan cache interval', async () => {
    harness = await buildLimitsApp();
    const grant = await grantOnPlan(harness.app, 'free');
    const url = `/v2.0/vehicles/${grant.vehicleIds[0] ?? ''}/limits-probe`;
    for (let index = 0; index < 20; index += 1) expect((await getAs(harness.app, grant, url)).statusCode).toBe(200);
    const spent = await getAs(harness.app, grant, url);
    expect(spent.statusCode).toBe(429);
    expect(rateLimitHeadersOf(spent)).toEqual({ limit: '20', remaining: '0', reset: '3600', retryAfter: '180' });
    // What `carport apps set-plan` writes; this process reads it once its cached standing expires.
    await harness.app.carport.repositories.applications.update(grant.applicationId, { plan: 'build' });
    harness.advance(5_001);
    const upgraded = await getAs(harness.app, grant, url);
    expect(upgraded.statusCode).toBe(200);
    expect(rateLimitHeadersOf(upgraded)).toEqual({ limit: '20', remaining: '19', reset: '180', retryAfter: undefined });
    // The new bucket is build's own: 20 at once, then spent like any other.
    for (let index = 0; index < 19; index += 1) expect((await getAs(harness.app, grant, url)).statusCode).toBe(200);
    const again = await getAs(harness.app, grant, url);
    expect(again.statusCode).toBe(429);
    expect(rateLimitHeadersOf(again)).toEqual({ limit: '20', remaining: '0', reset: '3600', retryAfter: '180' });
  });

  it('430 BILLING:VEHICLE_REQUEST_LIMIT per vehicle and calendar month, renewed on the 1st', async () => {
    harness = await buildLimitsApp({ CARPORT_PLANS: plans }, '2026-11-30T23:59:00.000Z');
    const grant = await grantOnPlan(harness.app, 'tight-month');
    const url = `/v2.0/vehicles/${grant.vehicleIds[0] ?? ''}/limits-probe`;
    expect(rateLimitHeadersOf(await getAs(harness.app, grant, url))).toEqual({ limit: '2', remaining: '1', reset: '60', retryAfter: undefined });
    expect((await getAs(harness.app, grant, url)).statusCode).toBe(200);
    const refused = await getAs(harness.app, grant, url);
    expect(refused.statusCode).toBe(430);
    expect(refused.json()).toEqual(
      catalogBody(requestIdOf(refused), {
        type: 'BILLING',
        code: 'VEHICLE_REQUEST_LIMIT',
        description: `The application has used this vehicle's request allowance for the current billing period: the application's plan \`tight-month\` allows 2 requests to one vehicle per calendar month (UTC), renewed on the 1st. ${lift}`,
        statusCode: 430,
        resolution: 'RETRY_LATER',
        suggestedUserMessage: 'This app has reached its limit of requests to your vehicle for now. Please try again later.',
      }),
    );
    expect(rateLimitHeadersOf(refused)).toEqual({ limit: '2', remaining: '0', reset: '60', retryAfter: '60' });
    // Requests without a vehicle are not billed per vehicle.
    expect((await getAs(harness.app, grant, '/v2.0/vehicles')).statusCode).toBe(200);
    harness.advance(60_000);
    expect(rateLimitHeadersOf(await getAs(harness.app, grant, url))).toEqual({ limit: '2', remaining: '1', reset: '2678400', retryAfter: undefined });
  });

  it('430 BILLING:ACCOUNT_SUSPENDED on every route, within the plan cache interval or at once when told', async () => {
    harness = await buildLimitsApp();
    const grant = await grantOnPlan(harness.app, 'free');
    expect((await getAs(harness.app, grant, '/v2.0/vehicles')).statusCode).toBe(200);
    await harness.app.carport.repositories.applications.setSuspended(grant.applicationId, true);
    // This process still holds the standing it read; another process would hold it as long.
    expect((await getAs(harness.app, grant, '/v2.0/vehicles')).statusCode).toBe(200);
    harness.advance(5_001);
    for (const url of ['/v2.0/vehicles', `/v2.0/vehicles/${grant.vehicleIds[0] ?? ''}/limits-probe`]) {
      const refused = await getAs(harness.app, grant, url);
      expect(refused.statusCode).toBe(430);
      expect(refused.json()).toEqual(
        catalogBody(requestIdOf(refused), {
          type: 'BILLING',
          code: 'ACCOUNT_SUSPENDED',
          description: "The application's account is suspended (its plan is `free`). An operator lifts the suspension with `carport apps resume <client id>`.",
          statusCode: 430,
          resolution: 'CONTACT_SUPPORT',
          suggestedUserMessage: 'This app is temporarily unavailable. Please contact the app developer.',
        }),
      );
      expect(rateLimitHeadersOf(refused)).toEqual({ limit: undefined, remaining: undefined, reset: undefined, retryAfter: undefined });
    }
    await expect(assertCanConnectVehicles(harness.app.carport, grant.applicationId, 1)).rejects.toMatchObject({
      type: 'BILLING',
      code: 'ACCOUNT_SUSPENDED',
      options: { description: "The application's account is suspended (its plan is `free`). An operator lifts the suspension with `carport apps resume <client id>`." },
    });
    await harness.app.carport.repositories.applications.setSuspended(grant.applicationId, false);
    harness.app.carport.limiter.forget(grant.applicationId);
    expect((await getAs(harness.app, grant, '/v2.0/vehicles')).statusCode).toBe(200);
  });

  it('430 BILLING:VEHICLE_LIMIT from Connect beyond the plan, and from the API for the vehicles beyond it', async () => {
    harness = await buildLimitsApp({ CARPORT_PLANS: plans });
    const grant = await grantOnPlan(harness.app, 'tight-fleet', 2);
    // Both were connected in the same millisecond; the store breaks the tie, so ask it which one the plan covers.
    const [covered = ''] = await harness.app.carport.repositories.applications.earliestConnectedVehicleIds(grant.applicationId, 1);
    const beyond = grant.vehicleIds.find((id) => id !== covered) ?? '';
    const error = await assertCanConnectVehicles(harness.app.carport, grant.applicationId, 1).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      type: 'BILLING',
      code: 'VEHICLE_LIMIT',
      options: { description: `The application's plan \`tight-fleet\` allows 1 connected vehicles and 2 are connected, so 1 more cannot be added. Disconnect vehicles to make room. ${lift}` },
    });
    expect((await getAs(harness.app, grant, `/v2.0/vehicles/${covered}/limits-probe`)).statusCode).toBe(200);
    const refused = await getAs(harness.app, grant, `/v2.0/vehicles/${beyond}/limits-probe`);
    expect(refused.statusCode).toBe(430);
    expect(refused.json()).toEqual(
      catalogBody(requestIdOf(refused), {
        type: 'BILLING',
        code: 'VEHICLE_LIMIT',
        description: `This vehicle is beyond the 1 connected vehicles the application's plan \`tight-fleet\` allows. Disconnect vehicles to bring it within the plan. ${lift}`,
        statusCode: 430,
        resolution: null,
        suggestedUserMessage: 'This app cannot connect more vehicles right now. Please contact the app developer.',
      }),
    );
    // A vehicle id the caller does not hold is left to the grant check (403), revealing nothing.
    expect((await getAs(harness.app, grant, '/v2.0/vehicles/not-a-vehicle/limits-probe')).statusCode).toBe(403);
    // Disconnecting the covered vehicle brings the other one within the plan.
    await harness.app.carport.repositories.connections.revokeForApplicationVehicle(grant.applicationId, covered, 'application_disconnected');
    harness.app.carport.limiter.forget(grant.applicationId);
    expect((await getAs(harness.app, grant, `/v2.0/vehicles/${beyond}/limits-probe`)).statusCode).toBe(200);
    await expect(assertCanConnectVehicles(harness.app.carport, grant.applicationId, 0)).resolves.toBeUndefined();
    await expect(assertCanConnectVehicles(harness.app.carport, grant.applicationId, 1)).rejects.toMatchObject({ code: 'VEHICLE_LIMIT' });
    await expect(assertCanConnectVehicles(harness.app.carport, grant.applicationId, -1)).rejects.toThrow(RangeError);
  });
});
