/**
 * @module Connect's test mode end to end, through the HTTP flow on the default simulated provider:
 * every make's test vehicle grants every permission the make supports, each documented test login
 * forces its outcome, the grant screen pages 999 vehicles, the same login gives the same vehicle in
 * two apps, commands take effect, and test vehicles do not use up a plan.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeCatalog } from '../../src/catalog/makes.js';
import { documentedTestLogins } from '../../src/catalog/test-mode-logins.js';
import { grantablePermissions } from '../../src/connect/vehicle-permissions.js';
import { testVehicleDesign } from '../../src/simulator/index.js';
import { authorizeUrl, ConnectDriver, hiddenFields, redirectParams, type Step } from '../helpers/connect-driver.js';
import { buildTestApp, tickingClock } from '../helpers/test-app.js';

const redirectUri = 'https://app.example/callback';
const apps: FastifyInstance[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

interface Client {
  readonly app: FastifyInstance;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** A fresh app (its own in-memory database, closed after the test) and an application on the free plan. */
async function freshClient(env: Record<string, string> = {}): Promise<Client> {
  const client = await clientOfNewApp(env);
  apps.push(client.app);
  return client;
}

async function clientOfNewApp(env: Record<string, string> = {}, plan = 'free'): Promise<Client> {
  const { app } = await buildTestApp({ now: tickingClock('2026-11-22T10:00:00.000Z'), env });
  const created = await app.carport.repositories.applications.createApplication({ name: 'Test Drive', redirectUris: [redirectUri], plan });
  return { app, clientId: created.application.clientId, clientSecret: created.clientSecret };
}

interface SignedIn {
  readonly driver: ConnectDriver;
  readonly login: Step;
  readonly page: Step;
}

/** Connect URL with `make` → preamble → the make's sign-in → the page after signing in. */
async function signIn(client: Client, make: string, username: string, scope: string, mode = 'test'): Promise<SignedIn> {
  const driver = new ConnectDriver(client.app);
  const preamble = await driver.follow(await driver.get(authorizeUrl({ response_type: 'code', client_id: client.clientId, redirect_uri: redirectUri, scope, state: 'st', mode, make })));
  const login = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
  expect(login.html).toContain('id="sign-in-button"');
  const page = await driver.submit(login, '/connect/login', { username, password: mode === 'live' ? 'carport-demo' : 'any password' });
  return { driver, login, page };
}

/** The vehicle ids a grant page shows, and those ticked. */
function vehicleInputs(html: string): { all: string[]; checked: string[] } {
  const inputs = [...html.matchAll(/<input type="(?:checkbox|radio)" id="vehicle-\d+" name="vehicle" value="([^"]*)"([^>]*)>/g)];
  return { all: inputs.map((match) => match[1] ?? ''), checked: inputs.filter((match) => (match[2] ?? '').includes(' checked')).map((match) => match[1] ?? '') };
}

/** Approves what the grant page has ticked, as a browser would post it. */
async function approve(driver: ConnectDriver, grant: Step, extra: Record<string, string> = {}): Promise<Step> {
  const page = /name="page" value="(\d+)"/.exec(grant.html)?.[1] ?? '1';
  return driver.post('/connect/grant', { ...hiddenFields(grant.html), page, vehicle: vehicleInputs(grant.html).checked, action: 'approve', ...extra });
}

async function accessToken(client: Client, approved: Step): Promise<string> {
  const params = redirectParams(approved.location);
  expect(Object.keys(params).sort(), JSON.stringify(params)).toEqual(['code', 'state']);
  const response = await client.app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'authorization_code', code: params.code ?? '', redirect_uri: redirectUri }).toString(),
  });
  expect(response.statusCode).toBe(200);
  return response.json<{ access_token: string }>().access_token;
}

/** Signs in with `username`, approves every ticked vehicle and returns a token and the connected vehicle ids. */
async function connect(client: Client, make: string, username: string, scope: string): Promise<{ token: string; vehicleIds: string[] }> {
  const { driver, page } = await signIn(client, make, username, scope);
  const token = await accessToken(client, await approve(driver, page));
  const list = await api(client, token, 'GET', '/v2.0/vehicles?limit=50');
  return { token, vehicleIds: list.json<{ vehicles: string[] }>().vehicles };
}

function api(client: Client, token: string, method: 'GET' | 'POST', url: string, payload?: object) {
  return client.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload }) });
}

describe('an ordinary test email', () => {
  // One app for every make, each make's owner a new user of one application (on a plan whose request rate 44 makes do not exhaust).
  let client: Client;
  beforeAll(async () => {
    client = await clientOfNewApp({}, 'enterprise');
  });
  afterAll(async () => {
    await client.app.close();
  });

  it.each(makeCatalog.map((make) => make.id))('%s: connects the make’s test vehicle with every permission the make supports, all required', async (make) => {
    const design = testVehicleDesign(make);
    if (design === undefined) throw new Error(`no test vehicle for ${make}`);
    const permissions = [...grantablePermissions(design.capabilities)].sort();
    expect(permissions).toContain('read_user_profile');
    const { driver, page } = await signIn(client, make, `driver.${make.toLowerCase()}@example.com`, permissions.map((permission) => `required:${permission}`).join(' '));
    expect(vehicleInputs(page.html)).toEqual({ all: [expect.stringMatching(/\.compatible$/)], checked: [expect.stringMatching(/\.compatible$/)] });
    const token = await accessToken(client, await approve(driver, page));
    const [vehicleId = ''] = (await api(client, token, 'GET', '/v2.0/vehicles')).json<{ vehicles: string[] }>().vehicles;
    const granted = await api(client, token, 'GET', `/v2.0/vehicles/${vehicleId}/permissions?limit=50`);
    expect(granted.json<{ permissions: string[] }>().permissions.sort()).toEqual(permissions);
    expect((await api(client, token, 'GET', `/v2.0/vehicles/${vehicleId}`)).json()).toMatchObject({ make, model: design.model.name });
  });
});

describe('the documented test logins', () => {
  it('list themselves on the test-mode sign-in page, which names the login each make accepts', async () => {
    const client = await freshClient();
    const kia = await signIn(client, 'KIA', '+1 (555) 010-9999', 'read_vehicle_info');
    expect(kia.login.html).toContain('<label for="username">Email or phone number</label>');
    for (const entry of documentedTestLogins) expect(kia.login.html).toContain(`<code>${entry.login.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code>`);
    expect(vehicleInputs(kia.page.html).all).toHaveLength(1);
    const mercedes = await signIn(client, 'MERCEDES_BENZ', '+49 151 2345 6789', 'read_vehicle_info');
    expect(vehicleInputs(mercedes.page.html).all).toHaveLength(1);
    const tesla = await signIn(client, 'TESLA', '+1 (555) 010-9999', 'read_vehicle_info');
    expect(tesla.login.html).toContain('<label for="username">Email</label>');
    expect(tesla.page.status).toBe(400);
    expect(tesla.page.html).toContain('Tesla accounts sign in with an email.');
    const live = await signIn(client, 'TESLA', 'tesla.owner1@demo.carport.example', 'read_vehicle_info', 'live');
    expect(live.login.html).not.toContain('id="test-mode-hint"');
  });

  it('are documented in the README’s "Test mode" section', () => {
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Test mode'), readme.indexOf('\n## ', readme.indexOf('## Test mode') + 1));
    const logins = documentedTestLogins.flatMap((entry) => entry.login.match(/[\w<>.-]+@[\w<>.-]+/g) ?? []);
    expect(logins.length).toBeGreaterThan(8);
    for (const login of logins) expect(section).toContain(`\`${login}\``);
  });

  it('force their outcomes: n vehicles, a VIN’s capability level, no vehicles, incompatible, invalid subscription', async () => {
    const client = await freshClient();
    const vin = '1FTFW1E50PFA00001';
    const outcome = async (username: string, scope: string) => redirectParams((await signIn(client, 'FORD', username, scope)).page.location);
    const vehicles = async (username: string, scope: string) => vehicleInputs((await signIn(client, 'FORD', username, scope)).page.html).all;
    expect(await vehicles('7-vehicles@smartcar.com', 'read_vehicle_info')).toHaveLength(7);
    expect(await vehicles(`${vin}@bev.smartcar.com`, 'required:read_battery required:control_charge')).toEqual([`${vin}.bev`]);
    expect(await vehicles(`${vin}@phev.smartcar.com`, 'required:read_fuel required:read_battery')).toEqual([`${vin}.phev`]);
    expect(await vehicles(`${vin}@fuel.smartcar.com`, 'required:read_fuel')).toEqual([`${vin}.fuel`]);
    expect(await vehicles(`${vin}@compatible.smartcar.com`, 'required:read_fuel required:read_battery required:read_service_history')).toEqual([`${vin}.compatible`]);
    expect(await outcome(`${vin}@bev.smartcar.com`, 'required:read_fuel')).toMatchObject({ error: 'vehicle_incompatible', vin, make: 'FORD' });
    expect(await outcome(`${vin}@fuel.smartcar.com`, 'required:read_battery')).toMatchObject({ error: 'vehicle_incompatible', vin });
    expect(await outcome(`${vin}@incompatible.smartcar.com`, 'read_vehicle_info read_user_profile')).toMatchObject({ error: 'vehicle_incompatible', vin });
    expect(await outcome('smartcar@vehicle-incompatible.com', 'read_vehicle_info')).toMatchObject({ error: 'vehicle_incompatible', make: 'FORD' });
    expect(await outcome('0-vehicles@smartcar.com', 'read_vehicle_info')).toEqual({ error: 'no_vehicles', error_description: "The owner's connected-services account has no vehicles to connect.", state: 'st' });
    expect(await outcome('smartcar@invalid-subscription.com', 'read_vehicle_info')).toEqual({ error: 'invalid_subscription', error_description: "The vehicle's connected-services subscription is inactive.", state: 'st' });
  });

  it('page 999 vehicles 25 at a time on the grant screen, keeping each page’s choice', async () => {
    const client = await freshClient();
    const { driver, page: first } = await signIn(client, 'NIO', '999-vehicles@smartcar.com', 'read_vehicle_info');
    expect(vehicleInputs(first.html).all).toHaveLength(25);
    expect(vehicleInputs(first.html).checked).toHaveLength(25);
    expect(first.html).toContain('Vehicles 1–25 of 999 (page 1 of 40); 999 chosen on all pages.');
    expect(first.html).not.toContain('id="previous-vehicles"');
    // Untick the first vehicle, then page on: the choice is kept.
    const [skipped = '', ...kept] = vehicleInputs(first.html).all;
    const second = await driver.follow(await driver.post('/connect/grant', { ...hiddenFields(first.html), page: '1', vehicle: kept, goto: '2' }));
    expect(second.html).toContain('Vehicles 26–50 of 999 (page 2 of 40); 998 chosen on all pages.');
    expect(vehicleInputs(second.html).all).not.toContain(skipped);
    const last = await driver.follow(await driver.post('/connect/grant', { ...hiddenFields(second.html), page: '2', vehicle: vehicleInputs(second.html).checked, goto: '40' }));
    expect(vehicleInputs(last.html).all).toHaveLength(24);
    expect(last.html).toContain('Vehicles 976–999 of 999 (page 40 of 40)');
    expect(last.html).not.toContain('id="next-vehicles"');
    const back = await driver.follow(await driver.post('/connect/grant', { ...hiddenFields(last.html), page: '40', vehicle: vehicleInputs(last.html).checked, goto: '1' }));
    expect(vehicleInputs(back.html).checked).toEqual(kept);
    // 998 test vehicles connect on the free plan, whose live maximum is 10.
    const token = await accessToken(client, await approve(driver, back));
    const listed = await api(client, token, 'GET', '/v2.0/vehicles?limit=50&offset=950');
    expect(listed.json<{ paging: unknown }>().paging).toEqual({ count: 998, offset: 950 });
  });
});

describe('test-mode vehicles', () => {
  it('are the same vehicle, in the same state, in two independently built apps', async () => {
    const bodies = async (): Promise<unknown[]> => {
      const client = await freshClient();
      const { token, vehicleIds } = await connect(client, 'CHEVROLET', 'same.owner@example.com', 'read_vehicle_info read_vin read_battery read_charge read_fuel read_odometer read_location read_security');
      const [id = ''] = vehicleIds;
      const paths = ['', '/vin', '/battery', '/charge', '/fuel', '/odometer', '/location', '/security'];
      return Promise.all(paths.map(async (path) => (await api(client, token, 'GET', `/v2.0/vehicles/${id}${path}`)).json<Record<string, unknown>>()));
    };
    const [first, second] = [await bodies(), await bodies()];
    expect(first[0]).toMatchObject({ make: 'CHEVROLET', model: 'Volt' });
    // The application's vehicle id differs between the apps; everything about the vehicle is the same.
    expect(second.slice(1)).toEqual(first.slice(1));
    expect({ ...(second[0] as object), id: null }).toEqual({ ...(first[0] as object), id: null });
  });

  it('carry out commands, and later reads show them: charging starts, locks lock', async () => {
    const client = await freshClient();
    const { token, vehicleIds } = await connect(client, 'TESLA', 'commands@example.com', 'read_charge control_charge read_security control_security');
    const vehicle = `/v2.0/vehicles/${vehicleIds[0] ?? ''}`;
    expect((await api(client, token, 'GET', `${vehicle}/charge`)).json()).toEqual({ isPluggedIn: true, state: 'NOT_CHARGING' });
    const started = await api(client, token, 'POST', `${vehicle}/charge`, { action: 'START' });
    expect(started.json()).toEqual({ message: 'Successfully sent request to vehicle', status: 'success' });
    expect((await api(client, token, 'GET', `${vehicle}/charge`)).json()).toEqual({ isPluggedIn: true, state: 'CHARGING' });
    expect((await api(client, token, 'POST', `${vehicle}/security`, { action: 'UNLOCK' })).statusCode).toBe(200);
    expect((await api(client, token, 'GET', `${vehicle}/security`)).json()).toMatchObject({ isLocked: false });
    expect((await api(client, token, 'POST', `${vehicle}/security`, { action: 'LOCK' })).statusCode).toBe(200);
    expect((await api(client, token, 'GET', `${vehicle}/security`)).json()).toMatchObject({ isLocked: true });
  });
});

describe('plans and test vehicles', () => {
  it('connect more test vehicles than the free plan’s ten, while live vehicles stay limited', async () => {
    // 528 fleet vehicles: twelve per make, so four Tesla demo owners of three vehicles each.
    const client = await freshClient({ CARPORT_SIM_FLEET_SIZE: '528' });
    expect((await connect(client, 'FORD', '12-vehicles@smartcar.com', 'read_odometer')).vehicleIds).toHaveLength(12);
    expect((await connect(client, 'TESLA', 'another.tester@example.com', 'read_odometer')).vehicleIds).toHaveLength(1);
    for (const owner of [1, 2, 3]) {
      const { driver, page } = await signIn(client, 'TESLA', `tesla.owner${owner}@demo.carport.example`, 'read_odometer', 'live');
      expect(Object.keys(redirectParams((await approve(driver, page)).location)).sort()).toEqual(['code', 'state']);
    }
    const { driver, page } = await signIn(client, 'TESLA', 'tesla.owner4@demo.carport.example', 'read_odometer', 'live');
    const message = 
      "The application's plan `free` allows 10 connected vehicles and 9 are connected, so 3 more cannot be added. Disconnect vehicles to make room. An operator can lift it by moving the application to a larger plan (`carport apps set-plan <client id> <plan>`), or for local development by switching limits off (`CARPORT_LIMITS_ENABLED=false`).";
    expect(redirectParams((await approve(driver, page)).location)).toEqual({ error: 'configuration_error', error_description: message, status_code: '430', error_message: message, state: 'st' });
  });
});
