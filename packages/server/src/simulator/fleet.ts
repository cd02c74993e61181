/**
 * @module The simulated fleet: vehicles registered by key, each computed lazily from its seed, its
 * plan and its interventions. A vehicle keeps one working state, so reading it again later costs
 * only the events in between; nothing ticks.
 */
import { randomUUID } from 'node:crypto';
import type { EndpointId } from '../catalog/endpoints/index.js';
import { modelCapabilities } from './capabilities.js';
import { planDay, type DayPlan } from './day-plan.js';
import { advance, project, type EngineContext } from './engine.js';
import { compareInterventions, type Intervention, type InterventionAction, type InterventionLog } from './interventions.js';
import { createProfile, type VehicleProfile, type VehicleSpec } from './profile.js';
import { hashString } from './random.js';
import { VehicleReading } from './reading.js';
import { copyState, hasPhysicalFault, initialState, type VehicleState } from './state.js';
import { MINUTE_MS } from './time.js';
import type { Transition } from './transitions.js';

/** A vehicle falls asleep after this long without driving, charging, climate or commands. */
export const SLEEP_AFTER_MS = 15 * MINUTE_MS;

/** Shared by every vehicle without interventions (most of a large fleet). */
const noInterventions: readonly Intervention[] = Object.freeze([]);

/**
 * One registered vehicle and its caches: the working state and the plan of its day. Kept small on
 * purpose (a fleet of 100,000 holds one per vehicle): no checkpoints, no history.
 */
class FleetVehicle implements EngineContext {
  interventions: readonly Intervention[] = noInterventions;
  /** Bumped whenever `interventions` changes, so derived caches (events) know to recompute. */
  version = 0;
  current: VehicleState | null = null;
  #plan: DayPlan | null = null;

  constructor(
    readonly profile: VehicleProfile,
    readonly capabilities: ReadonlySet<EndpointId>,
  ) {}

  plan(dayIndex: number): DayPlan {
    if (this.#plan?.dayIndex !== dayIndex) this.#plan = planDay(this.profile, dayIndex);
    return this.#plan;
  }
}

/**
 * An engine context with its own plan cache, for computing ahead of the working state: looking
 * into tomorrow must not evict the plan today's reads use.
 */
function lookahead(vehicle: FleetVehicle): EngineContext {
  let cached: DayPlan | null = null;
  return {
    profile: vehicle.profile,
    plan(dayIndex) {
      if (dayIndex === vehicle.current?.dayIndex) return vehicle.plan(dayIndex);
      if (cached?.dayIndex !== dayIndex) cached = planDay(vehicle.profile, dayIndex);
      return cached;
    },
  };
}

/** Options of {@link SimulatedFleet}. */
export interface FleetOptions {
  /** The fleet seed: the same seed gives the same vehicles, plans and events. */
  readonly seed: string | number;
  /** Simulated instant the simulation began (every vehicle's history starts at its local midnight before it). */
  readonly simulationStart: number;
  /** Where interventions are stored. */
  readonly log: InterventionLog;
}

/** Whether `state` is still the result of `interventions` (none was inserted before it or removed). */
function consistent(state: VehicleState, interventions: readonly Intervention[]): boolean {
  const applied = state.interventionCursor;
  if (applied > interventions.length) return false;
  if (applied > 0 && interventions[applied - 1]?.id !== state.lastInterventionId) return false;
  const next = interventions[applied];
  return next === undefined || next.at >= state.time;
}

/** A lazily computed fleet of simulated vehicles. */
export class SimulatedFleet {
  readonly seed: number;
  readonly simulationStart: number;
  readonly log: InterventionLog;
  readonly #vehicles = new Map<string, FleetVehicle>();
  /** Recording times this fleet hands out only increase, so two interventions at one instant keep their order. */
  #lastRecordedAt = 0;

  constructor(options: FleetOptions) {
    this.seed = typeof options.seed === 'number' ? options.seed >>> 0 : hashString(options.seed);
    this.simulationStart = options.simulationStart;
    this.log = options.log;
  }

  /** Registers a vehicle (idempotent) and returns its profile. Capabilities default to its model's in its region. */
  register(spec: VehicleSpec, capabilities?: ReadonlySet<EndpointId>): VehicleProfile {
    const existing = this.#vehicles.get(spec.key);
    if (existing !== undefined) return existing.profile;
    const profile = createProfile(this.seed, spec, this.simulationStart);
    // The default depends on where the vehicle is sold: some makes support an endpoint in one market only.
    const vehicle = new FleetVehicle(profile, capabilities ?? modelCapabilities(spec.model, profile.region));
    this.#vehicles.set(spec.key, vehicle);
    return vehicle.profile;
  }

  /** The keys of every registered vehicle, in registration order. */
  keys(): IterableIterator<string> {
    return this.#vehicles.keys();
  }

  get size(): number {
    return this.#vehicles.size;
  }

  profile(key: string): VehicleProfile | undefined {
    return this.#vehicles.get(key)?.profile;
  }

  capabilities(key: string): ReadonlySet<EndpointId> {
    return this.#vehicle(key).capabilities;
  }

  /** The vehicle's interventions as last loaded, and their version (changes whenever they do). */
  interventions(key: string): { readonly list: readonly Intervention[]; readonly version: number } {
    const vehicle = this.#vehicle(key);
    return { list: vehicle.interventions, version: vehicle.version };
  }

  /** Replaces a vehicle's interventions with a freshly loaded, ordered list. */
  setInterventions(key: string, interventions: readonly Intervention[]): void {
    const vehicle = this.#vehicle(key);
    const same = interventions.length === vehicle.interventions.length && interventions.every((item, index) => item.id === vehicle.interventions[index]?.id);
    if (same) return;
    vehicle.interventions = interventions;
    vehicle.version += 1;
  }

  /** Reloads a vehicle's interventions from the log (other processes may have added some). */
  async refresh(key: string): Promise<void> {
    this.setInterventions(key, await this.log.list([key]));
  }

  /** Records an intervention at simulated `at` (stored first, so a failure leaves no trace). */
  async record(key: string, at: number, action: InterventionAction, options: { id?: string; recordedAt?: number } = {}): Promise<Intervention> {
    const vehicle = this.#vehicle(key);
    const recordedAt = Math.max(options.recordedAt ?? Date.now(), this.#lastRecordedAt + 1);
    this.#lastRecordedAt = recordedAt;
    const intervention: Intervention = { id: options.id ?? randomUUID(), vehicleKey: key, at, recordedAt, action };
    await this.log.append(intervention);
    if (!vehicle.interventions.some((item) => item.id === intervention.id)) {
      this.setInterventions(key, [...vehicle.interventions, intervention].sort(compareInterventions));
    }
    return intervention;
  }

  /** The vehicle's state at `time` (a copy the caller may keep). */
  stateAt(key: string, time: number): VehicleState {
    const vehicle = this.#vehicle(key);
    return project(vehicle, this.#advanceTo(vehicle, time), time);
  }

  /**
   * What the vehicle reports at `time`. A vehicle that has been idle for {@link SLEEP_AFTER_MS}
   * sleeps: it reports the data of the moment it fell asleep, with that moment as its time.
   */
  read(key: string, time: number): VehicleReading {
    const vehicle = this.#vehicle(key);
    const state = project(vehicle, this.#advanceTo(vehicle, time), time);
    const plan = vehicle.plan(state.dayIndex);
    // The driver opening the door a minute before leaving wakes the vehicle too.
    const boarding = plan.trips.some((trip) => time >= trip.departAt - MINUTE_MS && time < trip.departAt);
    // A vehicle left switched on stays awake.
    const busy = state.activeTrip >= 0 || state.charging || state.climateOn || boarding || hasPhysicalFault(state, 'ignition_on', time);
    const sleepAt = busy ? Number.POSITIVE_INFINITY : state.lastActivityAt + SLEEP_AFTER_MS;
    const asleep = time >= sleepAt;
    // Nothing moves while a vehicle sleeps, so its state now is its state when it fell asleep.
    if (asleep) state.time = sleepAt;
    return new VehicleReading(vehicle.profile, state, plan, state.time, asleep);
  }

  /** Transitions strictly after `after` up to `until`, computed on a copy (the working state stays where reads left it). */
  transitions(key: string, after: number, until: number): Transition[] {
    const vehicle = this.#vehicle(key);
    const current = vehicle.current;
    let state: VehicleState;
    if (current !== null && current.time <= after && consistent(current, vehicle.interventions)) {
      state = copyState(current);
      advance(vehicle, state, after, vehicle.interventions);
    } else {
      state = copyState(this.#advanceTo(vehicle, after));
    }
    const found: Transition[] = [];
    advance(lookahead(vehicle), state, until, vehicle.interventions, (transition) => found.push(transition));
    return found;
  }

  /** Every transition from the start of the simulation up to `until` (charge records, service history). */
  history(key: string, until: number): Transition[] {
    const vehicle = this.#vehicle(key);
    const state = initialState(vehicle.profile, this.simulationStart);
    const found: Transition[] = [];
    advance(vehicle, state, until, vehicle.interventions, (transition) => found.push(transition));
    return found;
  }

  #vehicle(key: string): FleetVehicle {
    const vehicle = this.#vehicles.get(key);
    if (vehicle === undefined) throw new Error(`no simulated vehicle ${key}`);
    return vehicle;
  }

  /**
   * The working state with every event up to `time` applied (left at the last of them). Reads move
   * forward in time almost always, so only the latest state is kept; going back (a past instant, or
   * an intervention another process inserted before it) recomputes from the beginning, a few
   * microseconds per simulated day.
   */
  #advanceTo(vehicle: FleetVehicle, time: number): VehicleState {
    const { interventions } = vehicle;
    let state = vehicle.current;
    if (state === null || state.time > time || !consistent(state, interventions)) state = initialState(vehicle.profile, this.simulationStart);
    advance(vehicle, state, time, interventions);
    vehicle.current = state;
    return state;
  }
}
