/**
 * @module Behaviour over time: the Day Commute plan, routes with heading and speed, doors and locks
 * around trips, sleep, climate, tires with temperature and leaks, oil and service, trouble codes
 * and system statuses, charge schedules, battery swaps.
 */
import { describe, expect, it } from 'vitest';
import {
  DAY_MS, HOUR_MS, InMemoryInterventionLog, MINUTE_MS, SLEEP_AFTER_MS, SimulatedFleet, activeDtcs, distanceKm, electricConsumptionFactor,
  fleetVehicleSpec, fuelConsumptionFactor, localDayIndex, localDayStart, modelsOf, newVehicleSpec, planDay, Random, systemStatuses, weekdayOf,
  type VehicleModel, type VehicleProfile,
} from '../../src/simulator/index.js';

const start = Date.parse('2026-01-05T00:00:00.000Z'); // a Monday

function fleetWith(count: number, seed = 'behaviour'): { fleet: SimulatedFleet; profiles: VehicleProfile[] } {
  const fleet = new SimulatedFleet({ seed, simulationStart: start, log: new InMemoryInterventionLog() });
  const profiles = Array.from({ length: count }, (_unused, index) => fleet.register(fleetVehicleSpec(fleet.seed, index, (make, vin) => `live/${make}/${vin}`)));
  return { fleet, profiles };
}

const localMinutes = (profile: VehicleProfile, time: number): number => (time - localDayStart(localDayIndex(time, profile.city.utcOffsetMinutes), profile.city.utcOffsetMinutes)) / MINUTE_MS;

describe('the Day Commute plan', () => {
  const { profiles } = fleetWith(200);

  it('commutes home to work on weekday mornings and back in the evening, with jitter, and never drives at night', () => {
    let commutes = 0;
    for (const profile of profiles) {
      const first = localDayIndex(start, profile.city.utcOffsetMinutes) + 1;
      const departures: number[] = [];
      for (let day = first; day < first + 28; day++) {
        const plan = planDay(profile, day);
        for (const trip of plan.trips) {
          const minutes = localMinutes(profile, trip.departAt);
          expect(minutes).toBeGreaterThanOrEqual(6 * 60);
          expect(localMinutes(profile, trip.arriveAt)).toBeLessThanOrEqual(21 * 60);
          expect(trip.arriveAt).toBeGreaterThan(trip.departAt);
        }
        const weekend = weekdayOf(day) === 0 || weekdayOf(day) === 6;
        if (weekend) expect(plan.trips.some((trip) => trip.toKind === 'work')).toBe(false);
        if (!weekend && profile.habits.commutes) {
          const [toWork, toHome] = plan.trips;
          expect([toWork?.fromKind, toWork?.toKind, toHome?.fromKind, toHome?.toKind]).toEqual(['home', 'work', 'work', 'home']);
          expect(localMinutes(profile, toWork?.departAt ?? 0)).toBeLessThan(11 * 60);
          expect(localMinutes(profile, toHome?.departAt ?? 0)).toBeGreaterThan(15 * 60);
          departures.push(localMinutes(profile, toWork?.departAt ?? 0));
          commutes += 1;
        }
      }
      if (departures.length > 5) expect(new Set(departures.map(Math.round)).size).toBeGreaterThan(3);
    }
    expect(commutes).toBeGreaterThan(1_000);
  });

  it('runs errands at weekends and, sometimes, a road trip with a public energy stop', () => {
    const weekendTrips = profiles.flatMap((profile) => {
      const first = localDayIndex(start, profile.city.utcOffsetMinutes);
      return Array.from({ length: 56 }, (_unused, offset) => first + offset)
        .filter((day) => weekdayOf(day) === 0 || weekdayOf(day) === 6)
        .flatMap((day) => planDay(profile, day).trips.map((trip) => ({ profile, trip })));
    });
    expect(weekendTrips.some(({ trip }) => trip.toKind === 'errand')).toBe(true);
    const roadTrips = weekendTrips.filter(({ trip }) => trip.toKind === 'destination');
    expect(roadTrips.length).toBeGreaterThan(5);
    for (const { trip } of roadTrips) expect(trip.distanceKm).toBeGreaterThan(55);
    expect(roadTrips.some(({ profile, trip }) => profile.model.powertrain === 'BEV' && trip.publicStop === 'dc')).toBe(true);
  });
});

describe('a day of driving', () => {
  const { fleet, profiles } = fleetWith(60);
  const commuter = profiles.find((profile) => profile.habits.commutes && profile.model.powertrain === 'ICE');
  if (commuter === undefined) throw new Error('no commuter');
  const day = localDayIndex(start, commuter.city.utcOffsetMinutes) + 2;
  const [toWork] = planDay(commuter, day).trips;
  if (toWork === undefined) throw new Error('no trip');

  it('moves along the route with speed and compass heading, adding the distance to the odometer', () => {
    const before = fleet.read(commuter.key, toWork.departAt - MINUTE_MS);
    let previous = before.position().point;
    let odometer = before.odometerKm;
    for (let time = toWork.departAt + MINUTE_MS; time < toWork.arriveAt; time += MINUTE_MS) {
      const reading = fleet.read(commuter.key, time);
      expect(reading.driving).toBe(true);
      expect(reading.speedKmh).toBeGreaterThan(10);
      expect(reading.odometerKm).toBeGreaterThan(odometer);
      const { point, headingDegrees } = reading.position();
      expect(headingDegrees).toBeGreaterThanOrEqual(0);
      expect(headingDegrees).toBeLessThan(360);
      // Never further from the start than the distance driven: the position follows the road.
      expect(distanceKm(before.position().point, point)).toBeLessThanOrEqual((reading.odometerKm - before.odometerKm) * 1.001 + 1e-3);
      previous = point;
      odometer = reading.odometerKm;
    }
    const after = fleet.read(commuter.key, toWork.arriveAt + MINUTE_MS);
    expect(after.odometerKm - before.odometerKm).toBeCloseTo(toWork.distanceKm, 9);
    expect(distanceKm(after.position().point, commuter.work)).toBeLessThan(0.01);
    expect(distanceKm(previous, commuter.work)).toBeLessThan(2);
  });

  it('opens the driver’s door around trips, locks a minute after arriving, and sleeps after 15 idle minutes', () => {
    const door = (time: number) => fleet.read(commuter.key, time).openings();
    expect(door(toWork.departAt - 30_000).doors.frontLeft).toBe('OPEN');
    expect(door(toWork.departAt - 30_000).locked).toBe(false);
    expect(door(toWork.arriveAt + 30_000)).toMatchObject({ locked: false, doors: { frontLeft: 'OPEN' } });
    expect(door(toWork.arriveAt + 2 * MINUTE_MS)).toMatchObject({ locked: true, doors: { frontLeft: 'CLOSED' } });
    expect(fleet.read(commuter.key, toWork.arriveAt + SLEEP_AFTER_MS - 1).asleep).toBe(false);
    const asleep = fleet.read(commuter.key, toWork.arriveAt + 2 * HOUR_MS);
    expect(asleep.asleep).toBe(true);
    expect(asleep.time).toBe(toWork.arriveAt + SLEEP_AFTER_MS);
  });

  it('uses more energy per kilometre in the cold', () => {
    expect(electricConsumptionFactor(-10)).toBeCloseTo(1.36, 9);
    expect(electricConsumptionFactor(20)).toBe(1);
    expect(fuelConsumptionFactor(-10)).toBeCloseTo(1.18, 9);
    expect(electricConsumptionFactor(35)).toBeGreaterThan(1);
  });
});

describe('tires, oil, service and diagnostics', () => {
  const { fleet, profiles } = fleetWith(300);

  it('drifts tire pressure with temperature and leaks, and tops it up on a cycle', () => {
    const profile = profiles[0];
    if (profile === undefined) throw new Error('no vehicle');
    const reading = fleet.read(profile.key, start + 3 * DAY_MS);
    const placard = profile.model.tirePressureKpa;
    for (const kpa of reading.tiresKpa()) expect(kpa).toBeLessThan(placard * 1.1);
    const cycle = profile.tires.inflationCycleDays * DAY_MS;
    const pressureAt = (time: number) => fleet.read(profile.key, time).tiresKpa()[0] ?? 0;
    // Same instant of the inflation cycle one cycle apart, so only the temperature differs.
    const a = start + 10 * DAY_MS;
    expect(Math.sign(pressureAt(a) - pressureAt(a + cycle))).toBe(Math.sign(fleet.read(profile.key, a).exteriorC - fleet.read(profile.key, a + cycle).exteriorC));
  });

  it('wears oil with distance and restores it at a service visit that joins the history', () => {
    const engine = profiles.filter((profile) => profile.model.powertrain === 'ICE').find((profile) => profile.start.lastServiceOdometerKm < profile.start.odometerKm - 10_000);
    if (engine === undefined) throw new Error('no ICE close to a service');
    const history = fleet.history(engine.key, start + 120 * DAY_MS);
    const visit = history.find((transition) => transition.type === 'serviced');
    if (visit === undefined) throw new Error('no service visit in 120 days');
    expect(fleet.read(engine.key, visit.time - MINUTE_MS).oilLife()).toBeLessThan(0.08);
    expect(fleet.read(engine.key, visit.time + MINUTE_MS).oilLife()).toBeCloseTo(1, 3);
  });

  it('raises trouble codes that clear, and the system statuses they alert', () => {
    let seen = 0;
    for (const profile of profiles.slice(0, 100)) {
      for (let time = start; time < start + 28 * DAY_MS; time += 6 * HOUR_MS) {
        for (const dtc of activeDtcs(profile, time)) {
          seen += 1;
          expect(dtc.activeUntil).toBeGreaterThan(time);
          expect(activeDtcs(profile, dtc.activeUntil).some((other) => other.activeFrom === dtc.activeFrom)).toBe(false);
          expect(systemStatuses(profile, time).find((status) => status.systemId === dtc.system)).toMatchObject({ status: 'ALERT' });
        }
      }
    }
    expect(seen).toBeGreaterThan(10);
  });
});

describe('charging policies and interventions', () => {
  const ariya = ((): VehicleModel => {
    const found = modelsOf('NISSAN').find((candidate) => candidate.name === 'Ariya');
    if (found === undefined) throw new Error('no Ariya');
    return found;
  })();

  /** A Nissan just back home on its second day, its battery below full. */
  function justHome(seed: string) {
    const fleet = new SimulatedFleet({ seed, simulationStart: start, log: new InMemoryInterventionLog() });
    const profile = fleet.register(newVehicleSpec('simulated/NISSAN/x', ariya, new Random(3), 3));
    const day = localDayIndex(start, profile.city.utcOffsetMinutes) + 1;
    const home = planDay(profile, day).trips.filter((trip) => trip.toKind === 'home').at(-1);
    if (home === undefined) throw new Error('no trip home');
    return { fleet, profile, noon: home.arriveAt + MINUTE_MS, key: profile.key };
  }

  it('waits for a schedule window before charging at home, and charges at once when told to START', async () => {
    const { fleet, profile, noon, key } = justHome('schedule');
    const windowStart = (localMinutes(profile, noon) + 120) % 1440;
    await fleet.record(key, noon, { kind: 'charge_limit', limit: 1 });
    await fleet.record(key, noon, { kind: 'charge_schedule', policy: { kind: 'windows', windows: [{ days: [0, 1, 2, 3, 4, 5, 6], startMinutes: windowStart, endMinutes: (windowStart + 60) % 1440 }] }, raw: null });
    await fleet.record(key, noon, { kind: 'unplug' });
    await fleet.record(key, noon + MINUTE_MS, { kind: 'plug', charger: 'AC' });
    expect(fleet.read(key, noon + 30 * MINUTE_MS).charge()).toMatchObject({ isPluggedIn: true, state: 'NOT_CHARGING' });
    expect(fleet.read(key, noon + 130 * MINUTE_MS).charge().state).toBe('CHARGING');
    expect(fleet.read(key, noon + 190 * MINUTE_MS).charge().state).not.toBe('CHARGING');
    await fleet.record(key, noon + 200 * MINUTE_MS, { kind: 'charge', action: 'START' });
    expect(fleet.read(key, noon + 201 * MINUTE_MS).charge().state).toBe('CHARGING');
  });

  it('swaps a NIO battery: capacity and state of charge change at once, energy accounted', async () => {
    const nio = modelsOf('NIO')[2];
    if (nio === undefined) throw new Error('no ET7');
    const fleet = new SimulatedFleet({ seed: 'swap', simulationStart: start, log: new InMemoryInterventionLog() });
    const profile = fleet.register({ ...newVehicleSpec('simulated/NIO/x', nio, new Random(1), 1), batteryVariant: 0 });
    const time = start + 36 * HOUR_MS;
    const before = fleet.stateAt(profile.key, time);
    expect(before.capacityKwh).toBe(70);
    await fleet.record(profile.key, time + 1, { kind: 'battery_swap', batteryVariant: 1, stateOfCharge: 0.95 });
    const after = fleet.stateAt(profile.key, time + 2);
    expect(after.capacityKwh).toBe(90);
    expect(after.energyKwh).toBeCloseTo(85.5, 9);
    expect(after.swappedKwh - before.swappedKwh).toBeCloseTo(85.5 - before.energyKwh, 9);
    // Over a few months NIO owners also swap at stations on road trips.
    const swaps = fleetWith(800, 'nio-swaps').profiles.filter((candidate) => candidate.make === 'NIO');
    const { fleet: swapFleet } = fleetWith(800, 'nio-swaps');
    expect(swaps.some((candidate) => swapFleet.history(candidate.key, start + 90 * DAY_MS).some((transition) => transition.type === 'battery_swapped'))).toBe(true);
  });

  it('turns remote climate off by itself after 30 minutes, cabin approaching the target meanwhile', async () => {
    const { fleet, key, noon } = justHome('climate');
    await fleet.record(key, noon, { kind: 'climate', on: true, targetC: 22 });
    const on = fleet.read(key, noon + 25 * MINUTE_MS);
    expect(on.state.climateOn).toBe(true);
    expect(Math.abs(on.cabinC() - 22)).toBeLessThan(Math.abs(fleet.read(key, noon).cabinC() - 22) + 1e-9);
    expect(fleet.read(key, noon + 31 * MINUTE_MS).state.climateOn).toBe(false);
  });
});
