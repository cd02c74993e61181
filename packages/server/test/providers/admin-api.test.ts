/** @module The admin API over the simulated fleet: off without a token, bearer-authenticated, catalog errors, and every operator action. */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { validationBody } from '../helpers/error-bodies.js';
import { buildTestApp } from '../helpers/test-app.js';

const token = 'admin-token-for-tests-0123456789';
const now = new Date('2026-06-10T02:00:00.000Z');
const apps: FastifyInstance[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function app(env: Record<string, string> = { CARPORT_ADMIN_TOKEN: token }): Promise<FastifyInstance> {
  const built = await buildTestApp({ env: { CARPORT_SIM_FLEET_SIZE: '44', CARPORT_SIM_LATENCY_MS: '0', ...env }, now: () => now });
  apps.push(built.app);
  return built.app;
}

const auth = { authorization: `Bearer ${token}` };

interface Listing {
  clock: { simulatedNow: string; accelerationFactor: number; simulationStart: string };
  total: number;
  vehicles: { key: string; vin: string; make: string; powertrain: string; status: string; owner: string }[];
}

describe('admin API', () => {
  it('is absent (404 in the catalog shape) while CARPORT_ADMIN_TOKEN is unset', async () => {
    const response = await (await app({})).inject({ method: 'GET', url: '/admin/fleet', headers: auth });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ type: 'RESOURCE_NOT_FOUND', code: 'PATH', statusCode: 404 });
  });

  it('refuses requests without the admin token with AUTHENTICATION', async () => {
    const server = await app();
    for (const headers of [{}, { authorization: 'Bearer wrong-token-wrong-token' }, { authorization: token }]) {
      const response = await server.inject({ method: 'GET', url: '/admin/fleet', headers });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="carport-admin"');
      expect(response.json()).toMatchObject({ type: 'AUTHENTICATION', code: null, statusCode: 401, resolution: { type: 'REAUTHENTICATE' } });
    }
  });

  it('lists the embedded fleet with its demo owners and the simulated clock', async () => {
    const server = await app();
    const listing = (await server.inject({ method: 'GET', url: '/admin/fleet?limit=100', headers: auth })).json<Listing>();
    expect(listing.total).toBe(44);
    expect(listing.vehicles).toHaveLength(44);
    expect(listing.clock).toEqual({ simulatedNow: now.toISOString(), accelerationFactor: 1, simulationStart: now.toISOString() });
    expect(listing.vehicles[0]).toMatchObject({ make: 'ACURA', owner: 'acura.owner1@demo.carport.example' });
    const teslas = (await server.inject({ method: 'GET', url: '/admin/fleet?make=TESLA', headers: auth })).json<Listing>();
    expect(teslas.vehicles.map((vehicle) => vehicle.make)).toEqual(['TESLA']);
    const accounts = (await server.inject({ method: 'GET', url: '/admin/fleet/accounts', headers: auth })).json<{ accounts: { email: string; vins: string[] }[] }>();
    expect(accounts.accounts).toHaveLength(44);
    expect(accounts.accounts[0]?.vins).toEqual([listing.vehicles[0]?.vin]);
  });

  it('shows a vehicle by VIN or key, and answers an unknown one with 404', async () => {
    const server = await app();
    const [first] = (await server.inject({ method: 'GET', url: '/admin/fleet', headers: auth })).json<Listing>().vehicles;
    if (first === undefined) throw new Error('empty fleet');
    const byVin = await server.inject({ method: 'GET', url: `/admin/fleet/vehicles/${first.vin}`, headers: auth });
    expect(byVin.statusCode).toBe(200);
    expect(byVin.json()).toMatchObject({ key: first.key, vin: first.vin, interventions: 0 });
    const byKey = await server.inject({ method: 'GET', url: `/admin/fleet/vehicles/${encodeURIComponent(first.key)}`, headers: auth });
    expect(byKey.json()).toEqual(byVin.json());
    const unknown = await server.inject({ method: 'GET', url: '/admin/fleet/vehicles/5YJ3E1EA7KF317000', headers: auth });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ type: 'RESOURCE_NOT_FOUND', code: 'PATH' });
    const other = await server.inject({ method: 'GET', url: '/admin/fleet/vehicles/5YJ3E1EA7KF317000?mode=simulated', headers: auth });
    expect(other.json()).toMatchObject({ key: 'simulated/TESLA/5YJ3E1EA7KF317000', vin: '5YJ3E1EA7KF317000' });
  });

  it('advances simulated time for the whole fleet', async () => {
    const server = await app();
    const response = await server.inject({ method: 'POST', url: '/admin/fleet/advance', headers: auth, payload: { by: '2h' } });
    expect(response.json()).toMatchObject({ simulatedNow: new Date(now.getTime() + 2 * 3_600_000).toISOString() });
    const invalid = await server.inject({ method: 'POST', url: '/admin/fleet/advance', headers: auth, payload: { by: 'soon' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ type: 'VALIDATION' });
  });

  it('advances by at most 366 days, and refuses anything longer or not a positive duration in the VALIDATION shape', async () => {
    const server = await app();
    const advance = (by: unknown) => server.inject({ method: 'POST', url: '/admin/fleet/advance', headers: auth, payload: { by } });
    const durationMessage = 'a positive duration of at most 366d, such as 15m or 2h';
    const patternMessage = 'must match pattern "^\\d+(\\.\\d+)?\\s*(ms|s|m|h|d|w)?$"';
    const refusals: [unknown, string, string, 'PARAMETER' | null][] = [
      ['367d', 'body.by', durationMessage, 'PARAMETER'],
      ['53w', 'body.by', durationMessage, 'PARAMETER'],
      ['31622400001ms', 'body.by', durationMessage, 'PARAMETER'],
      [`${'9'.repeat(400)}d`, 'body.by', durationMessage, 'PARAMETER'],
      ['0s', 'body.by', durationMessage, 'PARAMETER'],
      ['0.4ms', 'body.by', durationMessage, 'PARAMETER'],
      ['-1h', 'body.by', patternMessage, null],
      ['Infinity', 'body.by', patternMessage, null],
      ['1e9d', 'body.by', patternMessage, null],
      [3600, 'body.by', 'must be string', null],
      [null, 'body.by', 'must be string', null],
    ];
    for (const [by, field, message, code] of refusals) {
      const refused = await advance(by);
      expect(refused.statusCode, String(by)).toBe(400);
      expect(refused.json(), String(by)).toEqual(validationBody(refused.headers['sc-request-id'], field, message, code));
    }
    const vehicle = (await server.inject({ method: 'GET', url: '/admin/fleet?limit=1', headers: auth })).json<Listing>().vehicles[0];
    const fault = await server.inject({ method: 'POST', url: `/admin/fleet/vehicles/${vehicle?.vin ?? ''}/fault`, headers: auth, payload: { kind: 'unreachable', for: '400d' } });
    expect(fault.statusCode).toBe(400);
    expect(fault.json()).toEqual(validationBody(fault.headers['sc-request-id'], 'body.for', durationMessage, 'PARAMETER'));
    // Nothing refused moved the clock; the longest advance does, and the fleet still answers after it.
    const longest = await advance('366d');
    expect(longest.statusCode).toBe(200);
    expect(longest.json()).toMatchObject({ simulatedNow: new Date(now.getTime() + 366 * 86_400_000).toISOString() });
    const shown = await server.inject({ method: 'GET', url: `/admin/fleet/vehicles/${vehicle?.vin ?? ''}`, headers: auth });
    expect(shown.statusCode).toBe(200);
  });

  it('plugs and unplugs a vehicle, refusing what the vehicle would refuse', async () => {
    const server = await app();
    const listing = (await server.inject({ method: 'GET', url: '/admin/fleet?limit=100', headers: auth })).json<Listing>();
    const parked = async (powertrain: string) => {
      for (const vehicle of listing.vehicles.filter((candidate) => candidate.powertrain === powertrain)) {
        const shown = (await server.inject({ method: 'GET', url: `/admin/fleet/vehicles/${vehicle.vin}`, headers: auth })).json<{ status: string; charge: { isPluggedIn: boolean } | null }>();
        if (shown.status !== 'DRIVING' && shown.charge?.isPluggedIn !== true) return vehicle;
      }
      throw new Error(`no parked ${powertrain}`);
    };
    const bev = await parked('BEV');
    const plugged = await server.inject({ method: 'POST', url: `/admin/fleet/vehicles/${bev.vin}/plug`, headers: auth, payload: { charger: 'DC', powerKw: 50 } });
    expect(plugged.statusCode).toBe(200);
    expect(plugged.json()).toMatchObject({ charge: { isPluggedIn: true }, interventions: 1 });
    const again = await server.inject({ method: 'POST', url: `/admin/fleet/vehicles/${bev.vin}/plug`, headers: auth, payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ type: 'VEHICLE_STATE', code: 'CHARGING_PLUG_CONNECTED' });
    const unplugged = await server.inject({ method: 'POST', url: `/admin/fleet/vehicles/${bev.vin}/unplug`, headers: auth });
    expect(unplugged.json()).toMatchObject({ charge: { isPluggedIn: false, state: 'NOT_CHARGING' } });
    const ice = await parked('ICE');
    const refused = await server.inject({ method: 'POST', url: `/admin/fleet/vehicles/${ice.vin}/plug`, headers: auth, payload: {} });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ type: 'VALIDATION', code: 'PARAMETER', detail: [{ field: 'vehicle', message: 'this vehicle has no charge port' }] });
  });

  it('injects and clears faults, which then shape the vehicle’s answers', async () => {
    const server = await app();
    const [vehicle] = (await server.inject({ method: 'GET', url: '/admin/fleet', headers: auth })).json<Listing>().vehicles;
    if (vehicle === undefined) throw new Error('empty fleet');
    const injected = await server.inject({ method: 'POST', url: `/admin/fleet/vehicles/${vehicle.vin}/fault`, headers: auth, payload: { kind: 'upstream', code: 'NO_RESPONSE', for: '30m' } });
    expect(injected.json()).toMatchObject({ fault: 'upstream', faultDetails: { kind: 'upstream', code: 'NO_RESPONSE', until: now.getTime() + 30 * 60_000 } });
    const cleared = await server.inject({ method: 'DELETE', url: `/admin/fleet/vehicles/${vehicle.vin}/fault`, headers: auth });
    expect(cleared.json()).toMatchObject({ fault: null, faultDetails: null, interventions: 2 });
    const invalid = await server.inject({ method: 'POST', url: `/admin/fleet/vehicles/${vehicle.vin}/fault`, headers: auth, payload: { kind: 'gremlins' } });
    expect(invalid.statusCode).toBe(400);
  });
});
