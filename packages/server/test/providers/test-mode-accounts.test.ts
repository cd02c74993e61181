/** @module Accounts of the simulated provider: Connect's test-mode emails, simulated mode, and the live demo owners. */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoAccounts } from '../../src/providers/simulated/index.js';
import type { ProviderAccount, ProviderVehicle, VehicleMode } from '../../src/providers/vehicle-provider.js';
import { isValidVin, modelsOf, testVehicleDesign } from '../../src/simulator/index.js';
import { simulatedProvider, simulationStart } from './simulated-subject.js';

const provider = await simulatedProvider({ now: () => new Date(simulationStart + 3_600_000), fleetSize: 132 });

async function vehiclesOf(make: string, mode: VehicleMode, username: string, password = 'anything'): Promise<readonly ProviderVehicle[]> {
  const result = await provider.signIn(make, mode, { username, password });
  if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
  return provider.listVehicles(result.account);
}

const modelOf = (vehicle: ProviderVehicle) => modelsOf(vehicle.ref.make).find((model) => model.name === vehicle.model);

describe('test mode', () => {
  it("lets any email and password in, with exactly one vehicle: the make's test vehicle, the same every time", async () => {
    const first = await vehiclesOf('TESLA', 'test', 'someone@example.com', 'x');
    expect(first).toHaveLength(1);
    expect((await vehiclesOf('TESLA', 'test', 'SOMEONE@example.com ', 'y')).map((vehicle) => vehicle.vin)).toEqual(first.map((vehicle) => vehicle.vin));
    const [vehicle] = first;
    if (vehicle === undefined) throw new Error('no vehicle');
    expect(isValidVin(vehicle.vin)).toBe(true);
    expect(vehicle.ref).toEqual({ make: 'TESLA', mode: 'test', providerVehicleId: `${vehicle.vin}.compatible` });
    expect(vehicle.model).toBe(testVehicleDesign('TESLA')?.model.name);
    expect([...vehicle.capabilities].sort()).toEqual([...(testVehicleDesign('TESLA')?.capabilities ?? [])].sort());
    expect(await provider.getVehicle(vehicle.ref)).toEqual(vehicle);
    // Another login, or another make, is another vehicle.
    expect((await vehiclesOf('TESLA', 'test', 'someone.else@example.com'))[0]?.vin).not.toBe(vehicle.vin);
    expect((await vehiclesOf('CHEVROLET', 'test', 'someone@example.com'))[0]?.model).toBe('Volt');
  });

  it('signs Kia and Mercedes-Benz owners in with a phone number, other makes with an email only', async () => {
    const kia = await vehiclesOf('KIA', 'test', '+1 (555) 010-9999');
    expect(kia).toHaveLength(1);
    expect((await vehiclesOf('KIA', 'test', '+15550109999'))[0]?.vin).toBe(kia[0]?.vin);
    expect(await provider.signIn('MERCEDES_BENZ', 'test', { username: '+49 151 2345 6789', password: 'x' })).toEqual({
      ok: true,
      account: { make: 'MERCEDES_BENZ', mode: 'test', providerAccountId: 'test:+4915123456789', email: null },
    });
    expect(await provider.signIn('TESLA', 'test', { username: '+1 (555) 010-9999', password: 'x' })).toEqual({ ok: false, reason: 'invalid_credentials' });
    expect(await provider.signIn('TESLA', 'test', { username: 'not a login', password: 'x' })).toEqual({ ok: false, reason: 'invalid_credentials' });
  });

  it('gives 0-vehicles@smartcar.com an account without vehicles', async () => {
    expect(await vehiclesOf('TESLA', 'test', '0-vehicles@smartcar.com')).toEqual([]);
  });

  it('refuses smartcar@invalid-subscription.com with invalid_subscription', async () => {
    expect(await provider.signIn('FORD', 'test', { username: 'smartcar@invalid-subscription.com', password: 'x' })).toEqual({ ok: false, reason: 'invalid_subscription' });
  });

  it('gives smartcar@vehicle-incompatible.com one vehicle with no capabilities', async () => {
    const vehicles = await vehiclesOf('FORD', 'test', 'smartcar@vehicle-incompatible.com');
    expect(vehicles).toHaveLength(1);
    expect([...(vehicles[0]?.capabilities ?? ['missing'])]).toEqual([]);
  });

  it('gives <n>-vehicles@smartcar.com exactly n distinct vehicles (1 to 999)', async () => {
    expect(await vehiclesOf('BMW', 'test', '1-vehicles@smartcar.com')).toHaveLength(1);
    const seven = await vehiclesOf('BMW', 'test', '7-vehicles@smartcar.com');
    expect(seven).toHaveLength(7);
    expect(new Set(seven.map((vehicle) => vehicle.vin)).size).toBe(7);
    const many = await vehiclesOf('KIA', 'test', '999-vehicles@smartcar.com');
    expect(many).toHaveLength(999);
    expect(many.every((vehicle) => isValidVin(vehicle.vin))).toBe(true);
    // Beyond 999 it is an ordinary email: the make's test vehicle.
    expect(await vehiclesOf('KIA', 'test', '1000-vehicles@smartcar.com')).toHaveLength(1);
  });

  it('gives <VIN>@<level>.smartcar.com that VIN with that kind of capability set', async () => {
    const vin = '1FTFW1E50PFA00001';
    const bev = await vehiclesOf('FORD', 'test', `${vin}@bev.smartcar.com`);
    expect(bev.map((vehicle) => vehicle.vin)).toEqual([vin]);
    expect(bev[0]?.ref.providerVehicleId).toBe(`${vin}.bev`);
    expect(modelOf(bev[0] as ProviderVehicle)?.powertrain).toBe('BEV');
    expect(bev[0]?.capabilities.has('getBatteryLevel')).toBe(true);
    expect(bev[0]?.capabilities.has('getFuelTank')).toBe(false);
    const phev = await vehiclesOf('FORD', 'test', `${vin.toLowerCase()}@phev.smartcar.com`);
    expect(modelOf(phev[0] as ProviderVehicle)?.powertrain).toBe('PHEV');
    expect([phev[0]?.capabilities.has('getFuelTank'), phev[0]?.capabilities.has('getBatteryLevel')]).toEqual([true, true]);
    const fuel = await vehiclesOf('FORD', 'test', `${vin}@fuel.smartcar.com`);
    expect(['ICE', 'HEV']).toContain(modelOf(fuel[0] as ProviderVehicle)?.powertrain);
    expect([fuel[0]?.capabilities.has('getFuelTank'), fuel[0]?.capabilities.has('getBatteryLevel')]).toEqual([true, false]);
    const compatible = await vehiclesOf('FORD', 'test', `${vin}@compatible.smartcar.com`);
    expect(compatible[0]?.vin).toBe(vin);
    expect(compatible[0]?.model).toBe(testVehicleDesign('FORD')?.model.name);
    expect(compatible[0]?.capabilities).toEqual(testVehicleDesign('FORD')?.capabilities);
    const incompatible = await vehiclesOf('FORD', 'test', `${vin}@incompatible.smartcar.com`);
    expect(incompatible[0]?.vin).toBe(vin);
    expect(incompatible[0]?.capabilities.size).toBe(0);
    // Not a VIN, or not a level: an ordinary email.
    expect((await vehiclesOf('FORD', 'test', 'ABC@bev.smartcar.com'))[0]?.vin).not.toBe('ABC');
    expect((await vehiclesOf('FORD', 'test', `${vin}@electric.smartcar.com`))[0]?.vin).not.toBe(vin);
  });

  it('answers reads of a forced-level vehicle by its capabilities', async () => {
    const [vehicle] = await vehiclesOf('FORD', 'test', '1FTFW1E50PFA00001@incompatible.smartcar.com');
    if (vehicle === undefined) throw new Error('no vehicle');
    const [outcome] = await provider.read(vehicle.ref, [{ endpointId: 'getOdometer' }]);
    expect(outcome).toMatchObject({ ok: false, error: { type: 'COMPATIBILITY', code: 'VEHICLE_NOT_CAPABLE' } });
  });
});

describe('simulated mode', () => {
  it('takes any credentials (special emails included) and draws vehicles from the email', async () => {
    const vehicles = await vehiclesOf('NIO', 'simulated', 'smartcar@invalid-subscription.com', '');
    expect(vehicles.length).toBeGreaterThanOrEqual(1);
    expect(vehicles.every((vehicle) => vehicle.ref.mode === 'simulated' && vehicle.ref.make === 'NIO')).toBe(true);
    expect((await vehiclesOf('NIO', 'simulated', '5-vehicles@smartcar.com')).length).toBeLessThanOrEqual(3);
  });
});

describe('live mode on the embedded fleet', () => {
  it('signs the documented demo owners in with the demo password only', async () => {
    const accounts = demoAccounts(132);
    expect(accounts).toHaveLength(44);
    expect(accounts[0]).toEqual({ email: 'acura.owner1@demo.carport.example', make: 'ACURA', fleetIndexes: [0, 44, 88] });
    expect(await provider.signIn('ACURA', 'live', { username: 'acura.owner1@demo.carport.example', password: 'wrong' })).toEqual({ ok: false, reason: 'invalid_credentials' });
    expect(await provider.signIn('TESLA', 'live', { username: 'acura.owner1@demo.carport.example', password: DEMO_PASSWORD })).toEqual({ ok: false, reason: 'invalid_credentials' });
    expect(await provider.signIn('ACURA', 'live', { username: 'nobody@example.com', password: DEMO_PASSWORD })).toEqual({ ok: false, reason: 'invalid_credentials' });
    const result = await provider.signIn('TESLA', 'live', { username: 'tesla.owner1@demo.carport.example', password: DEMO_PASSWORD });
    expect(result).toEqual({ ok: true, account: { make: 'TESLA', mode: 'live', providerAccountId: 'live:tesla.owner1@demo.carport.example', email: 'tesla.owner1@demo.carport.example' } });
    const vehicles = await provider.listVehicles((result as { account: ProviderAccount }).account);
    expect(vehicles).toHaveLength(3);
    expect(vehicles.every((vehicle) => vehicle.ref.make === 'TESLA' && vehicle.ref.mode === 'live' && isValidVin(vehicle.vin))).toBe(true);
  });

  it('knows only the embedded fleet’s vehicles in live mode', async () => {
    const [testVehicle] = await vehiclesOf('TESLA', 'test', 'someone@example.com');
    if (testVehicle === undefined) throw new Error('no vehicle');
    expect(await provider.getVehicle({ ...testVehicle.ref, mode: 'live' })).toBeNull();
  });
});
