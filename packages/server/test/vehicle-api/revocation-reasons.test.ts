/**
 * @module A refused credential says why it was revoked: a code presented twice or a reused refresh token
 * (401 AUTHENTICATION, `invalid_grant` on refresh), the owner, the application or the Management API
 * (403 PERMISSION for that vehicle). Type and code stay the catalog's; only the description differs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findError } from '../../src/catalog/errors.js';
import { authorizeUrl, ConnectDriver, hiddenFields, redirectParams } from '../helpers/connect-driver.js';
import { fakeRegistry } from '../helpers/fake-provider.js';
import { seedWorld } from '../helpers/test-world.js';
import { buildTestApp, tickingClock, type TestApp } from '../helpers/test-app.js';

const redirectUri = 'https://app.example/callback';

/** The whole catalog body of a 401 or 403 with `description`. */
function refusalBody(type: 'AUTHENTICATION' | 'PERMISSION', requestId: unknown, description: string) {
  const definition = findError(type, null);
  return {
    type,
    code: null,
    description,
    docURL: `http://carport.test/docs/errors#${type.toLowerCase()}`,
    statusCode: definition?.statusCode,
    requestId,
    resolution: { type: 'REAUTHENTICATE' },
    suggestedUserMessage: definition?.suggestedUserMessage,
  };
}

interface TokenPair {
  readonly access_token: string;
  readonly refresh_token: string;
}

describe('the reason a revoked credential is refused', () => {
  let harness: TestApp;
  let application: { clientId: string; clientSecret: string; managementToken: string };

  beforeEach(async () => {
    harness = await buildTestApp({ providers: fakeRegistry(), now: tickingClock('2026-11-22T10:00:00.000Z') });
    const created = await harness.app.carport.repositories.applications.createApplication({ name: 'Fleet Insights', redirectUris: [redirectUri] });
    application = { clientId: created.application.clientId, clientSecret: created.clientSecret, managementToken: created.managementToken };
  });
  afterEach(async () => {
    await harness.app.close();
  });

  /** Connects the fake owner's two Teslas through Connect; returns the code. */
  async function connect(): Promise<string> {
    const driver = new ConnectDriver(harness.app);
    const url = authorizeUrl({ response_type: 'code', client_id: application.clientId, redirect_uri: redirectUri, scope: 'read_vehicle_info read_odometer', state: 's', mode: 'live', make: 'TESLA' });
    const preamble = await driver.follow(await driver.get(url));
    const login = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
    const grant = await driver.submit(login, '/connect/login', { username: 'owner@example.com', password: 'correct horse' });
    const done = await driver.post('/connect/grant', { ...hiddenFields(grant.html), action: 'approve', vehicle: ['tesla-model-3', 'tesla-model-y'] });
    return redirectParams(done.location).code ?? '';
  }

  const token = (form: Record<string, string>) =>
    harness.app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { authorization: `Basic ${Buffer.from(`${application.clientId}:${application.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });
  const exchange = (code: string) => token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
  const refresh = (refreshToken: string) => token({ grant_type: 'refresh_token', refresh_token: refreshToken });
  const get = (url: string, accessToken: string) => harness.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${accessToken}` } });
  const vehiclesOf = async (accessToken: string) => (await get('/v2.0/vehicles', accessToken)).json<{ vehicles: string[] }>().vehicles;

  it('says the authorization code was presented twice, for the access token and the refresh token', async () => {
    const code = await connect();
    const pair = (await exchange(code)).json<TokenPair>();
    expect((await exchange(code)).json()).toEqual({ error: 'invalid_grant', error_description: 'The authorization code has already been used.' });

    const refused = await get('/v2.0/vehicles', pair.access_token);
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="carport"');
    expect(refused.json()).toEqual(
      refusalBody(
        'AUTHENTICATION',
        refused.headers['sc-request-id'],
        'The access token has been revoked because the authorization code it was issued from was presented a second time, which can mean the code leaked.',
      ),
    );
    const refreshed = await refresh(pair.refresh_token);
    expect(refreshed.statusCode).toBe(400);
    expect(refreshed.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'The refresh token has been revoked because the authorization code it was issued from was presented a second time, which can mean the code leaked.',
    });
  });

  it('says a refresh token of the family was reused', async () => {
    let now = new Date('2026-11-22T10:00:00.000Z');
    await harness.app.close();
    harness = await buildTestApp({ now: () => now });
    const grant = await seedWorld(harness.app.carport.repositories);
    const secret = await harness.app.carport.repositories.applications.rotateSecret(grant.clientId);
    application = { clientId: grant.clientId, clientSecret: secret ?? '', managementToken: grant.managementToken };
    const next = (await refresh(grant.refreshToken)).json<TokenPair>();
    now = new Date('2026-11-22T10:05:00.000Z');
    expect((await refresh(grant.refreshToken)).json()).toEqual({ error: 'invalid_grant', error_description: 'The refresh token has already been used.' });

    const refused = await get('/v2.0/user', next.access_token);
    expect(refused.json()).toEqual(
      refusalBody(
        'AUTHENTICATION',
        refused.headers['sc-request-id'],
        'The access token has been revoked because a refresh token of its family was presented again after it had been exchanged, which can mean it was stolen.',
      ),
    );
    expect((await refresh(next.refresh_token)).json()).toEqual({
      error: 'invalid_grant',
      error_description: 'The refresh token has been revoked because a refresh token of its family was presented again after it had been exchanged, which can mean it was stolen.',
    });
  });

  it('says the owner revoked access, for that vehicle only', async () => {
    const pair = (await exchange(await connect())).json<TokenPair>();
    const [revokedVehicle, keptVehicle] = await vehiclesOf(pair.access_token);
    const owner = new ConnectDriver(harness.app);
    const signIn = await owner.get('/connect/owner');
    await owner.post('/connect/owner/sign-in', { csrf: /name="csrf" value="([^"]+)"/.exec(signIn.html)?.[1] ?? '', make: 'TESLA', mode: 'live', username: 'owner@example.com', password: 'correct horse' });
    const grants = await owner.get('/connect/owner');
    const connection = await harness.app.carport.repositories.connections.findActiveByApplicationVehicleId((await harness.app.carport.repositories.applications.findByClientId(application.clientId))?.id ?? '', revokedVehicle ?? '');
    const revoked = await owner.post('/connect/owner/revoke', { csrf: /name="csrf" value="([^"]+)"/.exec(grants.html)?.[1] ?? '', connection: connection?.id ?? '' });
    expect(revoked.status).toBe(200);

    const refused = await get(`/v2.0/vehicles/${revokedVehicle ?? ''}/odometer`, pair.access_token);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual(
      refusalBody('PERMISSION', refused.headers['sc-request-id'], "This access token no longer grants access to this vehicle because the vehicle owner revoked the application's access to this vehicle."),
    );
    expect((await get(`/v2.0/vehicles/${keptVehicle ?? ''}/permissions`, pair.access_token)).statusCode).toBe(200);
  });

  it('says the application disconnected the vehicle, with an access token or the management token', async () => {
    const pair = (await exchange(await connect())).json<TokenPair>();
    const [first, second] = await vehiclesOf(pair.access_token);
    const byToken = await harness.app.inject({ method: 'DELETE', url: `/v2.0/vehicles/${first ?? ''}/application`, headers: { authorization: `Bearer ${pair.access_token}` } });
    expect(byToken.json()).toEqual({ status: 'success' });
    const management = `Basic ${Buffer.from(`default:${application.managementToken}`).toString('base64')}`;
    const byManagement = await harness.app.inject({ method: 'DELETE', url: `/v2.0/vehicles/${second ?? ''}/application`, headers: { authorization: management } });
    expect(byManagement.json()).toEqual({ status: 'success' });

    for (const vehicleId of [first, second]) {
      const refused = await get(`/v2.0/vehicles/${vehicleId ?? ''}/permissions`, pair.access_token);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toEqual(refusalBody('PERMISSION', refused.headers['sc-request-id'], 'This access token no longer grants access to this vehicle because the application disconnected this vehicle.'));
    }
  });

  it('says the connection was deleted through the Management API', async () => {
    const pair = (await exchange(await connect())).json<TokenPair>();
    const [vehicleId] = await vehiclesOf(pair.access_token);
    const management = `Basic ${Buffer.from(`default:${application.managementToken}`).toString('base64')}`;
    const deleted = await harness.app.inject({ method: 'DELETE', url: `/v2.0/management/connections?vehicle_id=${vehicleId ?? ''}`, headers: { authorization: management } });
    expect(deleted.statusCode).toBe(200);

    const refused = await harness.app.inject({ method: 'POST', url: `/v2.0/vehicles/${vehicleId ?? ''}/batch`, headers: { authorization: `Bearer ${pair.access_token}` }, payload: { requests: [{ path: '/odometer' }] } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual(
      refusalBody('PERMISSION', refused.headers['sc-request-id'], "This access token no longer grants access to this vehicle because the application deleted this vehicle's connection through the Management API."),
    );
  });

  it('tells no reason about a vehicle the caller never held, nor for a revocation stored without one', async () => {
    const pair = (await exchange(await connect())).json<TokenPair>();
    const other = await seedWorld(harness.app.carport.repositories);
    await harness.app.carport.repositories.connections.revokeForUser(other.applicationId, other.userId, 'owner_revoked');
    const foreign = await get(`/v2.0/vehicles/${other.vehicleIds[0] ?? ''}/permissions`, pair.access_token);
    expect(foreign.json()).toEqual(refusalBody('PERMISSION', foreign.headers['sc-request-id'], "No vehicle with this id is connected to this application by this token's owner; GET /v2.0/vehicles lists the vehicles this access token can use."));

    // Pairs revoked before revocation reasons were stored have none.
    const legacyGrant = await seedWorld(harness.app.carport.repositories);
    await harness.app.carport.store.db.updateTable('tokens').set({ revoked_at: '2026-11-22T09:00:00.000Z', revocation_reason: null }).where('family_id', '=', legacyGrant.tokenFamilyId).execute();
    const legacy = await get('/v2.0/user', legacyGrant.accessToken);
    expect(legacy.json()).toEqual(refusalBody('AUTHENTICATION', legacy.headers['sc-request-id'], 'The access token has been revoked.'));
    const secret = await harness.app.carport.repositories.applications.rotateSecret(legacyGrant.clientId);
    application = { clientId: legacyGrant.clientId, clientSecret: secret ?? '', managementToken: legacyGrant.managementToken };
    expect((await refresh(legacyGrant.refreshToken)).json()).toEqual({ error: 'invalid_grant', error_description: 'The refresh token has been revoked.' });
  });
});
