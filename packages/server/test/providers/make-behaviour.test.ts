/**
 * @module Make-specific behaviour of the simulated provider, each from the seeds: Ford's start with a
 * schedule charging to 100 %, US Nissans' START-only charging, Stellantis' charge limit needing the
 * cable, the nominal-capacity endpoint's three cases, NIO's swaps, charge records and service history
 * (Volkswagen's in the US only).
 */
import { describe, expect, it } from 'vitest';
import { FleetOperator, keyOf } from '../../src/providers/simulated/index.js';
import type { EndpointId } from '../../src/catalog/endpoints/index.js';
import { VehicleError, type VehicleRef } from '../../src/providers/vehicle-provider.js';
import { DAY_MS, Random, modelsOf, newVehicleSpec, type VehicleReading } from '../../src/simulator/index.js';
import type { ConformanceVehicle } from './conformance.js';
import { declaredCapabilities, declaredVehicle, momentWhere, simulatedProvider, simulationStart } from './simulated-subject.js';

function vehicleOf(make: string, modelName: string, entropy = 1): ConformanceVehicle {
  const model = modelsOf(make).find((candidate) => candidate.name === modelName);
  if (model === undefined) throw new Error(`no ${make} ${modelName}`);
  const { vin } = newVehicleSpec('', model, new Random(entropy), entropy);
  const ref = { make, mode: 'simulated', providerVehicleId: vin } as const;
  return { label: vin, ref, capabilities: declaredCapabilities(ref) };
}

async function scene(target: ConformanceVehicle, wanted: (reading: VehicleReading) => boolean) {
  const time = momentWhere(target, wanted);
  if (time === undefined) throw new Error(`no scene for ${target.label}`);
  const provider = await simulatedProvider({ now: () => new Date(time) });
  await provider.getVehicle(target.ref);
  const runtime = await provider.runtime();
  await runtime.sync(keyOf(target.ref));
  return {
    provider,
    time,
    read: async (endpointId: EndpointId, query?: Record<string, unknown>) => {
      const [outcome] = await provider.read(target.ref, [{ endpointId, ...(query === undefined ? {} : { query }) }]);
      if (outcome === undefined) throw new Error('no outcome');
      if (!outcome.ok) throw outcome.error;
      return outcome.body;
    },
    record: (action: Parameters<typeof runtime.fleet.record>[2]) => runtime.fleet.record(keyOf(target.ref), runtime.clock.now(), action),
  };
}

const failure = (promise: Promise<unknown>) => promise.then(() => 'succeeded', (error: unknown) => (error instanceof VehicleError ? `${error.type}:${error.code}` : error));
const parkedBelow = (share: number) => (reading: VehicleReading): boolean => !reading.driving && reading.stateOfCharge < share;

describe('make-specific behaviour', () => {
  it('Ford: a start at a location with a schedule charges to 100 %, and the charge limit then reads 1', async () => {
    const atHomeUnplugged = (reading: VehicleReading): boolean => parkedBelow(0.95)(reading) && reading.state.parkedAtHome && !reading.charge().isPluggedIn;
    const mache = Array.from({ length: 20 }, (_unused, index) => vehicleOf('FORD', 'Mustang Mach-E', index)).find((candidate) => momentWhere(candidate, atHomeUnplugged) !== undefined);
    if (mache === undefined) throw new Error('no Mach-E ever parks at home unplugged');
    const { provider, read } = await scene(mache, atHomeUnplugged);
    const [location] = (await read('fordGetChargeScheduleByLocation') as { chargingLocations: { location: Record<string, number> }[] }).chargingLocations;
    await provider.execute(mache.ref, {
      endpointId: 'fordSetChargeScheduleByLocation',
      query: location?.location ?? {},
      body: { chargingLocation: { chargeLimit: 0.8, chargingWindows: { weekday: [{ start: '01:00', end: '05:00' }], weekend: [{ start: '01:00', end: '05:00' }] } } },
    });
    expect(await read('getChargeLimit')).toEqual({ limit: 0.8 });
    expect(await failure(provider.execute(mache.ref, { endpointId: 'fordSetChargeScheduleByLocation', query: { latitude: 0, longitude: 0 }, body: { chargingLocation: { chargeLimit: 0.9, chargingWindows: { weekday: [], weekend: [] } } } }))).toBe('VEHICLE_STATE:UNKNOWN');
    await new FleetOperator(provider).plug({ vehicle: keyOf(mache.ref) });
    expect(await read('getChargeStatus')).toMatchObject({ isPluggedIn: true });
    await provider.execute(mache.ref, { endpointId: 'controlCharge', body: { action: 'START' } });
    expect(await read('getChargeStatus')).toEqual({ isPluggedIn: true, state: 'CHARGING' });
    expect(await read('getChargeLimit')).toEqual({ limit: 1 });
  });

  it('Nissan: US vehicles accept only START charge commands, European ones STOP too', async () => {
    const seen = new Set<string>();
    for (let index = 0; index < 30 && seen.size < 2; index++) {
      const leaf = vehicleOf('NISSAN', 'Leaf', index);
      const { provider, record } = await scene(leaf, parkedBelow(0.95));
      const region = (await provider.runtime()).fleet.profile(keyOf(leaf.ref))?.region ?? '';
      if (seen.has(region)) continue;
      seen.add(region);
      await record({ kind: 'plug', charger: 'AC' });
      await record({ kind: 'charge_limit', limit: 1 });
      expect(await failure(provider.execute(leaf.ref, { endpointId: 'controlCharge', body: { action: 'START' } }))).toBe('succeeded');
      expect(await failure(provider.execute(leaf.ref, { endpointId: 'controlCharge', body: { action: 'STOP' } }))).toBe(region === 'US' ? 'COMPATIBILITY:VEHICLE_NOT_CAPABLE' : 'succeeded');
    }
    expect(seen).toEqual(new Set(['US', 'EUROPE']));
  });

  it('Stellantis (Europe): the charge limit reads only with the cable in', async () => {
    const e208 = vehicleOf('PEUGEOT', 'e-208');
    const { read, record } = await scene(e208, (reading) => !reading.driving && !reading.charge().isPluggedIn);
    expect(await failure(read('getChargeLimit'))).toBe('VEHICLE_STATE:CHARGING_PLUG_NOT_CONNECTED');
    await record({ kind: 'plug', charger: 'AC' });
    expect(await read('getChargeLimit')).toMatchObject({ limit: expect.any(Number) as number });
  });

  it('answers the nominal-capacity endpoint’s three cases from the seeds', async () => {
    const single = await scene(vehicleOf('CADILLAC', 'Lyriq'), () => true);
    expect(await single.read('getNominalCapacity')).toEqual({ availableCapacities: [{ capacity: 102, description: null }], capacity: { nominal: 102, source: 'SMARTCAR' }, url: null });
    const bodies = await Promise.all(
      Array.from({ length: 12 }, (_unused, index) => vehicleOf('TESLA', 'Model 3', index)).map(async (candidate) => (await scene(candidate, () => true)).read('getNominalCapacity')),
    );
    const cases = bodies as { availableCapacities: { capacity: number; description: string | null }[]; capacity: { source: string } | null; url: string | null }[];
    expect(cases.some((body) => body.capacity === null && body.url === 'http://localhost:8080/connect/battery-capacity')).toBe(true);
    expect(cases.some((body) => body.capacity?.source === 'USER_SELECTED' && body.url !== null)).toBe(true);
    expect(cases[0]?.availableCapacities).toEqual([
      { capacity: 57.5, description: 'BEV:Standard Range Plus' },
      { capacity: 78.1, description: 'BEV:Long Range' },
      { capacity: 82, description: 'BEV:Performance' },
    ]);
  });

  it('NIO: a battery swap changes usable capacity and state of charge at once', async () => {
    const et7 = vehicleOf('NIO', 'ET7');
    const { provider, read } = await scene(et7, (reading) => !reading.driving);
    const before = (await read('nioGetBattery')) as { usableCapacity: number };
    const other = before.usableCapacity === 70 ? 1 : 0;
    await new FleetOperator(provider).swap({ vehicle: et7.ref.providerVehicleId, mode: 'simulated' }, other, 0.96);
    expect(await read('nioGetBattery')).toEqual({ percentRemaining: 0.96, usableCapacity: other === 1 ? 90 : 70 });
    expect(await read('getBatteryLevel')).toMatchObject({ percentRemaining: 0.96 });
  });

  it('keeps charge records of the last 30 days and a growing service history', async () => {
    const i4 = vehicleOf('BMW', 'i4');
    const later = simulationStart + 12 * DAY_MS;
    const provider = await simulatedProvider({ now: () => new Date(later) });
    const ref: VehicleRef = i4.ref;
    const [records] = await provider.read(ref, [{ endpointId: 'getChargeRecords' }]);
    const camry = vehicleOf('TOYOTA', 'Camry', 4).ref;
    await provider.getVehicle(camry);
    const [history, odometerOutcome] = await provider.read(camry, [{ endpointId: 'getServiceHistory' }, { endpointId: 'getOdometer' }]);
    const list = (records?.ok === true ? records.body : { records: [] }) as { records: { chargeStart: string; chargeEnd: string; energy: number; chargingType: string }[] };
    expect(list.records.length).toBeGreaterThan(0);
    for (const record of list.records) {
      expect(Date.parse(record.chargeEnd)).toBeGreaterThan(Date.parse(record.chargeStart));
      expect(record.energy).toBeGreaterThan(0);
    }
    const odometer = (odometerOutcome as { body: { distance: number } }).body.distance;
    const visits = (history?.ok === true ? history.body : undefined) as { odometerDistance: number; serviceDate: string }[] | undefined;
    expect(visits?.length).toBeGreaterThan(0);
    for (const visit of visits ?? []) {
      expect(visit.odometerDistance).toBeLessThanOrEqual(odometer);
      expect(Date.parse(visit.serviceDate)).toBeLessThanOrEqual(later);
    }
    const filtered = await provider.read(ref, [{ endpointId: 'getChargeRecords', query: { startDate: '2020-01-01', endDate: '2020-01-31' } }]);
    expect(filtered[0]).toMatchObject({ ok: true, body: { records: [] } });
  });

  it('serves service history for Mazda everywhere and for Volkswagen in the US only, as the 2024 changelog says', async () => {
    const provider = await simulatedProvider({ now: () => new Date(simulationStart + DAY_MS) });
    /** The first `make` `model` vehicle (by entropy) the provider homes in `region`. */
    const homedIn = (make: string, model: string, region: string): VehicleRef => {
      for (let entropy = 1; entropy < 200; entropy += 1) {
        const { ref } = vehicleOf(make, model, entropy);
        if (declaredVehicle(ref).region === region) return ref;
      }
      throw new Error(`no ${make} ${model} in ${region}`);
    };
    const outcome = async (ref: VehicleRef): Promise<string> => {
      const [history] = await provider.read(ref, [{ endpointId: 'getServiceHistory' }]);
      if (history === undefined) return 'no answer';
      return history.ok ? 'ok' : `${history.error.type}:${history.error.code ?? 'null'}`;
    };
    expect(await outcome(homedIn('VOLKSWAGEN', 'ID.4', 'US'))).toBe('ok');
    expect(await outcome(homedIn('VOLKSWAGEN', 'ID.4', 'EUROPE'))).toBe('COMPATIBILITY:VEHICLE_NOT_CAPABLE');
    expect(await outcome(homedIn('MAZDA', 'CX-5', 'US'))).toBe('ok');
    expect(await outcome(homedIn('MAZDA', 'CX-5', 'EUROPE'))).toBe('ok');
    expect(await outcome(homedIn('CHEVROLET', 'Malibu', 'US'))).toBe('COMPATIBILITY:VEHICLE_NOT_CAPABLE');
  });
});
