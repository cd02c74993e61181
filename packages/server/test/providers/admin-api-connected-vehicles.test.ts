/**
 * @module The admin API on vehicles connected through Connect in test and simulated mode: addressed
 * by the Vehicle API id, the VIN or the key, before and after a restart on the same database.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { authorizeUrl, ConnectDriver, hiddenFields, redirectParams } from '../helpers/connect-driver.js';
import { buildTestApp } from '../helpers/test-app.js';

const token = 'admin-token-for-tests-0123456789';
const auth = { authorization: `Bearer ${token}` };
const now = new Date('2026-06-10T02:00:00.000Z');
const redirectUri = 'https://app.example/callback';
const apps: FastifyInstance[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** A process on the SQLite database in `dataDir` (a second call is a restart). */
async function start(dataDir: string): Promise<FastifyInstance> {
  const { app } = await buildTestApp({ env: { DATABASE_URL: '', CARPORT_DATA_DIR: dataDir, CARPORT_ADMIN_TOKEN: token }, now: () => now });
  apps.push(app);
  return app;
}

async function stop(app: FastifyInstance): Promise<void> {
  apps.splice(apps.indexOf(app), 1);
  await app.close();
}

interface Connected {
  /** The Vehicle API id the application sees. */
  readonly vehicleId: string;
  readonly providerVehicleId: string;
}

/** An owner connects their first Tesla through Connect's pages; answers what the application then sees. */
async function connect(app: FastifyInstance, mode: 'test' | 'simulated', email: string): Promise<Connected> {
  const { application, clientSecret } = await app.carport.repositories.applications.createApplication({ name: `Fleet ${mode}`, redirectUris: [redirectUri] });
  const driver = new ConnectDriver(app);
  const url = authorizeUrl({ response_type: 'code', client_id: application.clientId, redirect_uri: redirectUri, scope: 'read_vehicle_info read_charge control_charge', mode, state: 's' });
  const preamble = await driver.follow(await driver.get(url));
  const brands = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
  const login = await driver.submit(brands, '/connect/brands', { make: 'TESLA' });
  const grant = await driver.submit(login, '/connect/login', { username: email, password: 'any password' });
  const providerVehicleId = /name="vehicle" value="([^"]+)"/.exec(grant.html)?.[1] ?? '';
  const done = await driver.post('/connect/grant', { ...hiddenFields(grant.html), action: 'approve', vehicle: [providerVehicleId] });
  const tokens = await app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { authorization: `Basic ${Buffer.from(`${application.clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'authorization_code', code: redirectParams(done.location).code ?? '', redirect_uri: redirectUri }).toString(),
  });
  const listed = await app.inject({ method: 'GET', url: '/v2.0/vehicles', headers: { authorization: `Bearer ${tokens.json<{ access_token: string }>().access_token}` } });
  const [vehicleId] = listed.json<{ vehicles: string[] }>().vehicles;
  return { vehicleId: vehicleId ?? '', providerVehicleId };
}

interface Details {
  key: string;
  vin: string;
  fault: string | null;
  interventions: number;
  charge: { isPluggedIn: boolean } | null;
}

describe('admin API on vehicles connected through Connect', () => {
  it('shows, plugs, unplugs, faults and advances them by Vehicle API id, VIN or key, after a restart too', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carport-admin-connected-'));
    const first = await start(dataDir);
    const simulated = await connect(first, 'simulated', 'sim.owner@example.com');
    const test = await connect(first, 'test', 'test.owner@example.com');
    // The simulated vehicle's VIN in test mode too (Smartcar's `<VIN>@compatible.smartcar.com`): one VIN, connected in two modes.
    const twin = await connect(first, 'test', `${simulated.providerVehicleId.toLowerCase()}@compatible.smartcar.com`);
    expect(twin.providerVehicleId).toBe(`${simulated.providerVehicleId}.compatible`);
    // A test-mode vehicle is its make's test vehicle: the provider names it `<VIN>.compatible`.
    const testVin = test.providerVehicleId.replace(/\.compatible$/, '');
    expect(test.providerVehicleId).toBe(`${testVin}.compatible`);
    await stop(first);

    // A new process knows these vehicles from the database only.
    const app = await start(dataDir);
    const call = async (method: 'GET' | 'POST' | 'DELETE', path: string, payload?: object) => {
      const response = await app.inject({ method, url: `/admin/fleet${path}`, headers: auth, ...(payload === undefined ? {} : { payload }) });
      return { status: response.statusCode, body: response.json<Details & Record<string, unknown>>() };
    };
    const simulatedKey = `simulated/TESLA/${simulated.providerVehicleId}`;
    const testKey = `test/TESLA/${test.providerVehicleId}`;

    const shown = await call('GET', `/vehicles/${simulated.vehicleId}`);
    expect(shown).toMatchObject({ status: 200, body: { key: simulatedKey, vin: simulated.providerVehicleId, charge: { isPluggedIn: false }, interventions: 0 } });
    expect(await call('POST', `/vehicles/${simulated.vehicleId}/plug`, {})).toMatchObject({ status: 200, body: { key: simulatedKey, charge: { isPluggedIn: true }, interventions: 1 } });
    // Test-mode vehicles start plugged in below their limit, so charge commands succeed at once.
    expect(await call('GET', `/vehicles/${testVin}`)).toMatchObject({ status: 200, body: { key: testKey, charge: { isPluggedIn: true } } });
    expect(await call('POST', `/vehicles/${test.vehicleId}/unplug`)).toMatchObject({ status: 200, body: { key: testKey, charge: { isPluggedIn: false }, interventions: 1 } });
    expect(await call('POST', `/vehicles/${encodeURIComponent(testKey)}/plug`, { charger: 'DC' })).toMatchObject({ status: 200, body: { key: testKey, charge: { isPluggedIn: true } } });
    expect(await call('POST', `/vehicles/${testVin}/fault`, { kind: 'unreachable', for: '10m' })).toMatchObject({ status: 200, body: { key: testKey, fault: 'unreachable' } });
    expect(await call('DELETE', `/vehicles/${test.vehicleId}/fault`)).toMatchObject({ status: 200, body: { key: testKey, fault: null, interventions: 4 } });
    expect(await call('POST', `/vehicles/${encodeURIComponent(simulatedKey)}/unplug`)).toMatchObject({ status: 200, body: { charge: { isPluggedIn: false }, interventions: 2 } });
    expect(await call('POST', '/advance', { by: '1h' })).toMatchObject({ status: 200, body: { simulatedNow: new Date(now.getTime() + 3_600_000).toISOString() } });

    const ambiguous = await call('GET', `/vehicles/${simulated.providerVehicleId}`);
    const message = `${simulated.providerVehicleId} names 2 vehicles: ${simulatedKey}, test/TESLA/${simulated.providerVehicleId}.compatible; name one by its key (or give its mode)`;
    expect(ambiguous).toMatchObject({ status: 400, body: { type: 'VALIDATION', code: 'PARAMETER', statusCode: 400, description: message, detail: [{ field: 'vehicle', message }] } });
    expect(await call('GET', `/vehicles/${simulated.providerVehicleId}?mode=test`)).toMatchObject({ status: 200, body: { key: `test/TESLA/${simulated.providerVehicleId}.compatible` } });
    const unknownId = '0b7c5f0e-8f5e-4c8e-9d7a-3f1e2d4c5b6a';
    expect(await call('POST', `/vehicles/${unknownId}/plug`, {})).toMatchObject({
      status: 404,
      body: { type: 'RESOURCE_NOT_FOUND', code: 'PATH', statusCode: 404, description: `no vehicle was ever connected with the Vehicle API id ${unknownId}` },
    });
    await stop(app);

    // And again after another restart: the interventions came from the database.
    const restarted = await start(dataDir);
    const again = await restarted.inject({ method: 'GET', url: `/admin/fleet/vehicles/${test.vehicleId}`, headers: auth });
    expect(again.json()).toMatchObject({ key: testKey, charge: { isPluggedIn: true }, fault: null, interventions: 4 });
    const unplugged = await restarted.inject({ method: 'POST', url: `/admin/fleet/vehicles/${test.vehicleId}/unplug`, headers: auth });
    expect(unplugged.statusCode).toBe(200);
    expect(unplugged.json()).toMatchObject({ key: testKey, charge: { isPluggedIn: false }, interventions: 5 });
  });
});
