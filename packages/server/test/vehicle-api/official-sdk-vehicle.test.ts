import smartcar from 'smartcar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionCatalog } from '../../src/catalog/permissions.js';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import type { ProviderVehicle } from '../../src/providers/vehicle-provider.js';
import { testConfig } from '../helpers/test-app.js';
import { passwordLinkingOf } from '../../src/providers/contract/index.js';
import { listedVehicle, seedApplication, seedConnectedOwner } from '../helpers/test-world.js';

/** The unmodified official SDK's v2.0 `Vehicle` methods against Carport's simulated fleet. */
describe('the official smartcar SDK’s Vehicle methods', () => {
  let server: RunningServer;
  const vehicles = new Map<string, { id: string; token: string; vehicle: ProviderVehicle }>();

  beforeAll(async () => {
    server = await startServer(
      testConfig({ PORT: '0', HOST: '127.0.0.1', CARPORT_DEMO_APP: 'false', CARPORT_LIMITS_ENABLED: 'false' }),
      { logger: createLogger('silent'), now: () => new Date('2026-11-18T14:00:00.000Z') },
      { print: () => undefined, warn: () => undefined },
    );
    process.env.SMARTCAR_API_ORIGIN = server.address;
    const { repositories, providers } = server.app.carport;
    const { applicationId } = await seedApplication(repositories, { name: 'SDK' });
    for (const make of ['TESLA', 'CHEVROLET', 'TOYOTA']) {
      const provider = providers.find(make, 'test');
      const signedIn = await passwordLinkingOf(provider)?.signIn(make, 'test', { username: `sdk-${make}@example.com`, password: 'x' });
      if (provider === undefined || signedIn?.ok !== true) throw new Error(`cannot sign in to ${make}`);
      const [vehicle] = await provider.listVehicles(signedIn.account);
      if (vehicle === undefined) throw new Error(`no ${make} vehicle`);
      const grant = await seedConnectedOwner(repositories, applicationId, { owner: signedIn.account, vehicles: [listedVehicle(vehicle)], permissions: permissionCatalog.map((p) => p.name) });
      vehicles.set(make, { id: grant.vehicleIds[0] ?? '', token: grant.accessToken, vehicle });
    }
  });
  afterAll(async () => {
    delete process.env.SMARTCAR_API_ORIGIN;
    await server.app.close();
  });

  const sdkVehicle = (make: string, unitSystem: 'metric' | 'imperial' = 'metric') => {
    const entry = vehicles.get(make);
    if (entry === undefined) throw new Error(`no ${make}`);
    return { sdk: new smartcar.Vehicle(entry.id, entry.token, { unitSystem }), entry };
  };
  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

  it('reads attributes, VIN, odometer, location, battery, charge, capacity, tires and lock status with meta', async () => {
    const { sdk, entry } = sdkVehicle('TESLA');
    expect(await sdk.attributes()).toMatchObject({ id: entry.id, make: 'TESLA', model: entry.vehicle.model, year: entry.vehicle.year });
    expect((await sdk.vin()).vin).toBe(entry.vehicle.vin);
    const odometer = await sdk.odometer();
    expect(odometer.distance).toBeGreaterThan(0);
    expect(odometer.meta.dataAge).toBeInstanceOf(Date);
    expect(odometer.meta.unitSystem).toBe('metric');
    expect(odometer.meta.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const imperial = await sdkVehicle('TESLA', 'imperial').sdk.odometer();
    expect(imperial.distance).toBeCloseTo(odometer.distance / 1.609_344, 1);
    expect(await sdk.location()).toMatchObject({ latitude: expect.any(Number) as number, longitude: expect.any(Number) as number });
    expect((await sdk.battery()).percentRemaining).toBeGreaterThan(0);
    expect((await sdk.batteryCapacity()).capacity).toBeGreaterThan(0);
    expect(await sdk.nominalCapacity()).toHaveProperty('availableCapacities');
    expect(['CHARGING', 'FULLY_CHARGED', 'NOT_CHARGING']).toContain((await sdk.charge()).state);
    expect((await sdk.tirePressure()).frontLeft).toBeGreaterThan(100);
    expect(typeof (await sdk.lockStatus()).isLocked).toBe('boolean');
    expect((await sdk.getChargeLimit()).limit).toBeGreaterThanOrEqual(0.5);
    const permissions = await sdk.permissions({ limit: 50 });
    expect(permissions.paging).toEqual({ count: permissionCatalog.length, offset: 0 });
    expect([...permissions.permissions].sort()).toEqual(permissionCatalog.map((p) => p.name).sort());
  });

  it('raises SmartcarError with the catalog fields for an unsupported endpoint', async () => {
    const error = await failure(sdkVehicle('TESLA').sdk.fuel());
    expect(error).toBeInstanceOf(smartcar.SmartcarError);
    expect(error).toMatchObject({ statusCode: 501, type: 'COMPATIBILITY', code: 'VEHICLE_NOT_CAPABLE' });
    expect(await failure(sdkVehicle('TESLA').sdk.engineOil())).toMatchObject({ statusCode: 501 });
  });

  it('reads fuel, oil and diagnostics on combustion and GM vehicles', async () => {
    expect((await sdkVehicle('TOYOTA').sdk.fuel()).percentRemaining).toBeGreaterThan(0);
    expect((await sdkVehicle('TOYOTA').sdk.engineOil()).lifeRemaining).toBeGreaterThanOrEqual(0);
    expect(await sdkVehicle('CHEVROLET').sdk.diagnosticTroubleCodes()).toHaveProperty('activeCodes');
    expect(await sdkVehicle('CHEVROLET').sdk.diagnosticSystemStatus()).toHaveProperty('systems');
  });

  it('sends commands: lock, unlock, charge limit as a string, destination, charge start/stop outcomes', async () => {
    const { sdk } = sdkVehicle('TESLA');
    const lock = await failure(sdk.lock());
    // A simulated car may be driving at this moment; the refusal is then the catalog's IN_MOTION.
    if (lock !== undefined) expect(lock).toMatchObject({ type: 'VEHICLE_STATE', code: 'IN_MOTION' });
    else expect((await sdk.lockStatus()).isLocked).toBe(true);
    expect(await failure(sdk.unlock())).toSatisfy((error: unknown) => error === undefined || (error as { code?: string }).code === 'IN_MOTION');
    expect(await sdk.setChargeLimit(0.9)).toMatchObject({ status: 'success' });
    expect((await sdk.getChargeLimit()).limit).toBe(0.9);
    expect(await sdk.sendDestination(37.4292, -122.1381)).toMatchObject({ status: 'success' });
    const start = await failure(sdk.startCharge());
    if (start !== undefined) expect(start).toMatchObject({ type: 'VEHICLE_STATE' });
    const stop = await failure(sdk.stopCharge());
    if (stop !== undefined) expect(stop).toMatchObject({ type: 'VEHICLE_STATE' });
  });

  it('runs a batch and make-specific requests', async () => {
    const { sdk } = sdkVehicle('TESLA');
    const batch = await sdk.batch(['/odometer', '/location', '/fuel']);
    expect((batch.odometer?.() as { distance: number }).distance).toBeGreaterThan(0);
    expect(batch.location?.()).toHaveProperty('latitude');
    expect(() => batch.fuel?.()).toThrow(smartcar.SmartcarError);
    const compass = await sdk.request('get', 'tesla/compass');
    expect(compass.body).toHaveProperty('heading');
    expect(await failure(sdk.request('get', 'TESLA/compass'))).toMatchObject({ statusCode: 403, type: 'PERMISSION' });
  });

  it('disconnects', async () => {
    const { sdk } = sdkVehicle('TOYOTA');
    expect(await sdk.disconnect()).toMatchObject({ status: 'success' });
    expect(await failure(sdk.odometer())).toMatchObject({ statusCode: 403, type: 'PERMISSION' });
  });
});
