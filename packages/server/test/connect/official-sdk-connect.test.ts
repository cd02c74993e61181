import smartcar from 'smartcar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import { ConnectDriver, redirectParams, hiddenFields } from '../helpers/connect-driver.js';
import { fakeRegistry } from '../helpers/fake-provider.js';
import { testConfig } from '../helpers/test-app.js';

describe('the official smartcar SDK against Carport', () => {
  let server: RunningServer;
  let client: smartcar.AuthClient;
  const redirectUri = 'https://app.example/callback';

  beforeAll(async () => {
    server = await startServer(testConfig({ PORT: '0', HOST: '127.0.0.1', CARPORT_DEMO_APP: 'false' }), { logger: createLogger('silent'), providers: fakeRegistry() }, { print: () => undefined, warn: () => undefined });
    process.env.SMARTCAR_API_ORIGIN = server.address;
    process.env.SMARTCAR_AUTH_ORIGIN = server.address;
    const created = await server.app.carport.repositories.applications.createApplication({ name: 'SDK app', redirectUris: [redirectUri] });
    client = new smartcar.AuthClient({ clientId: created.application.clientId, clientSecret: created.clientSecret, redirectUri, mode: 'test' });
  });
  afterAll(async () => {
    delete process.env.SMARTCAR_API_ORIGIN;
    delete process.env.SMARTCAR_AUTH_ORIGIN;
    await server.app.close();
  });

  /** Completes Connect for the SDK's URL, as the owner would in a browser. */
  async function connect(url: string): Promise<string> {
    const parsed = new URL(url);
    expect(parsed.origin).toBe(server.address);
    const driver = new ConnectDriver(server.app);
    const preamble = await driver.follow(await driver.get(parsed.pathname + parsed.search));
    const login = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
    const grant = await driver.submit(login, '/connect/login', { username: 'owner@example.com', password: 'anything in test mode' });
    const done = await driver.post('/connect/grant', { ...hiddenFields(grant.html), action: 'approve', vehicle: ['tesla-model-3', 'tesla-model-y'] });
    const params = redirectParams(done.location);
    expect(params.state).toBe('sdk-state');
    return params.code ?? '';
  }

  it('builds a Connect URL, exchanges the code, refreshes, lists, reads permissions and disconnects', async () => {
    const url = client.getAuthUrl(['read_vehicle_info', 'read_odometer'], { state: 'sdk-state', makeBypass: 'TESLA', flags: { country: 'DE' } });
    const code = await connect(url);
    const access = await client.exchangeCode(code);
    expect(access.accessToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(access.refreshToken).not.toBe(access.accessToken);
    expect(access.expiration.getTime()).toBeGreaterThan(Date.now());

    const user = await smartcar.getUser(access.accessToken);
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    const { vehicles, paging } = await smartcar.getVehicles(access.accessToken);
    expect(paging).toEqual({ count: 2, offset: 0 });
    expect(vehicles).toHaveLength(2);
    const limited = await smartcar.getVehicles(access.accessToken, { limit: 1, offset: 1 });
    expect(limited.vehicles).toEqual([vehicles[1]]);

    const vehicle = new smartcar.Vehicle(vehicles[0] ?? '', access.accessToken);
    const permissions = await vehicle.permissions();
    expect(permissions.permissions).toEqual(['read_vehicle_info', 'read_odometer']);
    expect(permissions.paging).toEqual({ count: 2, offset: 0 });
    expect(permissions.meta.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const refreshed = await client.exchangeRefreshToken(access.refreshToken);
    expect(refreshed.accessToken).not.toBe(access.accessToken);
    const again = await smartcar.getVehicles(refreshed.accessToken);
    expect(again.vehicles).toEqual(vehicles);

    const disconnected = await new smartcar.Vehicle(vehicles[0] ?? '', refreshed.accessToken).disconnect();
    expect(disconnected.status).toBe('success');
    const after = await smartcar.getVehicles(refreshed.accessToken);
    expect(after.vehicles).toEqual([vehicles[1]]);
    const error = await new smartcar.Vehicle(vehicles[0] ?? '', refreshed.accessToken).permissions().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(smartcar.SmartcarError);
    expect(error).toMatchObject({ statusCode: 403, type: 'PERMISSION' });
  });

  it('exchanges a code from a client built without a redirect URI, which the SDK sends as "undefined"', async () => {
    const created = await server.app.carport.repositories.applications.createApplication({ name: 'SDK app, one URI', redirectUris: [redirectUri] });
    const bare = new smartcar.AuthClient({ clientId: created.application.clientId, clientSecret: created.clientSecret, mode: 'test' });
    const url = bare.getAuthUrl(['read_vehicle_info'], { state: 'sdk-state', makeBypass: 'TESLA' });
    expect(new URL(url).searchParams.get('redirect_uri')).toBeNull();
    const access = await bare.exchangeCode(await connect(url));
    expect(access.accessToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('surfaces token endpoint errors as SmartcarError', async () => {
    const error = await client.exchangeCode('not-a-code').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(smartcar.SmartcarError);
    expect(error).toMatchObject({ statusCode: 400 });
  });
});
