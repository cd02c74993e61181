/** @module The simulated provider as a conformance subject: one vehicle per model of a make, and helpers that set a scene. */
import type { EndpointId } from '../../src/catalog/endpoints/index.js';
import { makeCatalog } from '../../src/catalog/makes.js';
import type { Region } from '../../src/catalog/types.js';
import { SimulatedVehicleProvider, keyOf, type SimulatedProviderOptions } from '../../src/providers/simulated/index.js';
import type { VehicleRef } from '../../src/providers/vehicle-provider.js';
import {
  FLEET_KEY, InMemoryInterventionLog, Random, SimulatedFleet, hashString, modelsOf, newVehicleSpec, specFromVin, type VehicleReading,
} from '../../src/simulator/index.js';
import type { ConformanceOptions, ConformanceSubject, ConformanceVehicle } from './conformance.js';

/** When every conformance subject's simulation begins. */
export const simulationStart = Date.parse('2026-03-02T00:00:00.000Z');
const SEED = 'conformance';
const HOUR = 3_600_000;

/** The first instant (on a `stepMs` grid, after a day of simulation, within two weeks) at which `wanted` holds of the vehicle's reading. */
export function momentWhere(vehicle: Pick<ConformanceVehicle, 'ref' | 'capabilities'>, wanted: (reading: VehicleReading) => boolean, stepMs = HOUR): number | undefined {
  const fleet = new SimulatedFleet({ seed: SEED, simulationStart, log: new InMemoryInterventionLog() });
  const key = keyOf(vehicle.ref);
  fleet.register(specFromVin(key, vehicle.ref.make, vehicle.ref.providerVehicleId), vehicle.capabilities);
  for (let time = simulationStart + 24 * HOUR; time < simulationStart + 14 * 24 * HOUR; time += stepMs) {
    if (wanted(fleet.read(key, time))) return time;
  }
  return undefined;
}

/**
 * The first hour at which the vehicle is parked and, with a plug, below 95 % (the subject raises
 * the limit to 100 % before plugging in): a scene where every command can act. The simulation is
 * deterministic, so a throwaway fleet finds the instant the subject's fleet will have.
 */
export function quietMoment(vehicle: ConformanceVehicle): number {
  const plugIn = (reading: VehicleReading): boolean => reading.profile.model.powertrain === 'BEV' || reading.profile.model.powertrain === 'PHEV';
  return (
    momentWhere(vehicle, (reading) => !reading.driving && (!plugIn(reading) || reading.stateOfCharge < 0.95)) ??
    // A vehicle always topped up: parked at least (charging cases then skip, naming the full battery).
    momentWhere(vehicle, (reading) => !reading.driving) ??
    simulationStart + 24 * HOUR
  );
}

/**
 * Where the provider's vehicle `ref` is sold and what it declares (its model's capabilities in that
 * region): a throwaway fleet with the conformance seed draws the same profile.
 */
export function declaredVehicle(ref: VehicleRef): { readonly region: Region; readonly capabilities: ReadonlySet<EndpointId> } {
  const fleet = new SimulatedFleet({ seed: SEED, simulationStart, log: new InMemoryInterventionLog() });
  const key = keyOf(ref);
  const { region } = fleet.register(specFromVin(key, ref.make, ref.providerVehicleId));
  return { region, capabilities: fleet.capabilities(key) };
}

/** The capabilities the provider declares for `ref` (see {@link declaredVehicle}). */
export function declaredCapabilities(ref: VehicleRef): ReadonlySet<EndpointId> {
  return declaredVehicle(ref).capabilities;
}

/** One simulated-mode vehicle of each model of `make`. */
export function vehiclesOfMake(make: string): ConformanceVehicle[] {
  return modelsOf(make).map((model) => {
    const random = new Random(hashString(`${make}/${model.name}`));
    const spec = newVehicleSpec('', model, random, hashString(model.name));
    const ref: VehicleRef = { make, mode: 'simulated', providerVehicleId: spec.vin };
    return { label: `${model.name} ${spec.year} (${model.powertrain}, ${spec.vin})`, ref, capabilities: declaredCapabilities(ref) };
  });
}

/** An in-memory log whose simulation began at {@link simulationStart} (real and simulated time agree). */
export async function anchoredLog(): Promise<InMemoryInterventionLog> {
  const log = new InMemoryInterventionLog();
  await log.append({
    id: 'clock-genesis', vehicleKey: FLEET_KEY, at: simulationStart, recordedAt: simulationStart,
    action: { kind: 'clock', realAnchor: simulationStart, simAnchor: simulationStart, factor: 1 },
  });
  return log;
}

/** A provider over {@link anchoredLog} with the conformance seed; options override the defaults (no latency). */
export async function simulatedProvider(options: Partial<SimulatedProviderOptions> & { now: () => Date }): Promise<SimulatedVehicleProvider> {
  return new SimulatedVehicleProvider({ seed: SEED, fleetSize: 0, accelerationFactor: 1, log: await anchoredLog(), latency: { commandMs: 0, wakeMs: 0 }, ...options });
}

/** A fresh provider at `time` of a simulation begun at {@link simulationStart}, on an in-memory log, without latency. */
export async function simulatedSubject(time: number): Promise<ConformanceSubject & { provider: SimulatedVehicleProvider }> {
  const provider = await simulatedProvider({ now: () => new Date(time) });
  const plugIn = async (ref: VehicleRef): Promise<string | null> => {
    const runtime = await provider.runtime();
    if ((await provider.getVehicle(ref)) === null) return 'unknown vehicle';
    const key = keyOf(ref);
    await runtime.sync(key);
    const now = runtime.clock.now();
    const reading = runtime.fleet.read(key, now);
    const { powertrain } = reading.profile.model;
    if (powertrain !== 'BEV' && powertrain !== 'PHEV') return `a ${powertrain} vehicle has no charge port`;
    if (reading.driving) return 'the vehicle is driving';
    if (!reading.charge().isPluggedIn) await runtime.fleet.record(key, now, { kind: 'plug', charger: 'AC' });
    await runtime.fleet.record(key, now, { kind: 'charge_limit', limit: 1 });
    return runtime.fleet.read(key, now).stateOfCharge >= 0.999 ? 'the battery is full' : null;
  };
  return {
    provider,
    plugIn,
    startCharging: async (ref) => {
      const refusal = await plugIn(ref);
      if (refusal !== null) return refusal;
      const runtime = await provider.runtime();
      const key = keyOf(ref);
      const now = runtime.clock.now();
      await runtime.fleet.record(key, now, { kind: 'charge', action: 'START' });
      return runtime.fleet.read(key, now).state.charging ? null : 'the vehicle did not start charging';
    },
    close: () => provider.stop(),
  };
}

/** Conformance options for every model of `make`. */
export function simulatedConformance(make: string): ConformanceOptions {
  return { vehicles: vehiclesOfMake(make), makeSubject: (vehicle) => simulatedSubject(quietMoment(vehicle)) };
}

/** Every make of the catalog, for one suite per make. */
export const allMakes: readonly string[] = makeCatalog.map((make) => make.id);
