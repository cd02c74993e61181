/** @module How the limit step is wired: default plan, the Vehicle API's own routes, batch counting, switches and failure modes. */
import { afterEach, describe, expect, it } from 'vitest';
import { buildLimitsApp, getAs, grantOnPlan, rateLimitHeadersOf, type LimitsApp } from './limits-harness.js';

describe('limit step wiring', () => {
  let harness: LimitsApp;
  afterEach(async () => {
    await harness.app.close();
  });

  it('holds new applications to the free plan, on the Vehicle API’s own routes', async () => {
    harness = await buildLimitsApp();
    const grant = await grantOnPlan(harness.app, 'free');
    const vehicles = await getAs(harness.app, grant, '/v2.0/vehicles');
    expect(vehicles.statusCode).toBe(200);
    // Application bucket: 120, refilling one request every 30 s.
    expect(rateLimitHeadersOf(vehicles)).toEqual({ limit: '120', remaining: '119', reset: '30', retryAfter: undefined });
    // A route naming a vehicle reports the vehicle bucket (20, one every 3 minutes), the nearest to running out.
    const permissions = await getAs(harness.app, grant, `/v2.0/vehicles/${grant.vehicleIds[0] ?? ''}/permissions`);
    expect(permissions.statusCode).toBe(200);
    expect(rateLimitHeadersOf(permissions)).toEqual({ limit: '20', remaining: '19', reset: '180', retryAfter: undefined });
    // Unauthenticated requests are refused before the limit step and count against nothing.
    const anonymous = await harness.app.inject({ method: 'GET', url: '/v2.0/vehicles' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['ratelimit-limit']).toBeUndefined();
    expect(rateLimitHeadersOf(await getAs(harness.app, grant, '/v2.0/vehicles'))).toMatchObject({ remaining: '117' });
  });

  it('counts every path of a batch once, and refuses a batch the bucket cannot hold', async () => {
    const plans = JSON.stringify({ free: { vehicleRate: { capacity: 5, refillPerMinute: 1 }, monthlyRequestsPerVehicle: 6 } });
    harness = await buildLimitsApp({ CARPORT_PLANS: plans });
    const grant = await grantOnPlan(harness.app, 'free');
    const batch = (paths: number) =>
      harness.app.inject({
        method: 'POST',
        url: `/v2.0/vehicles/${grant.vehicleIds[0] ?? ''}/limits-batch`,
        headers: { authorization: `Bearer ${grant.accessToken}` },
        payload: { paths: Array.from({ length: paths }, (_item, index) => `/path-${index}`) },
      });
    const first = await batch(3);
    expect(first.json()).toEqual({ counted: 3 });
    expect(rateLimitHeadersOf(first)).toEqual({ limit: '5', remaining: '2', reset: '180', retryAfter: undefined });
    const tooBig = await batch(3);
    expect(tooBig.statusCode).toBe(429);
    expect(tooBig.json()).toMatchObject({ type: 'RATE_LIMIT', code: 'VEHICLE' });
    expect(rateLimitHeadersOf(tooBig)).toEqual({ limit: '5', remaining: '2', reset: '180', retryAfter: '60' });
    harness.advance(180_000);
    // The bucket is full again; the monthly allowance (6, renewed on December 1st) is now the nearer to running out.
    expect(rateLimitHeadersOf(await batch(2))).toEqual({ limit: '6', remaining: '1', reset: String(8 * 24 * 3600 + 14 * 3600 - 180), retryAfter: undefined });
  });

  it('logs a per-path route that answered without counting', async () => {
    harness = await buildLimitsApp();
    const grant = await grantOnPlan(harness.app, 'free');
    const response = await harness.app.inject({
      method: 'POST',
      url: `/v2.0/vehicles/${grant.vehicleIds[0] ?? ''}/limits-uncounted`,
      headers: { authorization: `Bearer ${grant.accessToken}` },
    });
    expect(response.statusCode).toBe(200);
    expect(harness.log.lines).toContainEqual(
      expect.objectContaining({ level: 50, route: '/v2.0/vehicles/:id/limits-uncounted', msg: 'a per-path route answered without counting its paths against the request limits' }),
    );
  });

  it('with CARPORT_LIMITS_ENABLED=false counts nothing but still refuses suspended applications', async () => {
    harness = await buildLimitsApp({ CARPORT_LIMITS_ENABLED: 'false', CARPORT_PLANS: '{"free":{"applicationRate":{"capacity":1,"refillPerMinute":1}}}' });
    const grant = await grantOnPlan(harness.app, 'free');
    for (let index = 0; index < 3; index += 1) {
      const response = await getAs(harness.app, grant, '/v2.0/vehicles');
      expect(response.statusCode).toBe(200);
      expect(response.headers['ratelimit-limit']).toBeUndefined();
    }
    await harness.app.carport.repositories.applications.setSuspended(grant.applicationId, true);
    harness.advance(10_000);
    expect((await getAs(harness.app, grant, '/v2.0/vehicles')).statusCode).toBe(430);
  });

  it('holds an application with an unknown plan to the free plan, and says so once', async () => {
    harness = await buildLimitsApp();
    const grant = await grantOnPlan(harness.app, 'platinum');
    expect(rateLimitHeadersOf(await getAs(harness.app, grant, '/v2.0/vehicles'))).toMatchObject({ limit: '120', remaining: '119' });
    expect(rateLimitHeadersOf(await getAs(harness.app, grant, '/v2.0/user'))).toMatchObject({ limit: '120', remaining: '118' });
    const warnings = harness.log.lines.filter((line) => line.plan === 'platinum');
    expect(warnings).toEqual([expect.objectContaining({ level: 40, msg: 'an application has a plan the catalog does not define; it is held to the default plan' })]);
  });

  it('admits requests uncounted, and logs, while Redis cannot be reached', async () => {
    harness = await buildLimitsApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    const grant = await grantOnPlan(harness.app, 'free');
    const response = await getAs(harness.app, grant, '/v2.0/vehicles');
    expect(response.statusCode).toBe(200);
    expect(response.headers['ratelimit-limit']).toBeUndefined();
    expect(harness.log.lines).toContainEqual(expect.objectContaining({ level: 50, msg: 'limit counters unavailable; requests are admitted uncounted until they recover' }));
  });
});
