/**
 * @module Interventions on the database: they survive a restart (a new provider on the same
 * database sees them) and are shared by processes on one PostgreSQL; the repository's contract.
 * Runs on SQLite and PostgreSQL.
 */
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { createStoredInterventionLog, FleetOperator, SimulatedVehicleProvider, keyOf } from '../../src/providers/simulated/index.js';
import type { VehicleRef } from '../../src/providers/vehicle-provider.js';
import { eventsBetween, HOUR_MS } from '../../src/simulator/index.js';
import type { Store } from '../../src/store/index.js';
import { createSimulatorInterventionRepository } from '../../src/store/repositories/simulator-intervention-repository.js';
import { describeEachDatabase } from '../store/database-harness.js';

const realNow = Date.parse('2026-06-10T01:00:00.000Z');
// Simulated mode: its vehicle drives the Day Commute plan, so events happen to share (test-mode vehicles stay parked).
const ref: VehicleRef = { make: 'TESLA', mode: 'simulated', providerVehicleId: '5YJ3E1EA7KF317000' };

function providerOn(store: Store, now = realNow): SimulatedVehicleProvider {
  return new SimulatedVehicleProvider({
    seed: 'persistence',
    fleetSize: 3,
    accelerationFactor: 1,
    log: createStoredInterventionLog(createSimulatorInterventionRepository(store.db)),
    now: () => new Date(now),
  });
}

async function readBody(provider: SimulatedVehicleProvider, endpointId: 'getChargeLimit' | 'getChargeStatus' | 'getOdometer'): Promise<unknown> {
  const [outcome] = await provider.read(ref, [{ endpointId }]);
  return outcome?.ok === true ? outcome.body : outcome?.error;
}

describeEachDatabase('simulator interventions', (getStore, context) => {
  beforeEach(async () => {
    // The shared PostgreSQL database is emptied table by table; this table is the simulator's own.
    await sql`delete from simulator_interventions`.execute(getStore().db);
  });

  it('survive a restart: a new provider on the same database continues where the last one stopped', async () => {
    const first = providerOn(getStore());
    expect(await first.getVehicle(ref)).not.toBeNull();
    await first.execute(ref, { endpointId: 'setChargeLimit', body: { limit: 0.6 } });
    await new FleetOperator(first).plug({ vehicle: keyOf(ref) }, 'DC', 150);
    await new FleetOperator(first).fault({ vehicle: keyOf(ref) }, { kind: 'slow', delayMs: 1, until: null });
    const before = await readBody(first, 'getChargeStatus');
    await first.stop();

    const restarted = providerOn(getStore(), realNow);
    expect(await readBody(restarted, 'getChargeLimit')).toEqual({ limit: 0.6 });
    expect(await readBody(restarted, 'getChargeStatus')).toEqual(before);
    expect((await new FleetOperator(restarted).show({ vehicle: keyOf(ref) })).fault).toBe('slow');
    // The clock anchor is shared too: the simulation began when the first provider first opened.
    expect((await new FleetOperator(restarted).clock()).simulationStart).toBe(new Date(realNow).toISOString());
    await restarted.stop();
  });

  it.skipIf(context.dialect === 'sqlite')('are seen by another process on the same database, events included with the same ids (PostgreSQL only: one in-memory SQLite database has one store)', async () => {
    const other = await context.openAnother();
    const here = providerOn(getStore());
    const there = providerOn(other, realNow);
    await here.getVehicle(ref);
    await there.getVehicle(ref);
    await there.execute(ref, { endpointId: 'setChargeLimit', body: { limit: 0.75 } });
    expect(await readBody(here, 'getChargeLimit')).toEqual({ limit: 0.75 });
    const [hereRuntime, thereRuntime] = [await here.runtime(), await there.runtime()];
    await hereRuntime.sync(keyOf(ref));
    const window = [realNow, realNow + 72 * HOUR_MS] as const;
    const ids = (runtime: typeof hereRuntime) => eventsBetween(runtime.fleet, keyOf(ref), ...window).map((event) => event.eventId);
    expect(ids(hereRuntime).length).toBeGreaterThan(0);
    expect(ids(thereRuntime)).toEqual(ids(hereRuntime));
    await Promise.all([here.stop(), there.stop()]);
  });

  it('keep the repository’s contract: insert once by id, list in effect order, poll by recording time, forget a vehicle', async () => {
    const repository = createSimulatorInterventionRepository(getStore().db);
    const record = (id: string, vehicleKey: string, effectiveAt: string, recordedAt: string) => ({ id, vehicleKey, kind: 'wake', effectiveAt, payload: { kind: 'wake' }, recordedAt });
    expect(await repository.insertIfAbsent(record('b', 'test/TESLA/A', '2026-01-01T00:00:02.000Z', '2026-01-01T00:00:00.000Z'))).toBe(true);
    expect(await repository.insertIfAbsent(record('a', 'test/TESLA/A', '2026-01-01T00:00:01.000Z', '2026-01-01T00:00:05.000Z'))).toBe(true);
    expect(await repository.insertIfAbsent(record('a', 'test/TESLA/A', '2027-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'))).toBe(false);
    expect(await repository.insertIfAbsent(record('c', 'test/FORD/B', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:03.000Z'))).toBe(true);
    expect((await repository.listByVehicleKeys(['test/TESLA/A'])).map((item) => item.id)).toEqual(['a', 'b']);
    expect((await repository.listByVehicleKeys(['test/TESLA/A', 'test/FORD/B'])).map((item) => item.id)).toEqual(['c', 'a', 'b']);
    expect((await repository.listRecordedSince('2026-01-01T00:00:03.000Z', 10)).map((item) => item.id)).toEqual(['c', 'a']);
    expect(await repository.listVehicleKeys()).toEqual(['test/FORD/B', 'test/TESLA/A']);
    expect((await repository.listByVehicleKeys(['test/FORD/B']))[0]).toEqual(record('c', 'test/FORD/B', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:03.000Z'));
    expect(await repository.deleteByVehicleKey('test/TESLA/A')).toBe(2);
    expect(await repository.listVehicleKeys()).toEqual(['test/FORD/B']);
  });
});
