/** @module Plans bill live vehicles only: test and simulated ones use up neither the connected-vehicle maximum nor the monthly requests, but rate limits still apply. */
import { afterEach, describe, expect, it } from 'vitest';
import { assertCanConnectVehicles } from '../../src/http/limits/assert-can-connect-vehicles.js';
import { buildLimitsApp, getAs, grantOnPlan, type LimitsApp } from './limits-harness.js';

const plans = JSON.stringify({
  'tight-month': { maxConnectedVehicles: null, monthlyRequestsPerVehicle: 2, vehicleRate: { capacity: 5, refillPerMinute: 1 }, applicationRate: null },
  'tight-fleet': { maxConnectedVehicles: 1, monthlyRequestsPerVehicle: null, vehicleRate: null, applicationRate: null },
});

describe('plans and non-live vehicles', () => {
  let harness: LimitsApp;
  afterEach(async () => {
    await harness.app.close();
  });

  it.each(['test', 'simulated'] as const)('%s vehicles do not use up the monthly requests of a vehicle, but meet its rate; live ones meet both', async (mode) => {
    harness = await buildLimitsApp({ CARPORT_PLANS: plans });
    const free = await grantOnPlan(harness.app, 'tight-month', 1, mode);
    const billed = await grantOnPlan(harness.app, 'tight-month', 1, 'live');
    const statuses = async (grant: typeof free, count: number): Promise<number[]> => {
      const codes: number[] = [];
      for (let request = 0; request < count; request += 1) codes.push((await getAs(harness.app, grant, `/v2.0/vehicles/${grant.vehicleIds[0] ?? ''}/limits-probe`)).statusCode);
      return codes;
    };
    expect(await statuses(free, 6)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await statuses(billed, 3)).toEqual([200, 200, 430]);
  });

  it.each(['test', 'simulated'] as const)('%s vehicles do not count against the connected-vehicle maximum', async (mode) => {
    harness = await buildLimitsApp({ CARPORT_PLANS: plans });
    const grant = await grantOnPlan(harness.app, 'tight-fleet', 3, mode);
    await expect(assertCanConnectVehicles(harness.app.carport, grant.applicationId, 1)).resolves.toBeUndefined();
    for (const vehicleId of grant.vehicleIds) expect((await getAs(harness.app, grant, `/v2.0/vehicles/${vehicleId}/limits-probe`)).statusCode).toBe(200);
    await expect(assertCanConnectVehicles(harness.app.carport, grant.applicationId, 2)).rejects.toMatchObject({ type: 'BILLING', code: 'VEHICLE_LIMIT' });
  });
});
