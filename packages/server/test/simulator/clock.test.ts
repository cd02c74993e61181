/** @module The simulated clock: acceleration, re-anchoring without going back in time, and the anchor shared through the log. */
import { describe, expect, it } from 'vitest';
import { FleetOperator, SimulatedVehicleProvider } from '../../src/providers/simulated/index.js';
import { InMemoryInterventionLog, SimulationClock } from '../../src/simulator/index.js';

describe('SimulationClock', () => {
  it('runs simulated time at the acceleration factor from its anchor', () => {
    let real = 1_000_000;
    const clock = new SimulationClock(() => real, { realAnchor: 1_000_000, simAnchor: 5_000_000, factor: 60 });
    expect(clock.now()).toBe(5_000_000);
    real += 1_000;
    expect(clock.now()).toBe(5_060_000);
    expect(clock.realDelay(120_000)).toBe(2_000);
  });

  it('re-anchors to advance or change speed without moving time backwards', () => {
    let real = 0;
    const clock = new SimulationClock(() => real, { realAnchor: 0, simAnchor: 0, factor: 10 });
    real = 100;
    const advanced = clock.rebase({ advanceMs: 3_600_000, factor: 1 });
    expect(advanced).toEqual({ realAnchor: 100, simAnchor: 1_000 + 3_600_000, factor: 1 });
    clock.setAnchor(advanced);
    real = 200;
    expect(clock.now()).toBe(3_601_100);
  });
});

describe('the fleet clock shared through the intervention log', () => {
  it('keeps the first start, and a process with another speed continues from the current time', async () => {
    const log = new InMemoryInterventionLog();
    let real = Date.parse('2026-02-02T00:00:00.000Z');
    const now = () => new Date(real);
    const first = new SimulatedVehicleProvider({ seed: 'clock', fleetSize: 0, accelerationFactor: 60, log, now });
    expect(await new FleetOperator(first).clock()).toEqual({ simulatedNow: '2026-02-02T00:00:00.000Z', accelerationFactor: 60, simulationStart: '2026-02-02T00:00:00.000Z' });
    real += 60_000;
    expect((await new FleetOperator(first).clock()).simulatedNow).toBe('2026-02-02T01:00:00.000Z');
    const second = new SimulatedVehicleProvider({ seed: 'clock', fleetSize: 0, accelerationFactor: 1, log, now });
    expect(await new FleetOperator(second).clock()).toEqual({ simulatedNow: '2026-02-02T01:00:00.000Z', accelerationFactor: 1, simulationStart: '2026-02-02T00:00:00.000Z' });
    real += 60_000;
    // The first process reads the new anchor from the log on its next look.
    expect((await new FleetOperator(first).clock()).simulatedNow).toBe('2026-02-02T01:01:00.000Z');
    expect((await new FleetOperator(first).advance(86_400_000)).simulatedNow).toBe('2026-02-03T01:01:00.000Z');
    expect((await new FleetOperator(second).clock()).simulatedNow).toBe('2026-02-03T01:01:00.000Z');
  });
});
