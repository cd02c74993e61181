/**
 * Contract tests generated from the endpoint catalog, through the HTTP API on the default simulated
 * fleet: every read answers a schema-valid body with the seed example's fields, the wrong make and an
 * unsupported endpoint answer COMPATIBILITY, a missing permission answers PERMISSION, and imperial
 * differs from metric by the right factor.
 */
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointCatalog, registerSchemaFormats } from '../../src/catalog/endpoints/index.js';
import { permissionCatalog } from '../../src/catalog/permissions.js';
import { unitFieldsByEndpoint } from '../../src/catalog/units.js';
import type { EndpointDefinition } from '../../src/catalog/types.js';
import { vehicleRoutes } from '../../src/catalog/operations/index.js';
import type { ProviderVehicle } from '../../src/providers/vehicle-provider.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { passwordLinkingOf } from '../../src/providers/contract/index.js';
import { listedVehicle, seedApplication, seedConnectedOwner, seedWorld } from '../helpers/test-world.js';

/** Makes whose vehicles, together, support every read of the catalog. */
const makes = ['TESLA', 'AUDI', 'BMW', 'MINI', 'FORD', 'LINCOLN', 'CHEVROLET', 'CADILLAC', 'NISSAN', 'NIO', 'TOYOTA', 'JEEP'];
/** Reads the seeds define only while charging; a parked, unplugged car rightly refuses them. */
const chargingOnly = new Set(['gmGetChargeCompletionTime', 'teslaGetChargeCompletionTime', 'nioGetChargeCompletionTime', 'gmGetChargeVoltmeter', 'teslaGetChargeVoltmeter', 'teslaGetChargeWattmeter', 'teslaGetChargeAmmeter', 'nioGetChargeWattmeter', 'getChargeLimit']);

interface Connected {
  readonly vehicle: ProviderVehicle;
  readonly id: string;
  readonly token: string;
}

describe('catalog contract on the simulated fleet', () => {
  let harness: TestApp;
  const connected: Connected[] = [];
  let noPermissionToken = '';
  let noPermissionVehicle = '';

  beforeAll(async () => {
    registerSchemaFormats();
    harness = await buildTestApp({ env: { CARPORT_LIMITS_ENABLED: 'false' }, now: () => new Date('2026-11-18T14:00:00.000Z') });
    const { repositories, providers } = harness.app.carport;
    const { applicationId } = await seedApplication(repositories, { name: 'Contract' });
    for (const make of makes) {
      const provider = providers.find(make, 'test');
      if (provider === undefined) throw new Error(`no provider for ${make}`);
      const signedIn = await passwordLinkingOf(provider)?.signIn(make, 'test', { username: '6-vehicles@smartcar.com', password: 'x' });
      if (signedIn?.ok !== true) throw new Error(`sign-in refused for ${make}`);
      const listed = await provider.listVehicles(signedIn.account);
      const grant = await seedConnectedOwner(repositories, applicationId, { owner: signedIn.account, vehicles: listed.map(listedVehicle), permissions: permissionCatalog.map((p) => p.name) });
      listed.forEach((vehicle, index) => connected.push({ vehicle, id: grant.vehicleIds[index] ?? '', token: grant.accessToken }));
    }
    const first = connected[0];
    if (first === undefined) throw new Error('no vehicle connected');
    // The same stored vehicle, left as it is, granted to another owner's account in another application.
    const narrow = await seedWorld(repositories, {
      application: { name: 'Narrow' },
      owner: { make: first.vehicle.ref.make, mode: 'test', providerAccountId: 'narrow-owner', email: null },
      vehicles: [{ ...first.vehicle.ref, ownerAccountId: null, model: null, year: null }],
      permissions: ['read_vin'],
    });
    noPermissionVehicle = narrow.vehicleId;
    noPermissionToken = narrow.accessToken;
  });
  afterAll(async () => {
    await harness.app.close();
  });

  const get = (vehicle: { id: string; token: string }, path: string, unitSystem = 'metric') =>
    harness.app.inject({ method: 'GET', url: `/v2.0/vehicles/${vehicle.id}${path}`, headers: { authorization: `Bearer ${vehicle.token}`, 'sc-unit-system': unitSystem } });
  const supporting = (endpoint: EndpointDefinition) => connected.find((candidate) => candidate.vehicle.capabilities.has(endpoint.id as never));
  const keysOf = (value: unknown): string[] => (value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value).sort() : []);

  const reads = vehicleRoutes('read').filter((route) => route.make === undefined || route.make === route.endpoint.makes?.[0]);

  it.each(reads.map((route) => [route.endpoint.id, route] as const))('%s answers a schema-valid body with the seed example’s fields', async (_id, route) => {
    const vehicle = supporting(route.endpoint);
    expect(vehicle, `no simulated vehicle supports ${route.endpoint.id}`).toBeDefined();
    if (vehicle === undefined) return;
    const segment = route.endpoint.makes === null ? undefined : route.endpoint.makes.find((make) => make.toUpperCase().replace(/-/g, '_') === vehicle.vehicle.ref.make);
    const path = segment === undefined ? route.relativePath : route.endpoint.path.replace('/vehicles/{id}', '').replace('{make}', segment);
    const response = await get(vehicle, path);
    if (chargingOnly.has(route.endpoint.id) && response.statusCode === 409) {
      expect(response.json()).toMatchObject({ type: 'VEHICLE_STATE' });
      return;
    }
    expect(response.statusCode, response.body).toBe(200);
    const body: unknown = response.json();
    expect([...Value.Errors(route.endpoint.response, body)].map((error) => `${error.path} ${error.message}`)).toEqual([]);
    const example = route.endpoint.examples.response;
    if (!Array.isArray(example)) expect(keysOf(body)).toEqual(expect.arrayContaining(keysOf(example).filter((key) => keysOf(body).includes(key) || !isOptional(route.endpoint, key))));
    expect(response.headers['sc-data-age']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it.each(endpointCatalog.filter((endpoint) => endpoint.makes !== null && endpoint.method === 'GET').map((endpoint) => [endpoint.id, endpoint] as const))(
    '%s answers MAKE_NOT_COMPATIBLE for another make’s vehicle',
    async (_id, endpoint) => {
      const makes = endpoint.makes ?? [];
      const foreign = connected.find((candidate) => !makes.includes(candidate.vehicle.ref.make.toLowerCase()));
      if (foreign === undefined) throw new Error('no foreign vehicle');
      const response = await get(foreign, endpoint.path.replace('/vehicles/{id}', '').replace('{make}', makes[0] ?? ''));
      expect(response.statusCode).toBe(501);
      expect(response.json()).toMatchObject({ type: 'COMPATIBILITY', code: 'MAKE_NOT_COMPATIBLE' });
    },
  );

  const commands = vehicleRoutes('command').filter((route) => route.make === undefined || route.make === route.endpoint.makes?.[0]);

  it.each(commands.map((route) => [route.endpoint.id, route] as const))('%s accepts the seed example and answers a schema-valid body or a vehicle-state refusal', async (_id, route) => {
    const vehicle = supporting(route.endpoint);
    expect(vehicle, `no simulated vehicle supports ${route.endpoint.id}`).toBeDefined();
    if (vehicle === undefined) return;
    const segment = route.endpoint.makes?.find((make) => make.toUpperCase().replace(/-/g, '_') === vehicle.vehicle.ref.make);
    const path = segment === undefined ? route.relativePath : route.endpoint.path.replace('/vehicles/{id}', '').replace('{make}', segment);
    const example = route.endpoint.examples.request;
    const query = route.endpoint.id === 'fordSetChargeScheduleByLocation' ? await fordLocationQuery(vehicle) : '';
    const response = await harness.app.inject({
      method: route.endpoint.method,
      url: `/v2.0/vehicles/${vehicle.id}${path}${query}`,
      headers: { authorization: `Bearer ${vehicle.token}`, 'content-type': 'application/json' },
      payload: example === undefined ? '' : JSON.stringify(example),
    });
    if (response.statusCode === 409) {
      expect(response.json()).toMatchObject({ type: 'VEHICLE_STATE' });
      return;
    }
    expect(response.statusCode, response.body).toBe(200);
    expect([...Value.Errors(route.endpoint.response, response.json())].map((error) => `${error.path} ${error.message}`)).toEqual([]);
  });

  /** The Ford schedule command names a saved charging location by its coordinates. */
  async function fordLocationQuery(vehicle: { id: string; token: string }): Promise<string> {
    const locations = (await get(vehicle, '/ford/charge/schedule_by_location')).json<{ chargingLocations: { location: { latitude: number; longitude: number } }[] }>();
    const first = locations.chargingLocations[0]?.location;
    return first === undefined ? '' : `?latitude=${first.latitude}&longitude=${first.longitude}`;
  }

  it('answers VEHICLE_NOT_CAPABLE for a core read the vehicle does not support', async () => {
    const electric = connected.find((candidate) => !candidate.vehicle.capabilities.has('getFuelTank'));
    if (electric === undefined) throw new Error('no vehicle without a fuel tank');
    const response = await get(electric, '/fuel');
    expect(response.statusCode).toBe(501);
    expect(response.json()).toMatchObject({ type: 'COMPATIBILITY', code: 'VEHICLE_NOT_CAPABLE' });
  });

  it.each(vehicleRoutes('read').filter((route) => route.endpoint.permission !== null && route.endpoint.permission !== 'read_vin' && route.endpoint.makes === null).map((route) => [route.endpoint.id, route] as const))(
    '%s answers PERMISSION without its permission',
    async (_id, route) => {
      const response = await get({ id: noPermissionVehicle, token: noPermissionToken }, route.relativePath);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ type: 'PERMISSION', code: null });
    },
  );

  it.each(Object.entries(unitFieldsByEndpoint).filter(([id]) => vehicleRoutes('read').some((route) => route.endpoint.id === id)))('%s converts its quantities to imperial', async (id, fields) => {
    const route = vehicleRoutes('read').find((candidate) => candidate.endpoint.id === id && (candidate.make === undefined || candidate.make === candidate.endpoint.makes?.[0]));
    const vehicle = route === undefined ? undefined : supporting(route.endpoint);
    if (route === undefined || vehicle === undefined) throw new Error(`no vehicle for ${id}`);
    const metric = await get(vehicle, route.relativePath, 'metric');
    const imperial = await get(vehicle, route.relativePath, 'imperial');
    expect(imperial.headers['sc-unit-system']).toBe('imperial');
    const factors = { distance: 1 / 1.609_344, speed: 1 / 1.609_344, distanceRate: 1 / 1.609_344, volume: 1 / 3.785_411_784, pressure: 1 / 6.894_757 };
    for (const [path, quantity] of Object.entries(fields.response ?? {})) {
      const read = (body: unknown) => path.replace(/^\[\]\./, '0.').split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), body);
      const metricValue = read(metric.json());
      const imperialValue = read(imperial.json());
      if (typeof metricValue !== 'number' || typeof imperialValue !== 'number') continue;
      const expected = quantity === 'temperature' ? (metricValue * 9) / 5 + 32 : metricValue * factors[quantity];
      expect(imperialValue, `${id} ${path}`).toBeCloseTo(expected, 1);
    }
  });
});

/** True when the endpoint's response schema marks `key` optional or nullable-absent. */
function isOptional(endpoint: EndpointDefinition, key: string): boolean {
  const required = (endpoint.response as { required?: string[] }).required ?? [];
  return !required.includes(key);
}
