/**
 * @module A batch is bounded: at most 50 paths, and it is taken whole or refused whole by the limits,
 * never admitted beyond what a bucket holds (which would lock the caller out while the excess refills).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { findError } from '../../src/catalog/errors.js';
import { validationBody } from '../helpers/error-bodies.js';
import type { SeededWorld } from '../helpers/test-world.js';
import { buildLimitsApp, getAs, grantOnPlan, rateLimitHeadersOf, type LimitsApp } from './limits-harness.js';

const plans = JSON.stringify({
  roomy: { maxConnectedVehicles: null, monthlyRequestsPerVehicle: null, vehicleRate: { capacity: 60, refillPerMinute: 1 }, applicationRate: { capacity: 100, refillPerMinute: 60 } },
  'small-app': { maxConnectedVehicles: null, monthlyRequestsPerVehicle: null, vehicleRate: null, applicationRate: { capacity: 10, refillPerMinute: 6 } },
});

const lift =
  'An operator can lift it by moving the application to a larger plan (`carport apps set-plan <client id> <plan>`), ' +
  'or for local development by switching limits off (`CARPORT_LIMITS_ENABLED=false`).';

/** What the free plan's vehicle bucket answers, and small-app's application bucket. */
const freeVehicleRate = `The application sent requests to this vehicle too often: the application's plan \`free\` allows 20 requests to one vehicle at once, then 1 more every 3 min. Retry after \`Retry-After\` seconds. ${lift}`;
const smallAppRate = `The application exceeded its overall request rate: the application's plan \`small-app\` allows 10 requests across its vehicles at once, then 6 more a minute. Retry after \`Retry-After\` seconds. ${lift}`;

/** The whole catalog body of a `RATE_LIMIT` refusal. */
function rateLimitBody(requestId: unknown, code: 'VEHICLE' | 'SMARTCAR_API', description: string) {
  const definition = findError('RATE_LIMIT', code);
  return {
    type: 'RATE_LIMIT',
    code,
    description,
    docURL: `http://carport.test/docs/errors#rate_limit-${code.toLowerCase()}`,
    statusCode: 429,
    requestId,
    resolution: { type: 'RETRY_LATER' },
    suggestedUserMessage: definition?.suggestedUserMessage,
  };
}

describe('batch size and limits', () => {
  let harness: LimitsApp;
  afterEach(async () => {
    await harness.app.close();
  });

  const batch = (grant: SeededWorld, paths: number) =>
    harness.app.inject({
      method: 'POST',
      url: `/v2.0/vehicles/${grant.vehicleIds[0] ?? ''}/batch`,
      headers: { authorization: `Bearer ${grant.accessToken}` },
      payload: { requests: Array.from({ length: paths }, () => ({ path: '/odometer' })) },
    });

  it('answers 50 paths and refuses 51 with VALIDATION naming the cap, counting nothing', async () => {
    harness = await buildLimitsApp({ CARPORT_PLANS: plans });
    const grant = await grantOnPlan(harness.app, 'roomy');
    const refused = await batch(grant, 51);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual(validationBody(refused.headers['sc-request-id'], 'body.requests', 'must NOT have more than 50 items'));
    expect(refused.headers['ratelimit-limit']).toBeUndefined();
    const largest = await batch(grant, 50);
    expect(largest.statusCode).toBe(200);
    expect(largest.json<{ responses: unknown[] }>().responses).toHaveLength(50);
    // The vehicle bucket (60) holds the 50 paths of the answered batch and nothing of the refused one.
    expect(rateLimitHeadersOf(largest)).toEqual({ limit: '60', remaining: '10', reset: '3000', retryAfter: undefined });
  });

  it('refuses a batch larger than what is left in the vehicle bucket whole, and takes nothing from it', async () => {
    harness = await buildLimitsApp();
    // The free plan's vehicle bucket: 20 requests, one back every 3 minutes.
    const grant = await grantOnPlan(harness.app, 'free');
    const vehicle = grant.vehicleIds[0] ?? '';
    expect((await batch(grant, 15)).statusCode).toBe(200);
    const tooMany = await batch(grant, 6);
    expect(tooMany.statusCode).toBe(429);
    expect(tooMany.json()).toEqual(rateLimitBody(tooMany.headers['sc-request-id'], 'VEHICLE', freeVehicleRate));
    expect(rateLimitHeadersOf(tooMany)).toEqual({ limit: '20', remaining: '5', reset: '2700', retryAfter: '180' });
    expect(rateLimitHeadersOf(await getAs(harness.app, grant, `/v2.0/vehicles/${vehicle}/permissions`))).toEqual({ limit: '20', remaining: '4', reset: '2880', retryAfter: undefined });
  });

  it('never admits a batch larger than the whole bucket, even a full one, and says how large a batch may be', async () => {
    harness = await buildLimitsApp();
    const grant = await grantOnPlan(harness.app, 'free');
    const vehicle = grant.vehicleIds[0] ?? '';
    const refused = await batch(grant, 21);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual(
      rateLimitBody(refused.headers['sc-request-id'], 'VEHICLE', `This batch counts as 21 requests, more than this limit ever allows at once (20); send at most 20 paths per batch. ${freeVehicleRate}`),
    );
    expect(rateLimitHeadersOf(refused)).toEqual({ limit: '20', remaining: '20', reset: '0', retryAfter: '1' });
    // The bucket is still full: the caller is not locked out for the hour the excess would take to refill.
    expect(rateLimitHeadersOf(await getAs(harness.app, grant, `/v2.0/vehicles/${vehicle}/permissions`))).toEqual({ limit: '20', remaining: '19', reset: '180', retryAfter: undefined });
    expect((await batch(grant, 19)).statusCode).toBe(200);
  });

  it('refuses a batch larger than the application bucket with RATE_LIMIT:SMARTCAR_API', async () => {
    harness = await buildLimitsApp({ CARPORT_PLANS: plans });
    const grant = await grantOnPlan(harness.app, 'small-app');
    const refused = await batch(grant, 11);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual(
      rateLimitBody(refused.headers['sc-request-id'], 'SMARTCAR_API', `This batch counts as 11 requests, more than this limit ever allows at once (10); send at most 10 paths per batch. ${smallAppRate}`),
    );
    expect(rateLimitHeadersOf(refused)).toEqual({ limit: '10', remaining: '10', reset: '0', retryAfter: '1' });
    expect(rateLimitHeadersOf(await batch(grant, 10))).toEqual({ limit: '10', remaining: '0', reset: '100', retryAfter: undefined });
  });
});
