/**
 * @module The simulated fleet: vehicles registered by key, each computed lazily from its seed, its
 * plan and its interventions. A vehicle keeps one working state, so reading it again later costs
 * only the events in between; nothing ticks. Vehicles are numbered densely and kept as rows of
 * numbers (profiles, working states); objects are built only for the vehicle being read.
 */
import { randomUUID } from 'node:crypto';
import type { EndpointId } from '../catalog/endpoints/index.js';
import { modelCapabilities } from './capabilities.js';
import type { DayPlan } from './day-plan.js';
import { advance, integrate, type EngineContext } from './engine.js';
import { Interner } from './interner.js';
import { compareInterventions, type Intervention, type InterventionAction, type InterventionLog } from './interventions.js';
import { PlanCache } from './plan-cache.js';
import { createProfile, type VehicleProfile, type VehicleSpec } from './profile.js';
import { ProfileTable } from './profile-table.js';
import { hashString } from './random.js';
import { VehicleReading } from './reading.js';
import { Rows } from './rows.js';
import { hasPhysicalFault, initialState, type VehicleState } from './state.js';
import { StateTable } from './state-table.js';
import { MINUTE_MS } from './time.js';
import type { Transition } from './transitions.js';

/** A vehicle falls asleep after this long without driving, charging, climate or commands. */
export const SLEEP_AFTER_MS = 15 * MINUTE_MS;

/** Shared by every vehicle without interventions (most of a large fleet). */
const noInterventions: readonly Intervention[] = Object.freeze([]);

/** A vehicle's interventions as last loaded; `version` is bumped whenever they change. */
interface InterventionsOf {
  readonly list: readonly Intervention[];
  readonly version: number;
}

const none: InterventionsOf = Object.freeze({ list: noInterventions, version: 0 });

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

/** One vehicle being worked on: its number, profile and interventions, its plans from the shared cache. */
class Subject implements EngineContext {
  constructor(
    readonly row: number,
    readonly profile: VehicleProfile,
    readonly interventions: readonly Intervention[],
    private readonly plans: PlanCache,
  ) {}

  plan(dayIndex: number): DayPlan {
    return this.plans.plan(this.row, this.profile, dayIndex);
  }
}

/** A lazily computed fleet of simulated vehicles. */
export class SimulatedFleet {
  readonly seed: number;
  readonly simulationStart: number;
  readonly log: InterventionLog;
  readonly #rows = new Map<string, number>();
  readonly #profiles = new ProfileTable();
  readonly #states = new StateTable();
  readonly #plans = new PlanCache();
  readonly #capabilitySets = new Interner<ReadonlySet<EndpointId>>();
  readonly #capabilities = new Rows(Uint16Array, 1);
  /** Only vehicles that have interventions are listed. */
  readonly #interventions = new Map<number, InterventionsOf>();
  /** Recording times this fleet hands out only increase, so two interventions at one instant keep their order. */
  #lastRecordedAt = 0;

  constructor(options: FleetOptions) {
    this.seed = typeof options.seed === 'number' ? options.seed >>> 0 : hashString(options.seed);
    this.simulationStart = options.simulationStart;
    this.log = options.log;
  }

  /** Registers a vehicle (idempotent) and returns its profile. Capabilities default to its model's in its region. */
  register(spec: VehicleSpec, capabilities?: ReadonlySet<EndpointId>): VehicleProfile {
    const existing = this.#rows.get(spec.key);
    if (existing !== undefined) return this.#profiles.profile(existing);
    const profile = createProfile(this.seed, spec, this.simulationStart);
    const row = this.#profiles.add(profile);
    this.#rows.set(spec.key, row);
    this.#capabilities.ensure(row);
    // The default depends on where the vehicle is sold: some makes support an endpoint in one market only.
    this.#capabilities.data[row] = this.#capabilitySets.id(capabilities ?? modelCapabilities(spec.model, profile.region));
    return profile;
  }

  /** The keys of every registered vehicle, in registration order. */
  keys(): IterableIterator<string> {
    return this.#profiles.keys();
  }

  get size(): number {
    return this.#profiles.size;
  }

  /** The vehicle's dense number (its registration order), or undefined when it is not registered. */
  numberOf(key: string): number | undefined {
    return this.#rows.get(key);
  }

  /** The key of vehicle number `row`. */
  keyOf(row: number): string {
    return this.#profiles.key(row);
  }

  profile(key: string): VehicleProfile | undefined {
    const row = this.#rows.get(key);
    return row === undefined ? undefined : this.#profiles.profile(row);
  }

  capabilities(key: string): ReadonlySet<EndpointId> {
    return this.#capabilitySets.value(this.#capabilities.data[this.#row(key)] ?? 0);
  }

  /** The vehicle's interventions as last loaded, and their version (changes whenever they do). */
  interventions(key: string): { readonly list: readonly Intervention[]; readonly version: number } {
    return this.#interventions.get(this.#row(key)) ?? none;
  }

  /** Replaces a vehicle's interventions with a freshly loaded, ordered list. */
  setInterventions(key: string, interventions: readonly Intervention[]): void {
    const row = this.#row(key);
    const current = this.#interventions.get(row) ?? none;
    const same = interventions.length === current.list.length && interventions.every((item, index) => item.id === current.list[index]?.id);
    if (same) return;
    this.#interventions.set(row, { list: interventions, version: current.version + 1 });
    this.#states.forgetNextEvent(row);
  }

  /** Reloads a vehicle's interventions from the log (other processes may have added some). */
  async refresh(key: string): Promise<void> {
    this.setInterventions(key, await this.log.list([key]));
  }

  /** Records an intervention at simulated `at` (stored first, so a failure leaves no trace). */
  async record(key: string, at: number, action: InterventionAction, options: { id?: string; recordedAt?: number } = {}): Promise<Intervention> {
    this.#row(key);
    const recordedAt = Math.max(options.recordedAt ?? Date.now(), this.#lastRecordedAt + 1);
    this.#lastRecordedAt = recordedAt;
    const intervention: Intervention = { id: options.id ?? randomUUID(), vehicleKey: key, at, recordedAt, action };
    await this.log.append(intervention);
    const { list } = this.interventions(key);
    if (!list.some((item) => item.id === intervention.id)) {
      this.setInterventions(key, [...list, intervention].sort(compareInterventions));
    }
    return intervention;
  }

  /** The vehicle's state at `time` (a copy the caller may keep). */
  stateAt(key: string, time: number): VehicleState {
    const subject = this.#subject(key);
    const state = this.#advanceTo(subject, time);
    integrate(subject, state, time);
    return state;
  }

  /**
   * What the vehicle reports at `time`. A vehicle that has been idle for {@link SLEEP_AFTER_MS}
   * sleeps: it reports the data of the moment it fell asleep, with that moment as its time.
   */
  read(key: string, time: number): VehicleReading {
    const subject = this.#subject(key);
    const state = this.#advanceTo(subject, time);
    integrate(subject, state, time);
    // The driver opening the door a minute before leaving wakes the vehicle too. Trips already
    // under way or called off departed before the state's time, so only a departure before the
    // next event can be that close.
    const boarding =
      this.#states.nextEventAt(subject.row) <= time + MINUTE_MS && subject.plan(state.dayIndex).trips.some((trip) => time >= trip.departAt - MINUTE_MS && time < trip.departAt);
    // A vehicle left switched on stays awake.
    const busy = state.activeTrip >= 0 || state.charging || state.climateOn || boarding || hasPhysicalFault(state, 'ignition_on', time);
    const sleepAt = busy ? Number.POSITIVE_INFINITY : state.lastActivityAt + SLEEP_AFTER_MS;
    const asleep = time >= sleepAt;
    // Nothing moves while a vehicle sleeps, so its state now is its state when it fell asleep.
    if (asleep) state.time = sleepAt;
    return new VehicleReading(subject.profile, state, subject, state.time, asleep);
  }

  /** Transitions strictly after `after` up to `until`, computed on a copy (the working state stays where reads left it). */
  transitions(key: string, after: number, until: number): Transition[] {
    const subject = this.#subject(key);
    const current = this.#states.read(subject.row, subject.profile);
    let state: VehicleState;
    if (current !== null && current.time <= after && consistent(current, subject.interventions)) {
      state = current;
      advance(subject, state, after, subject.interventions);
    } else {
      state = this.#advanceTo(subject, after);
    }
    const found: Transition[] = [];
    advance(subject, state, until, subject.interventions, (transition) => found.push(transition));
    return found;
  }

  /** Every transition from the start of the simulation up to `until` (charge records, service history). */
  history(key: string, until: number): Transition[] {
    const subject = this.#subject(key);
    const state = initialState(subject.profile, this.simulationStart);
    const found: Transition[] = [];
    advance(subject, state, until, subject.interventions, (transition) => found.push(transition));
    return found;
  }

  #row(key: string): number {
    const row = this.#rows.get(key);
    if (row === undefined) throw new Error(`no simulated vehicle ${key}`);
    return row;
  }

  #subject(key: string): Subject {
    const row = this.#row(key);
    return new Subject(row, this.#profiles.profile(row), (this.#interventions.get(row) ?? none).list, this.#plans);
  }

  /**
   * The working state with every event up to `time` applied (left at the last of them), stored and
   * returned as a copy the caller owns. Reads move forward in time almost always, so only the latest
   * state is kept, with when its next event is due: a read before then applies nothing. Going back
   * (a past instant, or an intervention another process inserted before it) recomputes from the
   * beginning, a few microseconds per simulated day.
   */
  #advanceTo(subject: Subject, time: number): VehicleState {
    const { row, profile, interventions } = subject;
    let state = this.#states.read(row, profile);
    if (state === null || state.time > time || !consistent(state, interventions)) {
      state = initialState(profile, this.simulationStart);
    } else if (time < this.#states.nextEventAt(row)) {
      return state;
    }
    const nextEventAt = advance(subject, state, time, interventions);
    this.#states.write(row, state, profile, nextEventAt);
    return state;
  }
}
