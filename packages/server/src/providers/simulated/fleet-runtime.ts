/**
 * @module The simulated provider's view of the fleet: the shared clock (anchored in the intervention
 * log, so every process agrees on simulated time and on when the simulation began), the embedded
 * fleet of live-mode vehicles, and the resolution of any vehicle reference to a simulated vehicle.
 */
import { findMake } from '../../catalog/makes.js';
import {
  FLEET_KEY, SimulatedFleet, SimulationClock, fleetVehicleSpec, hashString, specFromVin, specOfModel, testVehicleDesign, unservedCapabilities,
  type ClockAnchor, type Intervention, type InterventionLog, type Powertrain, type Routine, type VehicleSpec,
} from '../../simulator/index.js';
import type { EndpointId } from '../../catalog/endpoints/index.js';
import type { VehicleMode, VehicleRef } from '../vehicle-provider.js';
import type { SimulatedVehicle } from './vehicle-context.js';
import { keyOf, parseVehicleId, type CapabilityLevel } from './vehicle-keys.js';

/** Options of {@link FleetRuntime.open}. */
export interface FleetRuntimeOptions {
  readonly seed: string;
  readonly fleetSize: number;
  /** Simulated seconds per real second. */
  readonly accelerationFactor: number;
  readonly log: InterventionLog;
  readonly realNow: () => number;
}

/** The first anchor every process writes with the same id: whoever writes first fixes the start. */
const GENESIS_ID = 'clock-genesis';

const levelPowertrains: Readonly<Record<CapabilityLevel, readonly Powertrain[] | undefined>> = {
  compatible: undefined,
  incompatible: undefined,
  bev: ['BEV'],
  phev: ['PHEV'],
  fuel: ['ICE', 'HEV'],
};

/**
 * Test mode answers the same way every time: its vehicles stay parked on their cable. Simulated
 * mode and the live fleet follow the "Day Commute" plan, with the refusals driving brings.
 */
const routineOf = (mode: VehicleMode): Routine => (mode === 'test' ? 'parked' : 'dayCommute');

/** What a vehicle id rebuilt outside the embedded fleet is, and what it supports (undefined: what its model supports where it is sold). */
function rebuiltVehicle(key: string, make: string, vin: string, level: CapabilityLevel | null): { spec: VehicleSpec; capabilities: ReadonlySet<EndpointId> | undefined } {
  // `compatible` is the make's test vehicle: every endpoint the make supports anywhere.
  const design = level === 'compatible' ? testVehicleDesign(make) : undefined;
  if (design !== undefined) return { spec: specOfModel(key, design.model, vin), capabilities: design.capabilities };
  const spec = specFromVin(key, make, vin, level === null ? undefined : levelPowertrains[level]);
  return { spec, capabilities: level === 'incompatible' ? new Set() : undefined };
}

/** A clock anchor and when it was recorded (later records win). */
interface RecordedAnchor {
  readonly anchor: ClockAnchor;
  readonly recordedAt: number;
}

/** The latest anchor in a list of fleet-wide interventions (by recording time, then id). */
function latestAnchor(interventions: readonly Intervention[]): RecordedAnchor | undefined {
  let latest: { id: string; recorded: RecordedAnchor } | undefined;
  for (const item of interventions) {
    const action = item.action;
    if (action.kind !== 'clock') continue;
    const later = latest === undefined || item.recordedAt > latest.recorded.recordedAt || (item.recordedAt === latest.recorded.recordedAt && item.id > latest.id);
    if (later) latest = { id: item.id, recorded: { anchor: { realAnchor: action.realAnchor, simAnchor: action.simAnchor, factor: action.factor }, recordedAt: item.recordedAt } };
  }
  return latest?.recorded;
}

/** Clock, fleet and vehicle resolution, shared by the provider, its event pump and the operator view. */
export class FleetRuntime {
  readonly #vehicles = new Map<string, SimulatedVehicle>();
  readonly #fleetKeys: string[] = [];
  /** Recording time of the anchor in force; a new anchor is always recorded after it, so it wins. */
  #anchorRecordedAt = 0;

  private constructor(
    readonly options: FleetRuntimeOptions,
    readonly clock: SimulationClock,
    readonly fleet: SimulatedFleet,
  ) {
    for (let index = 0; index < options.fleetSize; index++) {
      const spec = fleetVehicleSpec(fleet.seed, index, (make, vin) => keyOf({ mode: 'live', make, providerVehicleId: vin }));
      fleet.register(spec);
      this.#fleetKeys.push(spec.key);
    }
  }

  /** Reads (or writes, on a fresh database) the clock anchors and builds the fleet. */
  static async open(options: FleetRuntimeOptions): Promise<FleetRuntime> {
    const now = options.realNow();
    await options.log.append({
      id: GENESIS_ID, vehicleKey: FLEET_KEY, at: now, recordedAt: now,
      action: { kind: 'clock', realAnchor: now, simAnchor: now, factor: options.accelerationFactor },
    });
    const fleetWide = await options.log.list([FLEET_KEY]);
    const genesis = fleetWide.find((item) => item.id === GENESIS_ID);
    const latest = latestAnchor(fleetWide);
    if (genesis === undefined || latest === undefined) throw new Error('the simulator clock anchor could not be stored');
    const clock = new SimulationClock(options.realNow, latest.anchor);
    const runtime = new FleetRuntime(options, clock, new SimulatedFleet({ seed: options.seed, simulationStart: genesis.at, log: options.log }));
    runtime.#anchorRecordedAt = latest.recordedAt;
    if (latest.anchor.factor !== options.accelerationFactor) await runtime.reanchor({ factor: options.accelerationFactor });
    return runtime;
  }

  /** Keys of the embedded (live-mode) fleet, in fleet order. */
  get fleetKeys(): readonly string[] {
    return this.#fleetKeys;
  }

  /** The provider vehicle id (VIN) of embedded fleet vehicle `index`. */
  fleetVehicleId(index: number): string {
    const key = this.#fleetKeys[index];
    return key?.slice(key.lastIndexOf('/') + 1) ?? '';
  }

  /** The simulated vehicle a reference names, registering it on first use; null when it names none. */
  resolve(ref: VehicleRef): SimulatedVehicle | null {
    const key = keyOf(ref);
    const known = this.#vehicles.get(key);
    if (known !== undefined) return known;
    const parsed = parseVehicleId(ref.providerVehicleId);
    if (parsed === undefined || findMake(ref.make) === undefined) return null;
    let profile = this.fleet.profile(key);
    // Live mode serves the embedded fleet only; test and simulated modes rebuild any vehicle from its id.
    if (profile === undefined && ref.mode === 'live') return null;
    if (profile === undefined) {
      const { spec, capabilities } = rebuiltVehicle(key, ref.make, parsed.vin, parsed.level);
      profile = this.fleet.register({ ...spec, routine: routineOf(ref.mode) }, capabilities);
    }
    const vehicle: SimulatedVehicle = {
      key,
      profile,
      vehicle: {
        ref, vin: profile.vin, model: profile.model.name, year: profile.year, capabilities: this.fleet.capabilities(key),
        // A forced-incompatible test vehicle has no connected services at all: nothing is merely unserved.
        unserved: parsed.level === 'incompatible' ? new Set() : unservedCapabilities(profile.model, profile.region),
      },
    };
    this.#vehicles.set(key, vehicle);
    return vehicle;
  }

  /** Loads the vehicle's interventions and the fleet clock in one query (other processes may have changed either). */
  async sync(key: string): Promise<void> {
    const interventions = await this.options.log.list([key, FLEET_KEY]);
    this.#useAnchor(latestAnchor(interventions.filter((item) => item.vehicleKey === FLEET_KEY)));
    this.fleet.setInterventions(key, interventions.filter((item) => item.vehicleKey === key));
  }

  /** Reloads the clock anchor (another process may have advanced the fleet). */
  async syncClock(): Promise<void> {
    this.#useAnchor(latestAnchor(await this.options.log.list([FLEET_KEY])));
  }

  #useAnchor(latest: RecordedAnchor | undefined): void {
    if (latest === undefined) return;
    this.clock.setAnchor(latest.anchor);
    this.#anchorRecordedAt = latest.recordedAt;
  }

  /** Moves simulated time on by `advanceMs` and/or changes the factor, for every process. */
  async reanchor(options: { advanceMs?: number; factor?: number }): Promise<ClockAnchor> {
    const anchor = this.clock.rebase(options);
    const recordedAt = Math.max(anchor.realAnchor, this.#anchorRecordedAt + 1);
    await this.options.log.append({
      id: `clock-${recordedAt}-${hashString(JSON.stringify(anchor)).toString(16)}`, vehicleKey: FLEET_KEY, at: anchor.simAnchor,
      recordedAt, action: { kind: 'clock', ...anchor },
    });
    this.#useAnchor({ anchor, recordedAt });
    return anchor;
  }
}
