/**
 * @module Events from the simulated provider: delivered to subscribers at their simulated times on
 * an accelerated clock, with the ids the simulator derives, and triggered by interventions another
 * process records (picked up by polling the shared log).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedVehicleProvider, keyOf } from '../../src/providers/simulated/index.js';
import type { VehicleEvent } from '../../src/providers/vehicle-provider.js';
import { InMemoryInterventionLog, eventsBetween, type InterventionLog } from '../../src/simulator/index.js';

const providers: SimulatedVehicleProvider[] = [];
afterEach(async () => {
  await Promise.all(providers.splice(0).map((provider) => provider.stop()));
});

function provider(log: InterventionLog, fleetSize: number): SimulatedVehicleProvider {
  // Ten simulated hours per real second.
  const created = new SimulatedVehicleProvider({ seed: 'events', fleetSize, accelerationFactor: 36_000, log, pollIntervalMs: 50 });
  providers.push(created);
  return created;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('simulated events', () => {
  it('delivers the fleet’s events at their simulated times, in order per vehicle, with the simulator’s ids', async () => {
    const fleet = provider(new InMemoryInterventionLog(), 44);
    const events: VehicleEvent[] = [];
    fleet.subscribe((event) => events.push(event));
    await fleet.start();
    await until(() => events.length >= 20, 10_000);
    expect(events.length).toBeGreaterThanOrEqual(20);
    const runtime = await fleet.runtime();
    for (const event of events) {
      expect(event.ref.mode).toBe('live');
      expect(event.occurredAt.getTime()).toBeLessThanOrEqual(runtime.clock.now());
    }
    const byVehicle = new Map<string, VehicleEvent[]>();
    for (const event of events) byVehicle.set(keyOf(event.ref), [...(byVehicle.get(keyOf(event.ref)) ?? []), event]);
    for (const [key, list] of byVehicle) {
      const times = list.map((event) => event.occurredAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const first = times[0] ?? 0;
      const recomputed = eventsBetween(runtime.fleet, key, first - 1, (times[times.length - 1] ?? first) + 0.5).map((event) => event.eventId);
      expect(list.map((event) => event.eventId)).toEqual(recomputed);
    }
  });

  it('reacts to an intervention another process records, through the shared log', async () => {
    const log = new InMemoryInterventionLog();
    const listening = provider(log, 44);
    const events: VehicleEvent[] = [];
    listening.subscribe((event) => events.push(event));
    await listening.start();
    const runtime = await listening.runtime();
    // Another process plugs a parked, not fully charged BEV of the fleet in at a DC charger.
    const other = provider(log, 44);
    const otherRuntime = await other.runtime();
    const key = runtime.fleetKeys.find((candidate) => {
      const reading = otherRuntime.fleet.read(candidate, otherRuntime.clock.now());
      return reading.profile.model.powertrain === 'BEV' && !reading.driving && !reading.charge().isPluggedIn && reading.stateOfCharge < 0.9;
    });
    if (key === undefined) throw new Error('no parked BEV to plug in');
    const plugAt = otherRuntime.clock.now();
    await otherRuntime.fleet.record(key, plugAt, { kind: 'charge_limit', limit: 1 });
    await otherRuntime.fleet.record(key, plugAt, { kind: 'plug', charger: 'DC', powerKw: 100 });
    await until(() => events.some((event) => keyOf(event.ref) === key && event.type === 'CHARGING_STARTED'), 5_000);
    const started = events.find((event) => keyOf(event.ref) === key && event.type === 'CHARGING_STARTED');
    expect(started?.occurredAt.getTime()).toBeGreaterThanOrEqual(plugAt);
    expect(started?.occurredAt.getTime()).toBeLessThan(plugAt + 3 * 3_600_000);
  });
});
