/**
 * @module Every row of the error catalog is raised somewhere reachable. The pairs the provider raises
 * from a simulated vehicle's state or from an injected fault are provoked here through the public
 * Vehicle API (the scene set through the admin API, as `carport fleet` would), each asserting the
 * whole error body; the coverage test then names, for every other pair, the test that provokes it.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { errorCatalog, errorKey, findError } from '../../src/catalog/errors.js';
import { keyOf } from '../../src/providers/simulated/index.js';
import type { VehicleRef } from '../../src/providers/vehicle-provider.js';
import type { VehicleReading } from '../../src/simulator/index.js';
import { buildTestApp } from '../helpers/test-app.js';
import { momentWhere, simulationStart, vehiclesOfMake } from '../providers/simulated-subject.js';
import type { ConformanceVehicle } from '../providers/conformance.js';
import { seedWorld } from '../helpers/test-world.js';

const adminToken = 'admin-token-for-tests-0123456789';
const apps: FastifyInstance[] = [];

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

function vehicleOf(make: string, model: string): ConformanceVehicle {
  const found = vehiclesOfMake(make).find((candidate) => candidate.label.startsWith(`${model} `));
  if (found === undefined) throw new Error(`no ${make} ${model}`);
  return found;
}

const tesla = vehicleOf('TESLA', 'Model 3');
const leaf = vehicleOf('NISSAN', 'Leaf');
const nio = vehicleOf('NIO', 'ET7');

const moments = new Map<string, number>();

/** The first moment `wanted` holds (named by `name`, so each search runs once per file). */
function moment(target: ConformanceVehicle, wanted: (reading: VehicleReading) => boolean, stepMs?: number, name = wanted.name): number {
  const key = `${target.label}/${name}`;
  const known = moments.get(key);
  if (known !== undefined) return known;
  const time = momentWhere(target, wanted, stepMs);
  if (time === undefined) throw new Error(`no moment for ${target.label}`);
  moments.set(key, time);
  return time;
}

const unplugged = (reading: VehicleReading): boolean => !reading.driving && !reading.charge().isPluggedIn;

/** Parked, unplugged and with room to charge: a scene where plugging in starts a charge. */
const roomToCharge = (reading: VehicleReading): boolean => !reading.driving && !reading.charge().isPluggedIn && reading.stateOfCharge < 0.7;

/** The first instant a trip of the vehicle ends, plus `afterMs` (the driver still at the car). */
function afterArrival(target: ConformanceVehicle, afterMs: number): number {
  const driving = moment(target, (reading) => reading.driving, 5 * 60_000, 'driving');
  let arriveAt: number | undefined;
  momentWhere(target, (reading) => {
    arriveAt = reading.activeTrip?.arriveAt;
    return reading.time >= driving;
  }, 5 * 60_000);
  if (arriveAt === undefined) throw new Error(`no arrival of ${target.label}`);
  return arriveAt + afterMs;
}

/**
 * The app (simulated provider, the conformance seed, so {@link momentWhere} finds the fleet's
 * scenes) at simulated instant `time`, with one connected simulated-mode vehicle.
 */
async function scene(target: ConformanceVehicle, time: number, permissions: readonly string[]) {
  let now = simulationStart;
  const built = await buildTestApp({
    env: { CARPORT_ADMIN_TOKEN: adminToken, CARPORT_SIM_SEED: 'conformance', CARPORT_SIM_FLEET_SIZE: '0', CARPORT_READ_CACHE_TTL_MS: '0' },
    now: () => new Date(now),
  });
  const app = built.app;
  apps.push(app);
  const { ref } = target;
  // The first request anchors the simulation at its start; the fleet then runs to `time`.
  await admin(app, 'GET', ref, '');
  now = time;
  const repositories = app.carport.repositories;
  const world = await seedWorld(repositories, {
    application: { name: 'App' },
    owner: { make: ref.make, mode: ref.mode, providerAccountId: `simulated:owner-${ref.providerVehicleId}`, email: null },
    vehicles: [{ providerVehicleId: ref.providerVehicleId, vin: ref.providerVehicleId, model: 'x', year: 2024 }],
    permissions,
  });
  const { accessToken: token } = world;
  const vehicleApi = (method: 'GET' | 'POST' | 'PUT', path: string, payload?: object) =>
    app.inject({ method, url: `/v2.0/vehicles/${world.vehicleId}${path}`, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload }) });
  return {
    vehicleApi,
    admin: async (method: 'GET' | 'POST', action: string, payload?: object) => {
      const response = await admin(app, method, ref, action, payload);
      expect(response.statusCode, response.body).toBe(200);
    },
  };
}

function admin(app: FastifyInstance, method: 'GET' | 'POST', ref: VehicleRef, action: string, payload?: object) {
  return app.inject({
    method, url: `/admin/fleet/vehicles/${encodeURIComponent(keyOf(ref))}${action}`, headers: { authorization: `Bearer ${adminToken}` },
    ...(payload === undefined ? {} : { payload }),
  });
}

/** The whole catalog body of a pair, as the Vehicle API answers it. */
function errorBody(type: string, code: string | null, requestId: unknown) {
  const definition = findError(type, code);
  if (definition === undefined) throw new Error(`${errorKey(type, code)} is not in the catalog`);
  return {
    type, code,
    description: definition.description,
    docURL: `http://carport.test/docs/errors#${errorKey(type, code).replace(':', '-').toLowerCase()}`,
    statusCode: definition.statusCode,
    requestId,
    resolution: { type: definition.resolution },
    suggestedUserMessage: definition.suggestedUserMessage,
  };
}

async function expectError(response: Awaited<ReturnType<FastifyInstance['inject']>>, type: string, code: string | null): Promise<void> {
  expect(response.json()).toEqual(errorBody(type, code, response.headers['sc-request-id']));
  expect(response.statusCode).toBe(findError(type, code)?.statusCode);
  return Promise.resolve();
}

const lock = { action: 'LOCK' };
const parked = (reading: VehicleReading): boolean => !reading.driving && !reading.ignitionOn && !Object.values(reading.openings().doors).includes('OPEN') && reading.openings().rearStorage === 'CLOSED';

/** One test per pair: the key, and how it is provoked. */
const provocations: Readonly<Record<string, () => Promise<void>>> = {
  // The owner's account, as an operator injects its states (`carport fleet fault <vehicle> account --code ...`).
  ...Object.fromEntries(['ACCOUNT_ISSUE', 'AUTHENTICATION_FAILED', 'NO_VEHICLES', 'SUBSCRIPTION', 'VEHICLE_MISSING'].map((code) => [
    `CONNECTED_SERVICES_ACCOUNT:${code}`,
    async () => {
      const { vehicleApi, admin: operate } = await scene(tesla, moment(tesla, parked), ['read_odometer', 'control_security']);
      await operate('POST', '/fault', { kind: 'account', code });
      await expectError(await vehicleApi('GET', '/odometer'), 'CONNECTED_SERVICES_ACCOUNT', code);
      await expectError(await vehicleApi('POST', '/security', lock), 'CONNECTED_SERVICES_ACCOUNT', code);
    },
  ])),
  'CONNECTED_SERVICES_ACCOUNT:PERMISSION': async () => {
    // A driver's account: the manufacturer shares data but refuses commands.
    const { vehicleApi, admin: operate } = await scene(tesla, moment(tesla, parked), ['read_odometer', 'control_security']);
    await operate('POST', '/fault', { kind: 'account', code: 'PERMISSION' });
    expect((await vehicleApi('GET', '/odometer')).statusCode).toBe(200);
    await expectError(await vehicleApi('POST', '/security', lock), 'CONNECTED_SERVICES_ACCOUNT', 'PERMISSION');
  },
  'CONNECTED_SERVICES_ACCOUNT:VIRTUAL_KEY_REQUIRED': async () => {
    const { vehicleApi, admin: operate } = await scene(tesla, moment(tesla, parked), ['read_vehicle_info', 'control_security']);
    expect((await vehicleApi('GET', '/tesla/virtual_key')).json()).toEqual({ isPaired: true });
    await operate('POST', '/fault', { kind: 'account', code: 'VIRTUAL_KEY_REQUIRED' });
    expect((await vehicleApi('GET', '/tesla/virtual_key')).json()).toEqual({ isPaired: false });
    await expectError(await vehicleApi('POST', '/security', lock), 'CONNECTED_SERVICES_ACCOUNT', 'VIRTUAL_KEY_REQUIRED');
  },
  // The manufacturer's cloud failing (`carport fleet fault <vehicle> upstream --code ...`).
  ...Object.fromEntries(['INVALID_DATA', 'KNOWN_ISSUE', 'NO_RESPONSE', 'RATE_LIMIT', 'UNKNOWN_ISSUE'].map((code) => [
    `UPSTREAM:${code}`,
    async () => {
      const { vehicleApi, admin: operate } = await scene(tesla, moment(tesla, parked), ['read_odometer']);
      await operate('POST', '/fault', { kind: 'upstream', code });
      await expectError(await vehicleApi('GET', '/odometer'), 'UPSTREAM', code);
    },
  ])),
  'VEHICLE_STATE:CHARGING_IN_PROGRESS': async () => {
    // A Nissan EV's charge timers apply to the next session: not changeable while it charges.
    const { vehicleApi, admin: operate } = await scene(leaf, moment(leaf, roomToCharge), ['read_charge', 'control_charge']);
    const schedule = { chargeSchedules: [{ start: '01:00', end: '05:00', days: ['MONDAY'] }] };
    await operate('POST', '/plug', { charger: 'AC' });
    expect((await vehicleApi('GET', '/charge')).json()).toMatchObject({ state: 'CHARGING' });
    await expectError(await vehicleApi('PUT', '/nissan/charge/schedule', schedule), 'VEHICLE_STATE', 'CHARGING_IN_PROGRESS');
  },
  'VEHICLE_STATE:CHARGE_FAULT': async () => {
    // The charger fails as the cable goes in: no charge starts, whatever the battery.
    const { vehicleApi, admin: operate } = await scene(tesla, moment(tesla, unplugged), ['read_charge', 'control_charge']);
    await operate('POST', '/plug', { charger: 'AC' });
    await operate('POST', '/fault', { kind: 'charger_fault' });
    expect((await vehicleApi('GET', '/charge')).json()).toMatchObject({ isPluggedIn: true, state: 'NOT_CHARGING' });
    await expectError(await vehicleApi('POST', '/charge', { action: 'START' }), 'VEHICLE_STATE', 'CHARGE_FAULT');
  },
  'VEHICLE_STATE:DOOR_OPEN': async () => {
    // The driver's door, seconds after arriving: the vehicle will not lock.
    const { vehicleApi } = await scene(tesla, afterArrival(tesla, 30_000), ['read_security', 'control_security']);
    expect((await vehicleApi('GET', '/security')).json()).toMatchObject({ doors: [{ type: 'frontLeft', status: 'OPEN' }, {}, {}, {}] });
    await expectError(await vehicleApi('POST', '/security', lock), 'VEHICLE_STATE', 'DOOR_OPEN');
  },
  'VEHICLE_STATE:HOOD_OPEN': async () => {
    const { vehicleApi, admin: operate } = await scene(leaf, moment(leaf, parked), ['control_security']);
    await operate('POST', '/fault', { kind: 'hood_open' });
    await expectError(await vehicleApi('POST', '/security', lock), 'VEHICLE_STATE', 'HOOD_OPEN');
  },
  'VEHICLE_STATE:IGNITION_ON': async () => {
    // Just arrived, the driver not yet switched off.
    const { vehicleApi } = await scene(tesla, afterArrival(tesla, 5_000), ['control_security']);
    await expectError(await vehicleApi('POST', '/security', { action: 'UNLOCK' }), 'VEHICLE_STATE', 'IGNITION_ON');
  },
  'VEHICLE_STATE:REMOTE_ACCESS_DISABLED': async () => {
    const { vehicleApi, admin: operate } = await scene(tesla, moment(tesla, parked), ['read_odometer']);
    await operate('POST', '/fault', { kind: 'remote_access_disabled' });
    await expectError(await vehicleApi('GET', '/odometer'), 'VEHICLE_STATE', 'REMOTE_ACCESS_DISABLED');
  },
  'VEHICLE_STATE:TRUNK_OPEN': async () => {
    const { vehicleApi, admin: operate } = await scene(tesla, moment(tesla, parked), ['read_security', 'control_security']);
    await operate('POST', '/fault', { kind: 'trunk_open', for: '10m' });
    expect((await vehicleApi('GET', '/security')).json()).toMatchObject({ storage: [{ type: 'front', status: 'CLOSED' }, { type: 'rear', status: 'OPEN' }] });
    await expectError(await vehicleApi('POST', '/security', lock), 'VEHICLE_STATE', 'TRUNK_OPEN');
  },
  'VEHICLE_STATE:VEHICLE_OFFLINE_FOR_SERVICE': async () => {
    const { vehicleApi, admin: operate } = await scene(tesla, moment(tesla, parked), ['read_odometer']);
    await operate('POST', '/fault', { kind: 'offline_for_service', for: '2h' });
    await expectError(await vehicleApi('GET', '/odometer'), 'VEHICLE_STATE', 'VEHICLE_OFFLINE_FOR_SERVICE');
  },
  'COMPATIBILITY:PLATFORM_NOT_CAPABLE': async () => {
    // The seeds: the virtual key status is unavailable through Tesla's legacy integration.
    const { vehicleApi, admin: operate } = await scene(tesla, moment(tesla, parked), ['read_vehicle_info']);
    await operate('POST', '/fault', { kind: 'legacy_integration' });
    expect((await vehicleApi('GET', '/tesla/migration')).json()).toEqual({ requiresMigration: true });
    await expectError(await vehicleApi('GET', '/tesla/virtual_key'), 'COMPATIBILITY', 'PLATFORM_NOT_CAPABLE');
  },
  'COMPATIBILITY:SMARTCAR_NOT_CAPABLE': async () => {
    // NIO's data packages leave tire pressures out, though the vehicle measures them.
    const { vehicleApi } = await scene(nio, moment(nio, parked), ['read_tires', 'read_fuel']);
    await expectError(await vehicleApi('GET', '/tires/pressure'), 'COMPATIBILITY', 'SMARTCAR_NOT_CAPABLE');
    // A BEV has no tank: that is the vehicle, not Carport.
    await expectError(await vehicleApi('GET', '/fuel'), 'COMPATIBILITY', 'VEHICLE_NOT_CAPABLE');
  },
};

/**
 * The pairs other tests provoke (the HTTP layer's request errors, limits and billing, the simulated
 * provider's other refusals and faults), with the test file that does. The coverage test checks the
 * file names the pair, so a deleted provocation is noticed.
 */
const provokedElsewhere: Readonly<Record<string, string>> = {
  VALIDATION: 'test/http/error-handling.test.ts',
  'VALIDATION:PARAMETER': 'test/management-api/connections.test.ts',
  AUTHENTICATION: 'test/vehicle-api/access-token.test.ts',
  PERMISSION: 'test/vehicle-api/vehicle-data.test.ts',
  'RESOURCE_NOT_FOUND:PATH': 'test/http/error-handling.test.ts',
  'RESOURCE_NOT_FOUND:VERSION': 'test/http/error-handling.test.ts',
  'RESOURCE_NOT_FOUND:METHOD': 'test/http/error-handling.test.ts',
  'VEHICLE_STATE:ASLEEP': 'test/providers/simulated-commands.test.ts',
  'VEHICLE_STATE:NOT_CHARGING': 'test/providers/simulated-commands.test.ts',
  'VEHICLE_STATE:CHARGING_PLUG_NOT_CONNECTED': 'test/providers/simulated-commands.test.ts',
  'VEHICLE_STATE:CHARGING_PLUG_CONNECTED': 'test/providers/admin-api.test.ts',
  'VEHICLE_STATE:FULLY_CHARGED': 'test/providers/simulated-commands.test.ts',
  'VEHICLE_STATE:IN_MOTION': 'test/providers/simulated-commands.test.ts',
  'VEHICLE_STATE:LOW_BATTERY': 'test/providers/simulated-commands.test.ts',
  'VEHICLE_STATE:UNKNOWN': 'test/providers/make-behaviour.test.ts',
  'VEHICLE_STATE:UNREACHABLE': 'test/providers/simulated-commands.test.ts',
  'RATE_LIMIT:VEHICLE': 'test/limits/limits-wiring.test.ts',
  'RATE_LIMIT:SMARTCAR_API': 'test/limits/limit-answers.test.ts',
  'BILLING:VEHICLE_LIMIT': 'test/limits/limit-answers.test.ts',
  'BILLING:VEHICLE_REQUEST_LIMIT': 'test/limits/limit-answers.test.ts',
  'BILLING:ACCOUNT_SUSPENDED': 'test/limits/limit-answers.test.ts',
  'BILLING:INVALID_PLAN': 'test/limits/plan-features.test.ts',
  'SERVER:INTERNAL': 'test/http/error-handling.test.ts',
  'MULTIPLE_RECORDS_FOUND:INTERNAL': 'test/vehicle-api/store-inconsistencies.test.ts',
  'RECORD_NOT_FOUND:INTERNAL': 'test/vehicle-api/store-inconsistencies.test.ts',
  'COMPATIBILITY:MAKE_NOT_COMPATIBLE': 'test/vehicle-api/vehicle-data.test.ts',
  'COMPATIBILITY:VEHICLE_NOT_CAPABLE': 'test/vehicle-api/vehicle-data.test.ts',
};

/**
 * Pairs nothing raises yet, each with why. Listed so the gap is visible and the coverage test fails
 * for any new unraised pair; a pair leaves this list when something raises it.
 */
const knownUnraised: Readonly<Record<string, string>> = {};

describe('catalog error rows raised by simulated vehicles and injected faults', () => {
  for (const [key, provoke] of Object.entries(provocations)) {
    it(`raises ${key}`, provoke);
  }
});

describe('error catalog coverage', () => {
  const catalogKeys = errorCatalog.map((entry) => errorKey(entry.type, entry.code));

  it('provokes every catalog pair, here or in a named test that mentions it', () => {
    const unprovoked = catalogKeys.filter((key) => provocations[key] === undefined && provokedElsewhere[key] === undefined);
    expect(unprovoked).toEqual(Object.keys(knownUnraised));
    const unknown = [...Object.keys(provocations), ...Object.keys(provokedElsewhere)].filter((key) => !catalogKeys.includes(key));
    expect(unknown).toEqual([]);
  });

  it.each(Object.entries(provokedElsewhere))('%s is provoked by %s', (key, file) => {
    const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    const [type = '', code] = key.split(':');
    // The test names the pair as the body's fields or as one `TYPE:CODE` string.
    const named = code === undefined ? text.includes(`'${type}'`) : text.includes(`${type}:${code}`) || (text.includes(`'${type}'`) && text.includes(`'${code}'`));
    expect(named, `${file} does not mention ${key}`).toBe(true);
  });
});
