/**
 * @module Commands and reads of the simulated provider where a real vehicle refuses: locking while
 * driving, charging unplugged or full, charging-only reads while not charging, GM's 50 % rule,
 * sleep and wake, and every injectable fault.
 */
import { describe, expect, it } from 'vitest';
import { keyOf } from '../../src/providers/simulated/index.js';
import { VehicleError, type CommandRequest, type VehicleRef } from '../../src/providers/vehicle-provider.js';
import type { EndpointId } from '../../src/catalog/endpoints/index.js';
import { Random, SLEEP_AFTER_MS, modelsOf, newVehicleSpec, type VehicleReading } from '../../src/simulator/index.js';
import { declaredCapabilities, momentWhere, simulatedProvider, vehiclesOfMake } from './simulated-subject.js';
import type { ConformanceVehicle } from './conformance.js';

function vehicle(make: string, model: string): ConformanceVehicle {
  const found = vehiclesOfMake(make).find((candidate) => candidate.label.startsWith(`${model} `));
  if (found === undefined) throw new Error(`no ${make} ${model}`);
  return found;
}

const tesla = vehicle('TESLA', 'Model 3');
const bolt = vehicle('CHEVROLET', 'Bolt EV');
const nio = vehicle('NIO', 'ET7');

/** A provider whose real (= simulated) clock the test moves, recording every latency it waits. */
async function at(time: number) {
  let now = time;
  const waits: number[] = [];
  const provider = await simulatedProvider({
    now: () => new Date(now),
    latency: { commandMs: 40, wakeMs: 400 },
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
  return {
    provider,
    waits,
    move: (ms: number) => (now += ms),
    read: async (ref: VehicleRef, endpointId: EndpointId, query?: Record<string, unknown>) => {
      const [outcome] = await provider.read(ref, [{ endpointId, ...(query === undefined ? {} : { query }) }]);
      if (outcome === undefined) throw new Error('no outcome');
      return outcome;
    },
    refusal: async (ref: VehicleRef, command: CommandRequest) =>
      provider.execute(ref, command).then(
        () => undefined,
        (error: unknown) => (error instanceof VehicleError ? `${error.type}:${error.code}` : error),
      ),
    record: async (ref: VehicleRef, action: Parameters<Awaited<ReturnType<typeof provider.runtime>>['fleet']['record']>[2]) => {
      const runtime = await provider.runtime();
      await provider.getVehicle(ref);
      await runtime.sync(keyOf(ref));
      await runtime.fleet.record(keyOf(ref), runtime.clock.now(), action);
    },
  };
}

function moment(target: ConformanceVehicle, wanted: (reading: VehicleReading) => boolean, stepMs?: number): number {
  const time = momentWhere(target, wanted, stepMs);
  if (time === undefined) throw new Error(`no moment for ${target.label}`);
  return time;
}

const errorOf = (outcome: { ok: boolean; error?: VehicleError }): string | undefined => (outcome.error === undefined ? undefined : `${outcome.error.type}:${outcome.error.code}`);

describe('simulated commands that a real vehicle refuses', () => {
  it('refuses to lock or unlock while driving (IN_MOTION), and locks once parked', async () => {
    const driving = moment(tesla, (reading) => reading.driving, 5 * 60_000);
    const harness = await at(driving);
    expect(await harness.refusal(tesla.ref, { endpointId: 'lockUnlock', body: { action: 'LOCK' } })).toBe('VEHICLE_STATE:IN_MOTION');
    expect(await harness.refusal(tesla.ref, { endpointId: 'teslaControlTrunk', body: { action: 'OPEN' } })).toBe('VEHICLE_STATE:IN_MOTION');
    const speed = await harness.read(tesla.ref, 'teslaGetSpeedometer');
    expect(speed.ok && (speed.body as { speed: number }).speed).toBeGreaterThan(0);
    harness.move(moment(tesla, (reading) => !reading.driving && reading.time > driving, 5 * 60_000) - driving);
    expect(await harness.refusal(tesla.ref, { endpointId: 'lockUnlock', body: { action: 'UNLOCK' } })).toBeUndefined();
    expect(await harness.read(tesla.ref, 'getLockStatus')).toMatchObject({ ok: true, body: { isLocked: false } });
  });

  it('refuses to start charging unplugged and reads the voltage only plugged in (CHARGING_PLUG_NOT_CONNECTED)', async () => {
    const harness = await at(moment(tesla, (reading) => !reading.driving && !reading.charge().isPluggedIn));
    expect(await harness.refusal(tesla.ref, { endpointId: 'controlCharge', body: { action: 'START' } })).toBe('VEHICLE_STATE:CHARGING_PLUG_NOT_CONNECTED');
    expect(errorOf(await harness.read(tesla.ref, 'teslaGetChargeVoltmeter'))).toBe('VEHICLE_STATE:CHARGING_PLUG_NOT_CONNECTED');
    expect(await harness.refusal(tesla.ref, { endpointId: 'teslaSetChargeAmmeter', body: { amperage: 16 } })).toBe('VEHICLE_STATE:CHARGING_PLUG_NOT_CONNECTED');
  });

  it('answers completion, wattage and amperage only while charging (NOT_CHARGING), then from the charge it starts', async () => {
    const harness = await at(moment(tesla, (reading) => !reading.driving && !reading.charge().isPluggedIn && reading.stateOfCharge < 0.85));
    for (const endpointId of ['teslaGetChargeCompletionTime', 'teslaGetChargeWattmeter', 'teslaGetChargeAmmeter'] as const) {
      expect(errorOf(await harness.read(tesla.ref, endpointId)), endpointId).toBe('VEHICLE_STATE:NOT_CHARGING');
    }
    await harness.record(tesla.ref, { kind: 'charge_limit', limit: 1 });
    await harness.record(tesla.ref, { kind: 'plug', charger: 'AC', powerKw: 11 });
    expect(await harness.read(tesla.ref, 'getChargeStatus')).toMatchObject({ ok: true, body: { isPluggedIn: true, state: 'CHARGING' } });
    expect(await harness.read(tesla.ref, 'teslaGetChargeWattmeter')).toMatchObject({ ok: true, body: { wattage: 11 } });
    expect(await harness.read(tesla.ref, 'teslaGetChargeVoltmeter')).toMatchObject({ ok: true, body: { voltage: 240 } });
    const amperage = await harness.read(tesla.ref, 'teslaGetChargeAmmeter');
    expect(amperage.ok && (amperage.body as { amperage: number }).amperage).toBeCloseTo(45.8, 1);
    expect((await harness.read(tesla.ref, 'teslaGetChargeCompletionTime')).ok).toBe(true);
    expect(await harness.refusal(tesla.ref, { endpointId: 'controlCharge', body: { action: 'STOP' } })).toBeUndefined();
    expect(await harness.read(tesla.ref, 'getChargeStatus')).toMatchObject({ ok: true, body: { isPluggedIn: true, state: 'NOT_CHARGING' } });
    expect(errorOf(await harness.read(tesla.ref, 'teslaGetChargeWattmeter'))).toBe('VEHICLE_STATE:NOT_CHARGING');
  });

  it('sets a Tesla’s amperage to what the charger and the vehicle support at most, and reports the value set', async () => {
    const harness = await at(moment(tesla, (reading) => !reading.driving && !reading.charge().isPluggedIn && reading.stateOfCharge < 0.85));
    await harness.record(tesla.ref, { kind: 'charge_limit', limit: 1 });
    // 11 kW at 240 V, one phase: the charger supplies 45.8 A, below the vehicle's own maximum.
    await harness.record(tesla.ref, { kind: 'plug', charger: 'AC', powerKw: 11 });
    const before = await harness.read(tesla.ref, 'teslaGetChargeStatus');
    expect(before).toMatchObject({ ok: true, body: { amperageMaxCharger: 46, amperageMaxVehicle: 48 } });
    expect(await harness.provider.execute(tesla.ref, { endpointId: 'teslaSetChargeAmmeter', body: { amperage: 48 } })).toEqual({
      message: 'Successfully sent the following amperage: 46',
      status: 'success',
    });
    expect(await harness.read(tesla.ref, 'teslaGetChargeStatus')).toMatchObject({ ok: true, body: { amperageRequested: 46, amperageMaxCharger: 46, amperageMaxVehicle: 48 } });
    expect(await harness.provider.execute(tesla.ref, { endpointId: 'teslaSetChargeAmmeter', body: { amperage: 16 } })).toEqual({
      message: 'Successfully sent the following amperage: 16',
      status: 'success',
    });
    expect(await harness.read(tesla.ref, 'teslaGetChargeStatus')).toMatchObject({ ok: true, body: { amperageRequested: 16 } });
  });

  it('refuses to start charging at the limit (FULLY_CHARGED), and starts again once the limit is raised', async () => {
    const harness = await at(moment(tesla, (reading) => reading.charge().state === 'FULLY_CHARGED' && reading.charge().limit < 1));
    expect(await harness.refusal(tesla.ref, { endpointId: 'controlCharge', body: { action: 'START' } })).toBe('VEHICLE_STATE:FULLY_CHARGED');
    expect(await harness.refusal(tesla.ref, { endpointId: 'setChargeLimit', body: { limit: '1.0' } })).toBeUndefined();
    expect(await harness.read(tesla.ref, 'getChargeLimit')).toMatchObject({ ok: true, body: { limit: 1 } });
    expect(await harness.read(tesla.ref, 'getChargeStatus')).toMatchObject({ ok: true, body: { state: 'CHARGING' } });
  });

  it('refuses GM charge commands below 50 % state of charge (LOW_BATTERY) and accepts them above', async () => {
    // An owner who lets the battery run low before plugging in: the first such Bolt of a deterministic search.
    const lowMoment = (candidate: ConformanceVehicle): number | undefined => momentWhere(candidate, (reading) => !reading.driving && reading.stateOfCharge < 0.5, 15 * 60_000);
    const lowBolt = gmCandidates().find((candidate) => lowMoment(candidate) !== undefined);
    if (lowBolt === undefined) throw new Error('no Bolt ever runs below 50 %');
    const low = await at(lowMoment(lowBolt) ?? 0);
    await low.record(lowBolt.ref, { kind: 'plug', charger: 'AC' });
    await low.record(lowBolt.ref, { kind: 'charge', action: 'STOP' });
    expect(await low.refusal(lowBolt.ref, { endpointId: 'controlCharge', body: { action: 'START' } })).toBe('VEHICLE_STATE:LOW_BATTERY');
    expect(await low.refusal(lowBolt.ref, { endpointId: 'controlCharge', body: { action: 'STOP' } })).toBe('VEHICLE_STATE:LOW_BATTERY');
    const high = await at(moment(bolt, (reading) => !reading.driving && reading.stateOfCharge >= 0.5 && reading.stateOfCharge < 0.95));
    await high.record(bolt.ref, { kind: 'plug', charger: 'AC' });
    await high.record(bolt.ref, { kind: 'charge_limit', limit: 1 });
    await high.record(bolt.ref, { kind: 'charge', action: 'STOP' });
    expect(await high.refusal(bolt.ref, { endpointId: 'controlCharge', body: { action: 'START' } })).toBeUndefined();
    expect(await high.read(bolt.ref, 'gmGetChargeCompletionTime')).toMatchObject({ ok: true });
  });

  it('answers a sleeping vehicle’s reads with its last data and older time, and wakes it for commands, slower', async () => {
    const asleep = moment(tesla, (reading) => reading.asleep && reading.time < reading.state.time + 1 && !reading.driving);
    const harness = await at(asleep);
    const [odometer, battery] = await harness.provider.read(tesla.ref, [{ endpointId: 'getOdometer' }, { endpointId: 'getBatteryLevel' }]);
    if (odometer?.ok !== true || battery?.ok !== true) throw new Error('reads failed');
    expect(odometer.recordedAt.getTime()).toBeLessThanOrEqual(asleep - SLEEP_AFTER_MS);
    expect(battery.recordedAt).toEqual(odometer.recordedAt);
    expect(await harness.refusal(tesla.ref, { endpointId: 'teslaSetDefroster', body: { action: 'START' } })).toBeUndefined();
    expect(harness.waits).toEqual([400]);
    const awake = await harness.read(tesla.ref, 'teslaGetVehicleStatus');
    expect(awake).toMatchObject({ ok: true, body: { status: 'ONLINE' } });
    expect(awake.ok && awake.recordedAt.getTime()).toBe(asleep);
    expect(await harness.refusal(tesla.ref, { endpointId: 'teslaSetDefroster', body: { action: 'STOP' } })).toBeUndefined();
    expect(harness.waits).toEqual([400, 40]);
  });
});

describe('simulated faults', () => {
  const parked = (target: ConformanceVehicle): number => moment(target, (reading) => !reading.driving);

  it('makes an unreachable vehicle fail reads and commands with UNREACHABLE until cleared', async () => {
    const harness = await at(parked(tesla));
    await harness.record(tesla.ref, { kind: 'fault', fault: { kind: 'unreachable', until: null } });
    expect(errorOf(await harness.read(tesla.ref, 'getOdometer'))).toBe('VEHICLE_STATE:UNREACHABLE');
    expect(await harness.refusal(tesla.ref, { endpointId: 'lockUnlock', body: { action: 'LOCK' } })).toBe('VEHICLE_STATE:UNREACHABLE');
    await harness.record(tesla.ref, { kind: 'fault', fault: null });
    expect((await harness.read(tesla.ref, 'getOdometer')).ok).toBe(true);
  });

  it('keeps a vehicle asleep: reads give the data of when the fault began, commands fail ASLEEP', async () => {
    const time = parked(tesla);
    const harness = await at(time);
    await harness.record(tesla.ref, { kind: 'fault', fault: { kind: 'asleep', until: null } });
    harness.move(6 * 3_600_000);
    const outcome = await harness.read(tesla.ref, 'getOdometer');
    expect(outcome.ok && outcome.recordedAt.getTime()).toBeLessThanOrEqual(time);
    expect(await harness.refusal(tesla.ref, { endpointId: 'lockUnlock', body: { action: 'LOCK' } })).toBe('VEHICLE_STATE:ASLEEP');
  });

  it('fails with the injected UPSTREAM code, and the fault ends by itself at `until`', async () => {
    const time = parked(nio);
    const harness = await at(time);
    await harness.record(nio.ref, { kind: 'fault', fault: { kind: 'upstream', code: 'KNOWN_ISSUE', until: time + 60_000 } });
    expect(errorOf(await harness.read(nio.ref, 'nioGetBattery'))).toBe('UPSTREAM:KNOWN_ISSUE');
    expect(await harness.refusal(nio.ref, { endpointId: 'controlCharge', body: { action: 'START' } })).toBe('UPSTREAM:KNOWN_ISSUE');
    harness.move(60_000);
    expect((await harness.read(nio.ref, 'nioGetBattery')).ok).toBe(true);
  });

  it('slows answers by the injected delay', async () => {
    const harness = await at(parked(tesla));
    await harness.record(tesla.ref, { kind: 'fault', fault: { kind: 'slow', delayMs: 2_500, until: null } });
    expect((await harness.read(tesla.ref, 'getOdometer')).ok).toBe(true);
    expect(harness.waits).toEqual([2_500]);
  });

  it('rate-limits like a manufacturer: the allowance, then UPSTREAM:RATE_LIMIT with a retry time', async () => {
    const harness = await at(parked(tesla));
    await harness.record(tesla.ref, { kind: 'fault', fault: { kind: 'rate_limit', requestsPerMinute: 2, until: null } });
    expect((await harness.read(tesla.ref, 'getOdometer')).ok).toBe(true);
    expect((await harness.read(tesla.ref, 'getOdometer')).ok).toBe(true);
    const refused = await harness.read(tesla.ref, 'getOdometer');
    expect(errorOf(refused)).toBe('UPSTREAM:RATE_LIMIT');
    expect(refused.ok ? undefined : refused.error.retryAfterSeconds).toBe(60);
    harness.move(60_000);
    expect((await harness.read(tesla.ref, 'getOdometer')).ok).toBe(true);
  });
});

describe('simulated vehicles the provider does not know', () => {
  it('answers null and VEHICLE_MISSING', async () => {
    const harness = await at(parked(tesla));
    const ref: VehicleRef = { make: 'TESLA', mode: 'live', providerVehicleId: tesla.ref.providerVehicleId };
    expect(await harness.provider.getVehicle(ref)).toBeNull();
    expect(errorOf(await harness.read(ref, 'getOdometer'))).toBe('CONNECTED_SERVICES_ACCOUNT:VEHICLE_MISSING');
    expect(await harness.provider.getVehicle({ make: 'TESLA', mode: 'test', providerVehicleId: 'not-a-vin' })).toBeNull();
  });
});

/** Bolts with different VINs, so different owners and habits. */
function gmCandidates(): ConformanceVehicle[] {
  const model = modelsOf('CHEVROLET').find((candidate) => candidate.name === 'Bolt EV');
  if (model === undefined) throw new Error('no Bolt');
  return Array.from({ length: 40 }, (_unused, index) => {
    const spec = newVehicleSpec('', model, new Random(index), index);
    const ref = { make: 'CHEVROLET', mode: 'simulated', providerVehicleId: spec.vin } as const;
    return { label: spec.vin, ref, capabilities: declaredCapabilities(ref) };
  });
}

function parked(target: ConformanceVehicle): number {
  return moment(target, (reading) => !reading.driving);
}
