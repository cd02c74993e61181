/**
 * @module Test mode's vehicles on the simulated provider: each make's test vehicle supports every
 * endpoint the make supports anywhere and answers every read coherently, test vehicles stay parked on
 * their cable, commands take effect, and the same login gives the same vehicle in any process.
 */
import { Value } from '@sinclair/typebox/value';
import { beforeAll, describe, expect, it } from 'vitest';
import { endpointCatalog, registerSchemaFormats, type EndpointId } from '../../src/catalog/endpoints/index.js';
import { makeCatalog } from '../../src/catalog/makes.js';
import type { SimulatedVehicleProvider } from '../../src/providers/simulated/index.js';
import type { ProviderVehicle, VehicleRef } from '../../src/providers/vehicle-provider.js';
import { HOUR_MS, modelCapabilitiesAnywhere, modelsOf, testVehicleDesign } from '../../src/simulator/index.js';
import { simulatedProvider, simulationStart } from './simulated-subject.js';

const DAY_MS = 24 * HOUR_MS;
/** Reads the seeds define only while a charge runs; a test vehicle waits on its cable, not charging, until told to charge. */
const chargingOnly = new Set<EndpointId>([
  'gmGetChargeCompletionTime', 'teslaGetChargeCompletionTime', 'nioGetChargeCompletionTime', 'teslaGetChargeWattmeter', 'teslaGetChargeAmmeter', 'nioGetChargeWattmeter',
]);
const readsById = new Map(endpointCatalog.filter((endpoint) => endpoint.surface === 'vehicle' && endpoint.method === 'GET').map((endpoint) => [endpoint.id, endpoint]));

beforeAll(() => {
  registerSchemaFormats();
});

async function testVehicle(provider: SimulatedVehicleProvider, make: string, login = 'tester@example.com'): Promise<ProviderVehicle> {
  const signedIn = await provider.signIn(make, 'test', { username: login, password: 'any' });
  if (!signedIn.ok) throw new Error(`sign-in refused for ${make}: ${signedIn.reason}`);
  const [vehicle, ...others] = await provider.listVehicles(signedIn.account);
  if (vehicle === undefined || others.length > 0) throw new Error(`expected one vehicle for ${make}`);
  return vehicle;
}

/** Problems with the answers to every read the vehicle declares: an error, or a body its schema rejects. */
async function readProblems(provider: SimulatedVehicleProvider, vehicle: ProviderVehicle, allowNotCharging: boolean): Promise<string[]> {
  const declared = [...vehicle.capabilities].flatMap((id) => {
    const endpoint = readsById.get(id);
    return endpoint === undefined ? [] : [{ id, endpoint }];
  });
  const outcomes = await provider.read(vehicle.ref, declared.map(({ id }) => ({ endpointId: id })));
  return declared.flatMap(({ id, endpoint }, index) => {
    const outcome = outcomes[index];
    if (outcome === undefined) return [`${id}: no answer`];
    if (!outcome.ok) return allowNotCharging && chargingOnly.has(id) && outcome.error.code === 'NOT_CHARGING' ? [] : [`${id}: ${outcome.error.type}:${outcome.error.code ?? ''}`];
    return [...Value.Errors(endpoint.response, outcome.body)].map((error) => `${id}: ${error.path} ${error.message}`);
  });
}

describe("each make's test vehicle", () => {
  it.each(makeCatalog.map((make) => make.id))('%s supports everything its models support, and its hardware answers it', (make) => {
    const design = testVehicleDesign(make);
    if (design === undefined) throw new Error(`no test vehicle for ${make}`);
    const union = new Set(modelsOf(make).flatMap((model) => [...modelCapabilitiesAnywhere(model)]));
    expect([...design.capabilities].sort()).toEqual([...union].sort());
    expect(design.model.tankLiters > 0, 'a tank where the make reads fuel').toBe(union.has('getFuelTank') || union.has('getEngineOil'));
    expect(design.model.batteries.length > 0, 'a battery where the make reads one').toBe(union.has('getBatteryLevel') || union.has('getChargeStatus'));
  });

  it('is the Volt for Chevrolet, and an EV with a range extender where a make sells no plug-in hybrid', () => {
    expect(testVehicleDesign('CHEVROLET')?.model).toMatchObject({ name: 'Volt', powertrain: 'PHEV' });
    expect(testVehicleDesign('ACURA')?.model).toMatchObject({ name: 'ZDX', powertrain: 'PHEV', tankLiters: 47 });
    expect(testVehicleDesign('TESLA')?.model.powertrain).toBe('BEV');
  });

  it.each(makeCatalog.map((make) => make.id))('%s answers every read it declares with a schema-valid body, before and after a charge starts', async (make) => {
    const now = simulationStart + 3 * DAY_MS + 9 * HOUR_MS;
    const provider = await simulatedProvider({ now: () => new Date(now) });
    const vehicle = await testVehicle(provider, make);
    expect(await readProblems(provider, vehicle, true)).toEqual([]);
    if (!vehicle.capabilities.has('controlCharge')) return;
    expect(await provider.execute(vehicle.ref, { endpointId: 'controlCharge', body: { action: 'START' } })).toEqual({ message: 'Successfully sent request to vehicle', status: 'success' });
    expect(await readProblems(provider, vehicle, false)).toEqual([]);
  });
});

describe('test-mode vehicles', () => {
  it('stay parked, plugged in and below their limit for a week, whatever the login', async () => {
    let now = simulationStart;
    const provider = await simulatedProvider({ now: () => new Date(now) });
    const runtime = await provider.runtime();
    const signedIn = await provider.signIn('CHEVROLET', 'test', { username: '5-vehicles@smartcar.com', password: 'x' });
    if (!signedIn.ok) throw new Error('sign-in refused');
    const vehicles = [await testVehicle(provider, 'CHEVROLET'), ...(await provider.listVehicles(signedIn.account))];
    for (let hour = 0; hour < 7 * 24; hour += 1) {
      now = simulationStart + hour * HOUR_MS;
      for (const vehicle of vehicles) {
        const resolved = runtime.resolve(vehicle.ref);
        if (resolved === null) throw new Error('unresolved');
        const reading = runtime.fleet.read(resolved.key, runtime.clock.now());
        expect(reading.driving, `${vehicle.vin} at hour ${hour}`).toBe(false);
        if (reading.profile.model.batteries.length === 0) continue;
        const charge = reading.charge();
        expect([charge.isPluggedIn, charge.state], `${vehicle.vin} at hour ${hour}`).toEqual([true, 'NOT_CHARGING']);
        expect(reading.stateOfCharge).toBeGreaterThanOrEqual(0.55);
        expect(reading.stateOfCharge).toBeLessThan(charge.limit);
      }
    }
  });

  it('carry out commands, and later reads show their effect', async () => {
    let now = simulationStart + 2 * DAY_MS + 8 * HOUR_MS;
    const provider = await simulatedProvider({ now: () => new Date(now) });
    const vehicle = await testVehicle(provider, 'TESLA');
    const readOne = async (endpointId: EndpointId): Promise<unknown> => {
      const [outcome] = await provider.read(vehicle.ref, [{ endpointId }]);
      return outcome?.ok === true ? outcome.body : outcome?.error;
    };
    expect(await readOne('getChargeStatus')).toMatchObject({ isPluggedIn: true, state: 'NOT_CHARGING' });
    await provider.execute(vehicle.ref, { endpointId: 'controlCharge', body: { action: 'START' } });
    now += 10 * 60_000;
    expect(await readOne('getChargeStatus')).toMatchObject({ isPluggedIn: true, state: 'CHARGING' });
    await provider.execute(vehicle.ref, { endpointId: 'controlCharge', body: { action: 'STOP' } });
    expect(await readOne('getChargeStatus')).toMatchObject({ state: 'NOT_CHARGING' });
    await provider.execute(vehicle.ref, { endpointId: 'lockUnlock', body: { action: 'UNLOCK' } });
    now += 60_000;
    expect(await readOne('getLockStatus')).toMatchObject({ isLocked: false });
    await provider.execute(vehicle.ref, { endpointId: 'lockUnlock', body: { action: 'LOCK' } });
    now += 60_000;
    expect(await readOne('getLockStatus')).toMatchObject({ isLocked: true });
    await provider.execute(vehicle.ref, { endpointId: 'setChargeLimit', body: { limit: 0.9 } });
    expect(await readOne('getChargeLimit')).toEqual({ limit: 0.9 });
  });

  it('are the same vehicle, in the same state, for two providers on separate logs', async () => {
    const now = simulationStart + 5 * DAY_MS + 17 * HOUR_MS;
    const [first, second] = [await simulatedProvider({ now: () => new Date(now) }), await simulatedProvider({ now: () => new Date(now) })];
    for (const make of ['CHEVROLET', 'KIA', 'NIO']) {
      const [one, other] = [await testVehicle(first, make, 'same@example.com'), await testVehicle(second, make, 'same@example.com')];
      expect(other).toEqual(one);
      const ids: EndpointId[] = ['getVehicleAttributes', 'getOdometer', 'getLocation', 'getBatteryLevel', 'getChargeStatus', 'getLockStatus'];
      const wanted = ids.filter((id) => one.capabilities.has(id)).map((endpointId) => ({ endpointId }));
      const ref: VehicleRef = one.ref;
      expect(await second.read(ref, wanted)).toEqual(await first.read(ref, wanted));
    }
  });
});
