/**
 * @module Two owner accounts connecting one vehicle to one application (a shared or sold car): the
 * later consent takes the vehicle over under the id the application already knows, and the earlier
 * account's grant ends (reason `reconnected`), instead of the store refusing a second active grant (a 500).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findError } from '../../src/catalog/errors.js';
import { authorizeUrl, ConnectDriver, hiddenFields, redirectParams } from '../helpers/connect-driver.js';
import { FakeProvider, fakeRegistry, fakeTeslaAccounts } from '../helpers/fake-provider.js';
import { buildTestApp, tickingClock, type TestApp } from '../helpers/test-app.js';

const redirectUri = 'https://app.example/callback';

describe('two owner accounts connecting one vehicle', () => {
  let harness: TestApp;
  let application: { clientId: string; clientSecret: string; managementToken: string };

  beforeEach(async () => {
    const [owner] = fakeTeslaAccounts();
    const modelThree = owner?.vehicles.find((vehicle) => vehicle.id === 'tesla-model-3');
    if (modelThree === undefined) throw new Error('the fake fleet has a Model 3');
    // A second account that lists the same car, as a household's second driver or a later buyer's would.
    const provider = new FakeProvider('TESLA', [...fakeTeslaAccounts(), { username: 'partner@example.com', password: 'pw', vehicles: [modelThree] }]);
    harness = await buildTestApp({ providers: fakeRegistry(provider), now: tickingClock() });
    const created = await harness.app.carport.repositories.applications.createApplication({ name: 'Fleet Insights', redirectUris: [redirectUri] });
    application = { clientId: created.application.clientId, clientSecret: created.clientSecret, managementToken: created.managementToken };
  });
  afterEach(async () => {
    await harness.app.close();
  });

  /** Connects the Model 3 as `username`; answers the access token and the vehicle ids it reaches. */
  async function connectAs(username: string, password: string): Promise<{ accessToken: string; vehicles: string[] }> {
    const driver = new ConnectDriver(harness.app);
    const url = authorizeUrl({ response_type: 'code', client_id: application.clientId, redirect_uri: redirectUri, scope: 'read_vehicle_info', state: 's', mode: 'live', make: 'TESLA' });
    const preamble = await driver.follow(await driver.get(url));
    const login = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
    const grant = await driver.submit(login, '/connect/login', { username, password });
    const done = await driver.post('/connect/grant', { ...hiddenFields(grant.html), action: 'approve', vehicle: ['tesla-model-3'] });
    expect(done.status).toBe(303);
    const { code, error } = redirectParams(done.location);
    expect(error).toBeUndefined();
    const exchanged = await harness.app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { authorization: `Basic ${Buffer.from(`${application.clientId}:${application.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'authorization_code', code: code ?? '', redirect_uri: redirectUri }).toString(),
    });
    const accessToken = exchanged.json<{ access_token: string }>().access_token;
    const listed = await harness.app.inject({ method: 'GET', url: '/v2.0/vehicles', headers: { authorization: `Bearer ${accessToken}` } });
    return { accessToken, vehicles: listed.json<{ vehicles: string[] }>().vehicles };
  }

  it('hands the vehicle to the later account under the same id; the earlier account’s token no longer reaches it', async () => {
    const first = await connectAs('owner@example.com', 'correct horse');
    const second = await connectAs('partner@example.com', 'pw');
    expect(second.vehicles).toEqual(first.vehicles);
    const [vehicleId = ''] = second.vehicles;

    const allowed = await harness.app.inject({ method: 'GET', url: `/v2.0/vehicles/${vehicleId}/permissions`, headers: { authorization: `Bearer ${second.accessToken}` } });
    expect(allowed.json()).toEqual({ permissions: ['read_vehicle_info'], paging: { count: 1, offset: 0 } });
    const refused = await harness.app.inject({ method: 'GET', url: `/v2.0/vehicles/${vehicleId}/permissions`, headers: { authorization: `Bearer ${first.accessToken}` } });
    const definition = findError('PERMISSION', null);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({
      type: 'PERMISSION',
      code: null,
      // Now another owner's vehicle: answered as any vehicle this token never held, revealing nothing about that owner.
      description: "No vehicle with this id is connected to this application by this token's owner; GET /v2.0/vehicles lists the vehicles this access token can use.",
      docURL: 'http://carport.test/docs/errors#permission',
      statusCode: 403,
      requestId: refused.headers['sc-request-id'],
      resolution: { type: 'REAUTHENTICATE' },
      suggestedUserMessage: definition?.suggestedUserMessage,
    });
    const earlierList = await harness.app.inject({ method: 'GET', url: '/v2.0/vehicles', headers: { authorization: `Bearer ${first.accessToken}` } });
    expect(earlierList.json()).toEqual({ vehicles: [], paging: { count: 0, offset: 0 } });
    const management = await harness.app.inject({ method: 'GET', url: '/v2.0/management/connections', headers: { authorization: `Basic ${Buffer.from(`default:${application.managementToken}`).toString('base64')}` } });
    expect(management.json<{ connections: { vehicleId: string }[] }>().connections.map((connection) => connection.vehicleId)).toEqual([vehicleId]);
    const revoked = await harness.app.carport.repositories.connections.findLatestRevokedByApplicationVehicleId((await harness.app.carport.repositories.applications.findByClientId(application.clientId))?.id ?? '', vehicleId);
    expect(revoked?.revocationReason).toBe('reconnected');
  });
});
