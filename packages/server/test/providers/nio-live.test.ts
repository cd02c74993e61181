/**
 * The live NIO provider end to end against an emulated NIO cloud on loopback: an owner connects
 * through Carport's pages and NIO's (emulated) login, sharing the data packages the application
 * asks for; the application reads and starts and stops charging through the official smartcar SDK;
 * an expired NIO token is renewed unnoticed, a revoked one asks the owner to reconnect once, each
 * fault of NIO's cloud answers its catalog error. (The change feed's events reaching a webhook:
 * nio-live-webhooks.test.ts.)
 */
import { EmulatedNioCloud } from '@carport/emulators';
import smartcar from 'smartcar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import { catalogErrorBody } from '../helpers/error-bodies.js';
import { testConfig } from '../helpers/test-app.js';
import { connectThroughNio, type NioConnection } from './nio-connect.js';
import { nioParkedAt, nioPermissions } from './nio-subject.js';

const redirectUri = 'https://app.example/callback';
const accounts = ['connect@nio.test', 'expiry@nio.test', 'revoked@nio.test', 'faults@nio.test'] as const;
const scope = ['read_vin', ...nioPermissions];

describe('live NIO provider against the emulated NIO cloud', () => {
  let cloud: EmulatedNioCloud;
  let server: RunningServer;
  let auth: smartcar.AuthClient;

  beforeAll(async () => {
    cloud = await EmulatedNioCloud.start({ accounts: [...accounts], now: () => new Date(nioParkedAt) });
    server = await startServer(
      testConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        CARPORT_DEMO_APP: 'false',
        CARPORT_READ_CACHE_TTL_MS: '0',
        CARPORT_SIMULATED_MODES: 'test,simulated',
        CARPORT_NIO_CLIENT_ID: cloud.clientId,
        CARPORT_NIO_CLIENT_SECRET: cloud.clientSecret,
        CARPORT_NIO_AUTH_URL: cloud.origin,
        CARPORT_NIO_API_URL: cloud.origin,
        CARPORT_NIO_TIMEOUT_MS: '1500',
        CARPORT_NIO_POLL_INTERVAL_MS: '100',
        // Each fault answers once: retries (nio-upstream.test.ts) would hide it.
        CARPORT_UPSTREAM_RETRIES: '0',
      }),
      { logger: createLogger('silent') },
      { print: () => undefined, warn: () => undefined },
    );
    process.env.SMARTCAR_API_ORIGIN = server.address;
    process.env.SMARTCAR_AUTH_ORIGIN = server.address;
    const created = await server.app.carport.repositories.applications.createApplication({ name: 'Charge Planner', redirectUris: [redirectUri] });
    auth = new smartcar.AuthClient({ clientId: created.application.clientId, clientSecret: created.clientSecret, redirectUri, mode: 'live' });
  });
  afterAll(async () => {
    delete process.env.SMARTCAR_API_ORIGIN;
    delete process.env.SMARTCAR_AUTH_ORIGIN;
    await server.app.close();
    await cloud.close();
  });

  const connect = (email: string): Promise<NioConnection> => connectThroughNio(server.app, auth, cloud, email, scope, redirectUri);

  async function read(accessToken: string, vehicleId: string, path: string): Promise<{ status: number; body: unknown; headers: Record<string, unknown> }> {
    const response = await server.app.inject({ method: 'GET', url: `/v2.0/vehicles/${vehicleId}${path}`, headers: { authorization: `Bearer ${accessToken}` } });
    return { status: response.statusCode, body: response.json<unknown>(), headers: response.headers };
  }

  it('connects through the emulated NIO login and reads and charges through the official SDK', async () => {
    const { accessToken, vehicleId, vehicle } = await connect(accounts[0]);
    const truth = await cloud.garage.read(vehicle, ['getOdometer', 'getLocation', 'getVehicleAttributes', 'nioGetVehicleProfile', 'nioGetBattery']);
    const expected = (id: 'getOdometer' | 'getLocation' | 'getVehicleAttributes' | 'nioGetVehicleProfile' | 'nioGetBattery'): Record<string, unknown> => {
      const outcome = truth.get(id);
      if (outcome?.ok !== true) throw new Error(`the emulator cannot read ${id}`);
      return outcome.body;
    };
    const car = new smartcar.Vehicle(vehicleId, accessToken, { unitSystem: 'metric' });
    const attributes = await car.attributes();
    const simulated = expected('getVehicleAttributes');
    expect({ make: attributes.make, model: attributes.model, year: attributes.year }).toEqual({ make: 'NIO', model: simulated.model, year: simulated.year });
    expect((await car.vin()).vin).toBe(vehicle.vin);
    const odometer = await car.odometer();
    expect(odometer.distance).toBe(expected('getOdometer').distance);
    // Dated by NIO's sample_time, the time the car recorded the details.
    const recorded = truth.get('getOdometer');
    expect(odometer.meta.dataAge?.toISOString()).toBe(recorded?.ok === true ? recorded.recordedAt.toISOString() : 'unread');
    const location = await car.location();
    expect({ latitude: location.latitude, longitude: location.longitude }).toEqual(expected('getLocation'));
    const profile = await car.request('GET', 'nio/attributes');
    expect(profile.body).toEqual({ ...expected('nioGetVehicleProfile'), id: (profile.body as { id: string }).id, make: 'NIO' });
    const battery = await car.request('GET', 'nio/battery');
    expect(battery.body).toEqual(expected('nioGetBattery'));
    // The battery endpoint needs a range NIO does not report: Carport says it cannot serve it.
    const plain = await read(accessToken, vehicleId, '/battery');
    expect([plain.status, plain.body]).toEqual([501, catalogErrorBody(plain.headers['sc-request-id'], 'COMPATIBILITY', 'SMARTCAR_NOT_CAPABLE')]);

    await cloud.garage.plugIn(vehicle);
    const started = await car.startCharge();
    expect({ status: started.status, message: started.message }).toEqual({ status: 'success', message: 'Successfully sent request to vehicle' });
    expect((await car.request('GET', 'charge')).body).toEqual({ state: 'CHARGING', isPluggedIn: true });
    const charge = await car.request('GET', 'nio/charge');
    expect(charge.body).toMatchObject({ state: 'CHARGING', isPluggedIn: true, timeRemaining: expect.any(Number) as unknown });
    const stopped = await car.stopCharge();
    expect(stopped.status).toBe('success');
    expect((await car.request('GET', 'charge')).body).toEqual({ state: 'NOT_CHARGING', isPluggedIn: true });
    expect(cloud.apiRequests.filter((request) => request.includes('/charging/'))).toEqual([
      `POST /api/v1/vehicles/${vehicle.virtualVehicleId}/charging/start`,
      `POST /api/v1/vehicles/${vehicle.virtualVehicleId}/charging/stop`,
    ]);
  });

  it('renews an expired NIO token without the application noticing', async () => {
    const { accessToken, vehicleId } = await connect(accounts[1]);
    const before = await read(accessToken, vehicleId, '/odometer');
    // Counted for this owner alone: the background polls of the other owners' vehicles refresh their own tokens.
    const refreshes = cloud.authority.refreshesOf(accounts[1]);
    cloud.expireAccessTokens(accounts[1]);
    const after = await read(accessToken, vehicleId, '/odometer');
    expect([after.status, after.body]).toEqual([200, before.body]);
    expect(cloud.authority.refreshesOf(accounts[1])).toBe(refreshes + 1);
    // The rotated refresh token was stored with its access token: the next read needs no refresh.
    expect((await read(accessToken, vehicleId, '/odometer')).status).toBe(200);
    expect(cloud.authority.refreshesOf(accounts[1])).toBe(refreshes + 1);
  });

  it('asks the owner to reconnect once NIO revoked the tokens, and stops asking NIO', async () => {
    const { accessToken, vehicleId } = await connect(accounts[2]);
    cloud.revokeAccount(accounts[2]);
    const first = await read(accessToken, vehicleId, '/odometer');
    expect([first.status, first.body]).toEqual([400, catalogErrorBody(first.headers['sc-request-id'], 'CONNECTED_SERVICES_ACCOUNT', 'AUTHENTICATION_FAILED')]);
    expect((first.body as { resolution: { type: string } }).resolution.type).toBe('REAUTHENTICATE');
    // Counted without the change feed, whose background poll may still be under way with the revoked token.
    const vehicleRequests = (): number => cloud.apiRequests.filter((request) => !request.endsWith('/events')).length;
    const asked = vehicleRequests();
    const refreshes = cloud.authority.refreshesOf(accounts[2]);
    const second = await read(accessToken, vehicleId, '/location');
    expect([second.status, second.body]).toEqual([400, catalogErrorBody(second.headers['sc-request-id'], 'CONNECTED_SERVICES_ACCOUNT', 'AUTHENTICATION_FAILED')]);
    expect([vehicleRequests(), cloud.authority.refreshesOf(accounts[2])]).toEqual([asked, refreshes]);
  });

  it("maps each fault of NIO's cloud to its catalog error, and reads again once it passes", async () => {
    const { accessToken, vehicleId } = await connect(accounts[3]);
    const cases = [
      { fault: { kind: 'rate_limit', retryAfterSeconds: 42 }, type: 'UPSTREAM', code: 'RATE_LIMIT', retryAfter: '42' },
      { fault: { kind: 'offline' }, type: 'VEHICLE_STATE', code: 'UNREACHABLE' },
      { fault: { kind: 'server_error', status: 503 }, type: 'UPSTREAM', code: 'UNKNOWN_ISSUE' },
      { fault: { kind: 'server_error', status: 500 }, type: 'UPSTREAM', code: 'UNKNOWN_ISSUE' },
      { fault: { kind: 'garbage' }, type: 'UPSTREAM', code: 'INVALID_DATA' },
      { fault: { kind: 'slow', delayMs: 60_000 }, type: 'UPSTREAM', code: 'NO_RESPONSE' },
    ] as const;
    for (const { fault, type, code, ...rest } of cases) {
      cloud.inject(fault, 1, 'vehicle');
      const answer = await read(accessToken, vehicleId, '/odometer');
      expect([fault.kind, answer.status, answer.body], fault.kind).toEqual([fault.kind, catalogErrorBody(null, type, code).statusCode, catalogErrorBody(answer.headers['sc-request-id'], type, code)]);
      expect(answer.headers['retry-after'], fault.kind).toBe('retryAfter' in rest ? rest.retryAfter : undefined);
    }
    // A refused access token alone is renewed and the read retried.
    cloud.inject({ kind: 'invalid_token' }, 1, 'vehicle');
    expect((await read(accessToken, vehicleId, '/odometer')).status).toBe(200);
  });
});
