/**
 * @module The engine: advances a vehicle's state to an instant by jumping from one discrete event to
 * the next (plan departures and arrivals, interventions, charge completion, schedule edges, climate
 * auto-off, midnight) and solving the continuous parts (driving, charging, climate) in closed form
 * in between. A day costs a handful of steps, so the state at any time is cheap to compute lazily.
 */
import { chargeCurve, climateDrawKw, completionTime, scheduleWindow, updateCharging } from './charging-policy.js';
import { planEvent as planEventAt, type DayPlan } from './day-plan.js';
import { applyIntervention } from './engine-interventions.js';
import { arrive, depart, rollover, service } from './engine-plan-events.js';
import type { Intervention } from './interventions.js';
import { energyAfterCharging } from './physics.js';
import type { VehicleProfile } from './profile.js';
import type { VehicleState } from './state.js';
import { DAY_MS, HOUR_MS } from './time.js';
import type { TransitionSink } from './transitions.js';

/** What the engine needs besides the state: the vehicle and its (cached) plans. */
export interface EngineContext {
  readonly profile: VehicleProfile;
  /** The plan of a local day; callers cache it, the engine asks every step. */
  plan(dayIndex: number): DayPlan;
}

/** More steps than any real span needs; reaching it means a bug, not a long span. */
const MAX_STEPS_PER_DAY = 10_000;

/** Moves the continuous quantities from `state.time` to `time`, assuming no discrete event in between. */
export function integrate(context: EngineContext, state: VehicleState, time: number): void {
  const elapsed = time - state.time;
  if (elapsed <= 0) return;
  const { profile } = context;
  if (state.activeTrip >= 0) {
    const trip = context.plan(state.dayIndex).trips[state.activeTrip];
    if (trip !== undefined) {
      const km = Math.min((trip.distanceKm * elapsed) / (trip.arriveAt - trip.departAt), state.tripStartOdometerKm + trip.distanceKm - state.odometerKm);
      drive(profile, state, Math.max(0, km));
    }
  } else if (state.charging && state.plug !== null) {
    const curve = chargeCurve(profile, state, state.plug);
    const draw = climateDrawKw(profile, state);
    const hours = elapsed / HOUR_MS;
    const energy = energyAfterCharging(state.energyKwh, state.capacityKwh, hours, curve, draw);
    // Conservation: what the charger delivered reaches the battery at `efficiency`, feeding the climate draw first.
    const delivered = (energy - state.energyKwh + draw * hours) / curve.efficiency;
    state.deliveredKwh += delivered;
    state.lossKwh += delivered * (1 - curve.efficiency);
    state.climateKwh += draw * hours;
    state.sessionDeliveredKwh += delivered;
    state.sessionAddedKwh += delivered * curve.efficiency;
    state.energyKwh = energy;
  } else {
    const used = Math.min(state.energyKwh, (climateDrawKw(profile, state) * elapsed) / HOUR_MS);
    state.energyKwh -= used;
    state.climateKwh += used;
  }
  state.time = time;
}

/** Spends the energy for `km`: electricity first (plug-in hybrids too), then fuel. */
function drive(profile: VehicleProfile, state: VehicleState, km: number): void {
  state.odometerKm += km;
  let fuelKm = km;
  if (state.tripKwhPerKm > 0) {
    const electricKm = profile.model.powertrain === 'BEV' ? km : Math.min(km, state.energyKwh / state.tripKwhPerKm);
    const needed = electricKm * state.tripKwhPerKm;
    const spent = Math.min(needed, state.energyKwh);
    state.energyKwh -= spent;
    state.drivenKwh += spent;
    state.shortfallKwh += needed - spent;
    fuelKm = km - electricKm;
  }
  if (fuelKm > 0 && state.tripLitersPerKm > 0) {
    const liters = Math.min(state.fuelLiters, fuelKm * state.tripLitersPerKm);
    state.fuelLiters -= liters;
    state.fuelUsedLiters += liters;
  }
}

/** The next instant a continuous quantity crosses a threshold, or infinity. Never before `state.time`. */
function nextBoundary(context: EngineContext, state: VehicleState): number {
  let boundary = Number.POSITIVE_INFINITY;
  const plug = state.plug;
  if (plug !== null && state.activeTrip < 0) {
    if (state.charging) boundary = Math.min(completionTime(context.profile, state), plug.allowedUntil);
    else if (plug.request === 'auto') {
      if (plug.holdUntil > state.time) boundary = plug.holdUntil;
      else if (plug.allowedUntil < Number.POSITIVE_INFINITY) boundary = plug.allowedUntil;
    }
  }
  if (state.climateOn) boundary = Math.min(boundary, state.climateAutoOffAt);
  if (state.serviceDueAt !== null) boundary = Math.min(boundary, state.serviceDueAt);
  // A physical fault that ends by itself (a charger back in order) may let charging resume.
  if (state.fault !== null && state.fault.until !== null) boundary = Math.min(boundary, state.fault.until);
  return Math.max(boundary, state.time);
}

/** Applies whatever crossed its threshold at `state.time`; each clears its own condition, so the loop moves on. */
function applyBoundary(context: EngineContext, state: VehicleState, sink: TransitionSink | undefined): void {
  if (state.serviceDueAt !== null && state.serviceDueAt <= state.time) service(state, sink);
  if (state.fault !== null && state.fault.until !== null && state.fault.until <= state.time) state.fault = null;
  if (state.climateOn && state.climateAutoOffAt <= state.time) {
    state.climateOn = false;
    state.climateAutoOffAt = Number.POSITIVE_INFINITY;
    state.hvacChangedAt = state.time;
    state.lastActivityAt = state.time;
  }
  const plug = state.plug;
  if (plug !== null && plug.allowedUntil <= state.time) {
    state.plug = { ...plug, ...scheduleWindow(context.profile, state, plug) };
  } else if (plug !== null && plug.holdUntil !== 0 && plug.holdUntil <= state.time) {
    state.plug = { ...plug, holdUntil: 0 };
  }
}

/**
 * Applies every event at or before `time` to `state`: boundaries first, then the plan, then
 * interventions (so a command issued at the instant of an arrival acts on the arrived vehicle),
 * then midnight. The state is left at its last event, never in between: continuous quantities are
 * integrated from event to event only, so the result does not depend on when, or how often, it was
 * read (floating-point sums would otherwise differ between processes). {@link project} gives the
 * state at `time` itself. `interventions` is the vehicle's whole ordered log; the state remembers
 * how many it has applied. Returns when the next event is due (after `time`): until then,
 * advancing the state again changes nothing unless the interventions change.
 */
export function advance(
  context: EngineContext,
  state: VehicleState,
  time: number,
  interventions: readonly Intervention[],
  sink?: TransitionSink,
): number {
  const { profile } = context;
  let steps = 0;
  for (;;) {
    if (++steps > MAX_STEPS_PER_DAY * (2 + Math.ceil((time - state.time) / DAY_MS))) {
      throw new Error(`simulation of ${profile.key} does not converge at ${new Date(state.time).toISOString()}`);
    }
    const plan = context.plan(state.dayIndex);
    const dayEnd = plan.startsAt + DAY_MS;
    const planEvent = planEventAt(plan, state.planCursor);
    const intervention = interventions[state.interventionCursor];
    const boundary = nextBoundary(context, state);
    const next = Math.max(state.time, Math.min(planEvent?.time ?? Infinity, intervention?.at ?? Infinity, boundary, dayEnd));
    if (next > time) return next;
    integrate(context, state, next);
    if (boundary <= next) {
      applyBoundary(context, state, sink);
    } else if (planEvent !== undefined && planEvent.time <= next) {
      state.planCursor += 1;
      const trip = plan.trips[planEvent.trip];
      if (trip !== undefined && planEvent.kind === 'depart') depart(profile, state, plan, trip, sink);
      else if (trip !== undefined) arrive(profile, state, plan, trip, sink);
    } else if (intervention !== undefined && intervention.at <= next) {
      state.interventionCursor += 1;
      state.lastInterventionId = intervention.id;
      applyIntervention(profile, state, intervention.action, sink);
    } else {
      rollover(profile, state);
    }
    updateCharging(state, sink);
  }
}

/**
 * The state at `time`, a copy integrated forward from `state` (which {@link advance} left at its
 * last event at or before `time`); the caller's state is untouched.
 */
export function project(context: EngineContext, state: VehicleState, time: number): VehicleState {
  const copy = { ...state };
  integrate(context, copy, time);
  return copy;
}
