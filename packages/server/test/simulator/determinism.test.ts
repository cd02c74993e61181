/**
 * @module Determinism: the same seed gives the same states and events whatever the order or
 * granularity of reads (state is computed lazily, never ticked), and two processes computing the
 * same event give it the same id.
 */
import { describe, expect, it } from 'vitest';
import {
  EventScheduler, HOUR_MS, InMemoryInterventionLog, MINUTE_MS, SimulatedFleet, eventIdOf, eventsBetween, fleetVehicleSpec, type SimulatorEvent,
} from '../../src/simulator/index.js';

const start = Date.parse('2026-05-04T00:00:00.000Z');
const VEHICLES = 120;

function fleetOf(seed: string): { fleet: SimulatedFleet; keys: string[] } {
  const fleet = new SimulatedFleet({ seed, simulationStart: start, log: new InMemoryInterventionLog() });
  const keys = Array.from({ length: VEHICLES }, (_unused, index) => fleet.register(fleetVehicleSpec(fleet.seed, index, (make, vin) => `live/${make}/${vin}`)).key);
  return { fleet, keys };
}

/** The observable state of a vehicle at an instant, as plain data. */
function observe(fleet: SimulatedFleet, key: string, time: number): unknown {
  const reading = fleet.read(key, time);
  return {
    time: reading.time, asleep: reading.asleep, odometerKm: reading.odometerKm, stateOfCharge: reading.stateOfCharge, fuel: reading.fuelFraction,
    position: reading.position(), charge: reading.charge(), openings: reading.openings(), tires: reading.tiresKpa(), oil: reading.oilLife(),
    dtcs: reading.activeDtcs(), cabin: reading.cabinC(),
  };
}

describe('determinism', () => {
  it('gives the same state for the same seed, whatever the order and spacing of reads', () => {
    const forward = fleetOf('same');
    const sparse = fleetOf('same');
    const instants = Array.from({ length: 40 }, (_unused, index) => start + 6 * HOUR_MS + index * 97 * MINUTE_MS);
    const first = forward.keys.map((key) => instants.map((time) => observe(forward.fleet, key, time)));
    // The other fleet reads backwards, skipping around: each answer must still match.
    const second = sparse.keys.map((key) => [...instants].reverse().map((time) => observe(sparse.fleet, key, time)).reverse());
    expect(second).toEqual(first);
  });

  it('gives different vehicles for different seeds', () => {
    const a = fleetOf('one');
    const b = fleetOf('two');
    expect(a.keys).not.toEqual(b.keys);
  });

  it('produces the same events with the same ids, in one pass or in steps, in any process', () => {
    const one = fleetOf('events');
    const two = fleetOf('events');
    const from = start + 12 * HOUR_MS;
    const until = from + 48 * HOUR_MS;
    const whole = one.keys.flatMap((key) => eventsBetween(one.fleet, key, from, until));
    const stepped: SimulatorEvent[] = [];
    const scheduler = new EventScheduler({ fleet: two.fleet, emit: (event) => stepped.push(event), horizonMs: 2 * HOUR_MS });
    for (const key of two.keys) scheduler.watch(key, from);
    for (let time = from; time <= until; time += 17 * MINUTE_MS) scheduler.runUntil(time);
    scheduler.runUntil(until);
    const byVehicleThenTime = (a: SimulatorEvent, b: SimulatorEvent): number => a.vehicleKey.localeCompare(b.vehicleKey) || a.occurredAt - b.occurredAt || a.eventId.localeCompare(b.eventId);
    expect(whole.length).toBeGreaterThan(VEHICLES / 2);
    expect([...stepped].sort(byVehicleThenTime)).toEqual([...whole].sort(byVehicleThenTime));
    expect(new Set(whole.map((event) => event.eventId)).size).toBe(whole.length);
    for (const event of whole) expect(event.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('emits each vehicle’s events in time order, at their simulated times', () => {
    const { fleet, keys } = fleetOf('order');
    const emitted: SimulatorEvent[] = [];
    const scheduler = new EventScheduler({ fleet, emit: (event) => emitted.push(event) });
    const from = start + 12 * HOUR_MS;
    for (const key of keys) scheduler.watch(key, from);
    let now = from;
    for (; now <= from + 24 * HOUR_MS; now += 5 * MINUTE_MS) {
      const before = emitted.length;
      scheduler.runUntil(now);
      for (const event of emitted.slice(before)) expect(event.occurredAt).toBeLessThanOrEqual(now);
    }
    for (const key of keys) {
      const times = emitted.filter((event) => event.vehicleKey === key).map((event) => event.occurredAt);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    expect(scheduler.nextDue()).toBeGreaterThan(now - 5 * MINUTE_MS);
  });

  it('derives event ids from the event alone', () => {
    expect(eventIdOf('live/TESLA/X', 'CHARGING_STARTED', 1, '')).toBe(eventIdOf('live/TESLA/X', 'CHARGING_STARTED', 1, ''));
    expect(eventIdOf('live/TESLA/X', 'CHARGING_STARTED', 1, '')).not.toBe(eventIdOf('live/TESLA/X', 'CHARGING_STARTED', 2, ''));
  });
});
