/**
 * The live Tesla provider end to end against an emulated Tesla cloud on loopback: an owner connects
 * through Carport's pages and Tesla's (emulated) login, the application reads and commands through
 * the official smartcar SDK, an expired Tesla token is renewed unnoticed, a revoked one asks the
 * owner to reconnect once, and each fault of Tesla's cloud answers its catalog error.
 */
import { EmulatedTeslaCloud, type EmulatedVehicle } from '@carport/emulators';
import smartcar from 'smartcar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import { ConnectDriver, hiddenFields, redirectParams } from '../helpers/connect-driver.js';
import { catalogErrorBody } from '../helpers/error-bodies.js';
import { testConfig } from '../helpers/test-app.js';
import { parkedAt, signInAtEmulatedTesla } from './tesla-subject.js';

const redirectUri = 'https://app.example/callback';
const accounts = ['connect@tesla.test', 'expiry@tesla.test', 'revoked@tesla.test', 'faults@tesla.test', 'sleeper@tesla.test', 'budget@tesla.test', 'cached@tesla.test'] as const;
const adminToken = 'tesla-live-admin-token-0123456789';
const scope = ['read_vehicle_info', 'read_vin', 'read_odometer', 'read_battery', 'read_charge', 'control_charge', 'read_location', 'read_security', 'control_security', 'read_tires'];

/** Kilometres as they come back after Tesla's miles (4 decimals) and the provider's rounding to 2. */
function throughMiles(km: number): number {
  const miles = Math.round((km / 1.609344) * 1e4) / 1e4;
  return Math.round(miles * 1.609344 * 100) / 100;
}

describe('live Tesla provider against the emulated Tesla cloud', () => {
  let cloud: EmulatedTeslaCloud;
  let server: RunningServer;
  let auth: smartcar.AuthClient;

  beforeAll(async () => {
    cloud = await EmulatedTeslaCloud.start({ accounts: [...accounts], now: () => new Date(parkedAt) });
    server = await startServer(
      testConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        CARPORT_DEMO_APP: 'false',
        CARPORT_READ_CACHE_TTL_MS: '0',
        CARPORT_SIMULATED_MODES: 'test,simulated',
        CARPORT_TESLA_CLIENT_ID: cloud.clientId,
        CARPORT_TESLA_CLIENT_SECRET: cloud.clientSecret,
        CARPORT_TESLA_AUTH_URL: cloud.origin,
        CARPORT_TESLA_FLEET_API_URL_NA: cloud.origin,
        CARPORT_TESLA_TIMEOUT_MS: '1500',
        // Each fault answers once: retries (tesla-upstream.test.ts) would hide it.
        CARPORT_UPSTREAM_RETRIES: '0',
        CARPORT_ADMIN_TOKEN: adminToken,
      }),
      { logger: createLogger('silent') },
      { print: () => undefined, warn: () => undefined },
    );
    process.env.SMARTCAR_API_ORIGIN = server.address;
    process.env.SMARTCAR_AUTH_ORIGIN = server.address;
    const created = await server.app.carport.repositories.applications.createApplication({ name: 'Fleet Insights', redirectUris: [redirectUri] });
    auth = new smartcar.AuthClient({ clientId: created.application.clientId, clientSecret: created.clientSecret, redirectUri, mode: 'live' });
  });
  afterAll(async () => {
    delete process.env.SMARTCAR_API_ORIGIN;
    delete process.env.SMARTCAR_AUTH_ORIGIN;
    await server.app.close();
    await cloud.close();
  });

  /** Connect as the owner's browser would: Carport's pages, Tesla's login, back to Carport, consent; returns the application's access token. */
  async function connect(email: string): Promise<{ accessToken: string; vehicleId: string; vehicle: EmulatedVehicle }> {
    const url = new URL(auth.getAuthUrl(scope, { state: `state-${email}`, makeBypass: 'TESLA' }));
    const driver = new ConnectDriver(server.app);
    const preamble = await driver.follow(await driver.get(url.pathname + url.search));
    const toTesla = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
    expect(toTesla.status).toBe(303);
    const teslaLogin = new URL(toTesla.location ?? '');
    expect(teslaLogin.origin).toBe(cloud.origin);
    expect(teslaLogin.pathname).toBe('/oauth2/v3/authorize');
    // The application's permissions as Tesla's scopes.
    expect(teslaLogin.searchParams.get('scope')).toBe('openid offline_access vehicle_device_data vehicle_location vehicle_cmds vehicle_charging_cmds');
    const back = await signInAtEmulatedTesla(teslaLogin, email);
    expect(`${back.origin}${back.pathname}`).toBe('http://carport.test/connect/link/callback');
    const grant = await driver.follow(await driver.get(back.pathname + back.search));
    expect(grant.status).toBe(200);
    const vehicle = cloud.vehicleOf(email);
    expect(grant.html).toContain(vehicle.vin.slice(-6));
    const boxes = [...grant.html.matchAll(/name="vehicle" value="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(boxes).toHaveLength(1);
    const done = await driver.post('/connect/grant', { ...hiddenFields(grant.html), action: 'approve', vehicle: boxes });
    expect(done.location?.startsWith(`${redirectUri}?`)).toBe(true);
    const params = redirectParams(done.location);
    expect(Object.keys(params).sort()).toEqual(['code', 'state']);
    const access = await auth.exchangeCode(params.code ?? '');
    const { vehicles } = await smartcar.getVehicles(access.accessToken);
    expect(vehicles).toHaveLength(1);
    return { accessToken: access.accessToken, vehicleId: vehicles[0] ?? '', vehicle };
  }

  async function read(accessToken: string, vehicleId: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; headers: Record<string, unknown> }> {
    const response = await server.app.inject({ method: 'GET', url: `/v2.0/vehicles/${vehicleId}${path}`, headers: { authorization: `Bearer ${accessToken}`, ...headers } });
    return { status: response.statusCode, body: response.json<unknown>(), headers: response.headers };
  }

  it('connects through the emulated Tesla login and reads and commands through the official SDK', async () => {
    const { accessToken, vehicleId, vehicle } = await connect(accounts[0]);
    const truth = await cloud.garage.read(vehicle, ['getOdometer', 'getBatteryLevel', 'getLocation', 'getVehicleAttributes']);
    const expected = (id: 'getOdometer' | 'getBatteryLevel' | 'getLocation' | 'getVehicleAttributes'): Record<string, unknown> => {
      const outcome = truth.get(id);
      if (outcome?.ok !== true) throw new Error(`the emulator cannot read ${id}`);
      return outcome.body;
    };
    const car = new smartcar.Vehicle(vehicleId, accessToken, { unitSystem: 'metric' });

    const attributes = await car.attributes();
    const simulated = expected('getVehicleAttributes');
    expect({ make: attributes.make, model: attributes.model, year: attributes.year }).toEqual({ make: 'TESLA', model: simulated.model, year: simulated.year });
    expect((await car.vin()).vin).toBe(vehicle.vin);
    const odometer = await car.odometer();
    expect(odometer.distance).toBe(throughMiles(Number(expected('getOdometer').distance)));
    // The data's age is the car's own timestamp (vehicle_state.timestamp), not the time of the request.
    const recorded = truth.get('getOdometer');
    expect(odometer.meta.dataAge?.toISOString()).toBe(recorded?.ok === true ? recorded.recordedAt.toISOString() : 'unread');
    const battery = await car.battery();
    // Tesla reports whole percents.
    expect({ percentRemaining: battery.percentRemaining }).toEqual({ percentRemaining: Math.round(Number(expected('getBatteryLevel').percentRemaining) * 100) / 100 });
    const location = await car.location();
    expect({ latitude: location.latitude, longitude: location.longitude }).toEqual(expected('getLocation'));

    const unlocked = await car.unlock();
    expect({ status: unlocked.status, message: unlocked.message }).toEqual({ status: 'success', message: 'Successfully sent request to vehicle' });
    const lock = await read(accessToken, vehicleId, '/security');
    expect(lock.status).toBe(200);
    const lockTruth = (await cloud.garage.read(vehicle, ['getLockStatus'])).get('getLockStatus');
    expect(lock.body).toEqual(lockTruth?.ok === true ? { ...lockTruth.body, isLocked: false } : 'unread');
    const limit = await car.setChargeLimit(0.7);
    expect(limit.status).toBe('success');
    expect((await car.getChargeLimit()).limit).toBe(0.7);
    expect(cloud.fleetRequests.filter((request) => request.includes('/command/'))).toEqual([`POST /api/1/vehicles/${vehicle.id}/command/door_unlock`, `POST /api/1/vehicles/${vehicle.id}/command/set_charge_limit`]);
  });

  it('renews an expired Tesla token without the application noticing', async () => {
    const { accessToken, vehicleId } = await connect(accounts[1]);
    const before = await read(accessToken, vehicleId, '/odometer');
    const refreshes = cloud.authority.grantCounts.refresh_token;
    cloud.expireAccessTokens();
    const after = await read(accessToken, vehicleId, '/odometer');
    expect([after.status, after.body]).toEqual([200, before.body]);
    expect(cloud.authority.grantCounts.refresh_token).toBe(refreshes + 1);
    // The rotated refresh token was stored: the next read uses the renewed access token without another refresh.
    expect((await read(accessToken, vehicleId, '/odometer')).status).toBe(200);
    expect(cloud.authority.grantCounts.refresh_token).toBe(refreshes + 1);
  });

  it('asks the owner to reconnect once Tesla revoked the tokens, and stops asking Tesla', async () => {
    const { accessToken, vehicleId } = await connect(accounts[2]);
    cloud.revokeAccount(accounts[2]);
    const first = await read(accessToken, vehicleId, '/odometer');
    expect([first.status, first.body]).toEqual([400, catalogErrorBody(first.headers['sc-request-id'], 'CONNECTED_SERVICES_ACCOUNT', 'AUTHENTICATION_FAILED')]);
    const asked = cloud.fleetRequests.length;
    const second = await read(accessToken, vehicleId, '/battery');
    expect([second.status, second.body]).toEqual([400, catalogErrorBody(second.headers['sc-request-id'], 'CONNECTED_SERVICES_ACCOUNT', 'AUTHENTICATION_FAILED')]);
    expect(cloud.fleetRequests.length).toBe(asked);
  });

  it("maps each fault of Tesla's cloud to its catalog error, and reads again once it passes", async () => {
    const { accessToken, vehicleId } = await connect(accounts[3]);
    const cases = [
      { fault: { kind: 'rate_limit', retryAfterSeconds: 42 }, type: 'UPSTREAM', code: 'RATE_LIMIT', retryAfter: '42' },
      { fault: { kind: 'asleep' }, type: 'VEHICLE_STATE', code: 'ASLEEP' },
      { fault: { kind: 'server_error', status: 503 }, type: 'UPSTREAM', code: 'UNKNOWN_ISSUE' },
      { fault: { kind: 'garbage' }, type: 'UPSTREAM', code: 'INVALID_DATA' },
      { fault: { kind: 'slow', delayMs: 60_000 }, type: 'UPSTREAM', code: 'NO_RESPONSE' },
    ] as const;
    for (const { fault, type, code, ...rest } of cases) {
      cloud.inject(fault);
      // A path whose data the provider has not seen yet, so a sleeping car has no last known data to answer with.
      const answer = await read(accessToken, vehicleId, '/tires/pressure');
      expect([fault.kind, answer.status, answer.body], fault.kind).toEqual([fault.kind, catalogErrorBody(null, type, code).statusCode, catalogErrorBody(answer.headers['sc-request-id'], type, code)]);
      expect(answer.headers['retry-after'], fault.kind).toBe('retryAfter' in rest ? rest.retryAfter : undefined);
    }
    expect((await read(accessToken, vehicleId, '/tires/pressure')).status).toBe(200);
  });

  it('answers a sleeping car with the data last seen, dated when the car recorded it', async () => {
    const { accessToken, vehicleId, vehicle } = await connect(accounts[4]);
    const awake = await read(accessToken, vehicleId, '/battery');
    vehicle.asleep = true;
    const asleep = await read(accessToken, vehicleId, '/battery');
    vehicle.asleep = false;
    expect([asleep.status, asleep.body, asleep.headers['sc-data-age']]).toEqual([200, awake.body, awake.headers['sc-data-age']]);
    const never = await read(accessToken, vehicleId, '/odometer');
    expect(never.status).toBe(200);
  });

  it('states the Tesla budgets left on Vehicle API answers and lists them on the admin API', async () => {
    const { accessToken, vehicleId, vehicle } = await connect(accounts[5]);
    const dataCalls = (): number => cloud.fleetRequests.filter((request) => request.startsWith(`GET /api/1/vehicles/${vehicle.id}/vehicle_data`)).length;
    const odometer = await read(accessToken, vehicleId, '/odometer');
    expect([odometer.status, odometer.headers['carport-upstream-budget']]).toEqual([200, `data=${200 - dataCalls()}; commands=50; wakes=15`]);
    const unlock = await server.app.inject({ method: 'POST', url: `/v2.0/vehicles/${vehicleId}/security`, headers: { authorization: `Bearer ${accessToken}` }, payload: { action: 'UNLOCK' } });
    expect([unlock.statusCode, unlock.headers['carport-upstream-budget']]).toEqual([200, `data=${200 - dataCalls()}; commands=49; wakes=15`]);
    const vehicleRecord = (await server.app.carport.repositories.vehicles.listByVin(vehicle.vin))[0];
    const listed = await server.app.inject({ method: 'GET', url: `/admin/upstream-budgets?vehicle=${vehicle.vin}`, headers: { authorization: `Bearer ${adminToken}` } });
    const dayEnd = new Date((Math.floor(Date.now() / 86_400_000) + 1) * 86_400_000).toISOString();
    expect([listed.statusCode, listed.json<unknown>()]).toEqual([
      200,
      {
        vehicles: [
          {
            vehicleId: vehicleRecord?.id,
            vin: vehicle.vin,
            make: 'TESLA',
            mode: 'live',
            provider: 'tesla',
            budgets: {
              data: { limit: 200, remaining: 200 - dataCalls(), resetsAt: dayEnd },
              commands: { limit: 50, remaining: 49, resetsAt: dayEnd },
              wakes: { limit: 15, remaining: 15, resetsAt: dayEnd },
            },
          },
        ],
      },
    ]);
    const unknown = await server.app.inject({ method: 'GET', url: '/admin/upstream-budgets?vehicle=5YJ3E1EA0NF000000', headers: { authorization: `Bearer ${adminToken}` } });
    expect([unknown.statusCode, unknown.json<unknown>()]).toEqual([404, { ...catalogErrorBody(unknown.headers['sc-request-id'], 'RESOURCE_NOT_FOUND', 'PATH'), description: 'No stored vehicle has the id or VIN "5YJ3E1EA0NF000000".' }]);
  });

  it('answers Carport-Max-Age reads from the data last seen without asking Tesla, and refuses a malformed one', async () => {
    const { accessToken, vehicleId, vehicle } = await connect(accounts[6]);
    const dataCalls = (): number => cloud.fleetRequests.filter((request) => request.startsWith(`GET /api/1/vehicles/${vehicle.id}/vehicle_data`)).length;
    const fresh = await read(accessToken, vehicleId, '/battery');
    const asked = dataCalls();
    const cached = await read(accessToken, vehicleId, '/battery', { 'carport-max-age': '31536000' });
    expect([cached.status, cached.body, cached.headers['sc-data-age']]).toEqual([200, fresh.body, fresh.headers['sc-data-age']]);
    expect(dataCalls()).toBe(asked);
    const refetched = await read(accessToken, vehicleId, '/battery', { 'carport-max-age': '0' });
    expect([refetched.status, dataCalls()]).toEqual([200, asked + 1]);
    const malformed = await read(accessToken, vehicleId, '/battery', { 'carport-max-age': 'soon' });
    expect([malformed.status, malformed.body]).toEqual([
      400,
      {
        ...catalogErrorBody(malformed.headers['sc-request-id'], 'VALIDATION', null),
        description: 'Carport-Max-Age must be a whole number of seconds from 0 to 31536000.',
        detail: [{ field: 'headers.carport-max-age', message: 'must be a whole number of seconds from 0 to 31536000; got "soon"' }],
      },
    ]);
  });
});
