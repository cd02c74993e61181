/**
 * @module Locks, openings and the ignition around trips: the driver's door opens just before leaving
 * and after arriving, the ignition is on from the moment the driver sits in until they get out, the
 * car locks a minute after arrival and while moving, the trunk opens at shopping and road-trip stops,
 * the charge port opens with a cable. Remote commands override until the plan acts again; an injected
 * physical fault (a door, the hood or the trunk left open, the ignition left on) holds while in force.
 */
import type { DayPlan } from './day-plan.js';
import type { VehicleProfile } from './profile.js';
import { hasPhysicalFault, type Override, type VehicleState } from './state.js';
import { SECOND_MS } from './time.js';

/** Open or closed. */
export type OpenState = 'OPEN' | 'CLOSED';

/** Everything the lock-status endpoint reports. */
export interface Openings {
  readonly locked: boolean;
  readonly doors: { readonly frontLeft: OpenState; readonly frontRight: OpenState; readonly backLeft: OpenState; readonly backRight: OpenState };
  readonly windows: { readonly frontLeft: OpenState; readonly frontRight: OpenState; readonly backLeft: OpenState; readonly backRight: OpenState };
  readonly sunroof: OpenState;
  /** Not part of the lock-status endpoint; vehicles refuse some commands while it is open. */
  readonly hood: OpenState;
  readonly frontStorage: OpenState;
  readonly rearStorage: OpenState;
  /** Null for vehicles without a charge port. */
  readonly chargePort: OpenState | null;
}

const open = (value: boolean): OpenState => (value ? 'OPEN' : 'CLOSED');

/** A plan instant something changes, and the value it sets. */
interface PlanChange {
  readonly time: number;
  readonly value: boolean;
}

/** The latest plan change at or before `time` (today's realised trips only). */
function latest(changes: readonly PlanChange[], time: number): PlanChange | undefined {
  let found: PlanChange | undefined;
  for (const change of changes) if (change.time <= time && (found === undefined || change.time >= found.time)) found = change;
  return found;
}

/** The plan's value, unless an override came after the plan last acted. */
function resolve(changes: readonly PlanChange[], override: Override | null, time: number, fallback: boolean): boolean {
  const planned = latest(changes, time);
  if (override !== null && override.at <= time && (planned === undefined || override.at >= planned.time)) return override.value;
  return planned?.value ?? fallback;
}

/** What the plan does to locks, the driver's door and the trunk on the realised trips of the day. */
function planChanges(plan: DayPlan, state: VehicleState): { locks: PlanChange[]; door: PlanChange[]; trunk: PlanChange[] } {
  const locks: PlanChange[] = [];
  const door: PlanChange[] = [];
  const trunk: PlanChange[] = [];
  for (const trip of plan.trips) {
    if ((state.skippedOutings & (1 << trip.outing)) !== 0) continue;
    locks.push({ time: trip.departAt - 60 * SECOND_MS, value: false }, { time: trip.departAt, value: true });
    locks.push({ time: trip.arriveAt, value: false }, { time: trip.arriveAt + 60 * SECOND_MS, value: true });
    door.push({ time: trip.departAt - 45 * SECOND_MS, value: true }, { time: trip.departAt - 15 * SECOND_MS, value: false });
    door.push({ time: trip.arriveAt + 15 * SECOND_MS, value: true }, { time: trip.arriveAt + 45 * SECOND_MS, value: false });
    if (trip.opensTrunk) trunk.push({ time: trip.arriveAt + 60 * SECOND_MS, value: true }, { time: trip.arriveAt + 180 * SECOND_MS, value: false });
  }
  return { locks, door, trunk };
}

/** Reads locks and openings at `time` (the state is at `time` already). */
export function readOpenings(profile: VehicleProfile, state: VehicleState, plan: DayPlan, time: number, exteriorC: number): Openings {
  const changes = planChanges(plan, state);
  const driving = state.activeTrip >= 0;
  const driverDoor = !driving && (hasPhysicalFault(state, 'door_open', time) || (latest(changes.door, time)?.value ?? false));
  // Windows come down on hot drives; parked cars are left closed.
  const frontWindows = open(driving && exteriorC > 25);
  const plugIn = profile.model.powertrain === 'BEV' || profile.model.powertrain === 'PHEV';
  const portOpen = state.plug !== null || (state.chargePortOverride?.value ?? false);
  return {
    locked: resolve(changes.locks, state.lockOverride, time, true),
    doors: { frontLeft: open(driverDoor), frontRight: 'CLOSED', backLeft: 'CLOSED', backRight: 'CLOSED' },
    windows: { frontLeft: frontWindows, frontRight: frontWindows, backLeft: 'CLOSED', backRight: 'CLOSED' },
    sunroof: 'CLOSED',
    hood: open(!driving && hasPhysicalFault(state, 'hood_open', time)),
    frontStorage: open(!driving && resolve([], state.frontStorageOverride, time, false)),
    rearStorage: open(!driving && (hasPhysicalFault(state, 'trunk_open', time) || resolve(changes.trunk, state.rearStorageOverride, time, false))),
    chargePort: plugIn ? open(portOpen) : null,
  };
}

/** The driver switches on after closing the door to leave, and off before opening it on arrival. */
const IGNITION_BEFORE_DEPARTURE_MS = 15 * SECOND_MS;
const IGNITION_AFTER_ARRIVAL_MS = 15 * SECOND_MS;

/** Whether the ignition is on at `time`: while driving, in the seconds around a realised trip, or left on (a fault). */
export function readIgnition(state: VehicleState, plan: DayPlan, time: number): boolean {
  if (state.activeTrip >= 0 || hasPhysicalFault(state, 'ignition_on', time)) return true;
  return plan.trips.some((trip) =>
    (state.skippedOutings & (1 << trip.outing)) === 0
    && ((time >= trip.departAt - IGNITION_BEFORE_DEPARTURE_MS && time < trip.departAt) || (time >= trip.arriveAt && time < trip.arriveAt + IGNITION_AFTER_ARRIVAL_MS)));
}
