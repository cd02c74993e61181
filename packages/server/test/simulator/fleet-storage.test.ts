/**
 * @module The fleet's compact storage: profiles and working states kept as rows of numbers read
 * back exactly as they were (every field, nulls and infinities included), and watched vehicles on
 * the timing wheel leaving it when an event handler stops watching them.
 */
import { describe, expect, it } from 'vitest';
import {
  EventScheduler, HOUR_MS, InMemoryInterventionLog, MINUTE_MS, SimulatedFleet, fleetVehicleSpec, modelsOf, newVehicleSpec, Random, testVehicleDesign,
  type SimulatorEvent, type VehicleState,
} from '../../src/simulator/index.js';
import { createProfile } from '../../src/simulator/profile.js';
import { StateTable } from '../../src/simulator/state-table.js';

const start = Date.parse('2026-05-04T00:00:00.000Z');

function fleetOf(count: number): { fleet: SimulatedFleet; keys: string[] } {
  const fleet = new SimulatedFleet({ seed: 'storage', simulationStart: start, log: new InMemoryInterventionLog() });
  const keys = Array.from({ length: count }, (_unused, index) => fleet.register(fleetVehicleSpec(fleet.seed, index, (make, vin) => `live/${make}/${vin}`)).key);
  return { fleet, keys };
}

describe('fleet storage', () => {
  it('gives back each profile exactly as drawn, a parked vehicle and a test-mode model of its own included', () => {
    const { fleet, keys } = fleetOf(300);
    const design = testVehicleDesign('BMW');
    const ariya = modelsOf('NISSAN').find((model) => model.name === 'Ariya');
    if (design === undefined || ariya === undefined) throw new Error('catalog lacks the models this test uses');
    const parked = { ...newVehicleSpec('test/NISSAN/parked', ariya, new Random(7), 7), routine: 'parked' as const };
    const ownModel = newVehicleSpec('test/BMW/design', design.model, new Random(8), 8);
    fleet.register(parked);
    fleet.register(ownModel, design.capabilities);
    for (const spec of [...keys.map((key) => fleetVehicleSpec(fleet.seed, keys.indexOf(key), (make, vin) => `live/${make}/${vin}`)), parked, ownModel]) {
      expect(fleet.profile(spec.key)).toStrictEqual(createProfile(fleet.seed, spec, start));
    }
    expect(fleet.capabilities(ownModel.key)).toBe(design.capabilities);
    expect(fleet.numberOf(parked.key)).toBe(300);
    expect(fleet.keyOf(301)).toBe(ownModel.key);
  });

  it('gives back each working state exactly as stored, whatever its nulls, infinities, settings, overrides and fault', () => {
    const { fleet, keys } = fleetOf(60);
    const table = new StateTable();
    const states: VehicleState[] = keys.flatMap((key) => [10, 19, 31, 44].map((hours) => fleet.stateAt(key, start + hours * HOUR_MS)));
    const first = states[0];
    if (first === undefined) throw new Error('no states');
    const unusual: VehicleState[] = [
      { ...first, plug: { kind: 'DC', chargerKw: 150, isPublic: true, since: start, holdUntil: start + HOUR_MS, allowedUntil: Number.POSITIVE_INFINITY, request: 'start', limitOverride: 1 } },
      { ...first, completedAt: start + 2 * HOUR_MS, sessionEnd: null, serviceDueAt: start + 9 * HOUR_MS, sessionKind: 'DC', sessionPublic: true, climateOn: true, defrosterOn: true },
      { ...first, lastInterventionId: 'an-intervention', lockOverride: { value: false, at: start }, rearStorageOverride: { value: true, at: start + 1 } },
      { ...first, settings: { ...first.settings, chargeSchedule: { kind: 'startTime', minutes: 90 }, chargeScheduleRaw: { raw: true }, pin: '1234' } },
      { ...first, fault: { kind: 'door_open', until: null }, steeringHeaterOn: true, odometerKm: -0 },
    ];
    for (const [row, state] of [...states, ...unusual].entries()) {
      const key = keys[row % keys.length] ?? '';
      const profile = fleet.profile(key);
      if (profile === undefined) throw new Error(`no profile for ${key}`);
      table.write(row, state, profile, start + row);
      expect(table.read(row, profile)).toStrictEqual(state);
      expect(table.nextEventAt(row)).toBe(start + row);
    }
    expect(table.has(states.length + unusual.length)).toBe(false);
  });

  it('stops emitting for a vehicle an event handler stops watching, and keeps the others going', () => {
    const { fleet, keys } = fleetOf(40);
    const from = start + 6 * HOUR_MS;
    const reference: SimulatorEvent[] = [];
    const all = new EventScheduler({ fleet, emit: (event) => reference.push(event) });
    for (const key of keys) all.watch(key, from);
    all.runUntil(from + 48 * HOUR_MS);
    const firstVehicle = reference[0]?.vehicleKey ?? '';
    const emitted: SimulatorEvent[] = [];
    const stopping = new EventScheduler({
      fleet,
      emit: (event) => {
        emitted.push(event);
        if (event.vehicleKey === firstVehicle) stopping.unwatch(firstVehicle);
      },
    });
    for (const key of keys) stopping.watch(key, from);
    for (let time = from; time <= from + 48 * HOUR_MS; time += 30 * MINUTE_MS) stopping.runUntil(time);
    const expected = reference.filter((event) => event.vehicleKey !== firstVehicle || event === reference[0]);
    const byId = (left: SimulatorEvent, right: SimulatorEvent): number => left.eventId.localeCompare(right.eventId);
    expect([...emitted].sort(byId)).toEqual([...expected].sort(byId));
    expect(stopping.isWatching(firstVehicle)).toBe(false);
    expect(stopping.watchedCount).toBe(keys.length - 1);
    expect(() => {
      stopping.watch('live/NOBODY/1', from);
    }).toThrow('no simulated vehicle live/NOBODY/1');
  });
});
