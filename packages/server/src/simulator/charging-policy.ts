/**
 * @module When a plugged-in vehicle charges and how fast: the charge curve from charger, vehicle and
 * amperage limits; schedules (start time, departure time, windows); plugging and unplugging; and
 * the started/stopped/completed transitions that become charging events.
 */
import type { ChargeWindow } from './interventions.js';
import {
  AC_EFFICIENCY, DC_EFFICIENCY, CLIMATE_DRAW_KW, acSupply, hoursToReach, type ChargeCurve,
} from './physics.js';
import type { VehicleProfile } from './profile.js';
import { hasPhysicalFault, type PlugState, type VehicleState } from './state.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, localDayIndex, localDayStart, weekdayOf } from './time.js';
import type { ChargeStopReason, TransitionSink } from './transitions.js';

/** Energy within this of the limit counts as at the limit (closed-form solutions land a hair short). */
export const LIMIT_TOLERANCE_KWH = 1e-6;

/** The limit charging stops at for the current plug-in. */
export function effectiveLimit(state: VehicleState): number {
  return state.plug?.limitOverride ?? state.chargeLimit;
}

/** The curve of the current plug-in: the lowest of charger, vehicle and amperage limits. */
export function chargeCurve(profile: VehicleProfile, state: VehicleState, plug: PlugState): ChargeCurve {
  const { model } = profile;
  if (plug.kind === 'DC' && model.dcKw > 0) {
    return { maxKw: Math.min(plug.chargerKw, model.dcKw), efficiency: DC_EFFICIENCY, tapers: true };
  }
  let maxKw = Math.min(plug.chargerKw, model.acKw);
  const amperes = state.settings.amperageLimit;
  if (amperes !== null) {
    const supply = acSupply(profile.region, maxKw);
    maxKw = Math.min(maxKw, (amperes * supply.volts * supply.phases) / 1000);
  }
  return { maxKw, efficiency: AC_EFFICIENCY, tapers: false };
}

/** What climate draws from the battery while parked, kW. */
export function climateDrawKw(profile: VehicleProfile, state: VehicleState): number {
  const plugIn = profile.model.powertrain === 'BEV' || profile.model.powertrain === 'PHEV';
  return plugIn && state.climateOn && state.activeTrip < 0 ? CLIMATE_DRAW_KW : 0;
}

/** Whether energy should be flowing now. */
export function shouldCharge(state: VehicleState): boolean {
  const plug = state.plug;
  if (plug === null || plug.request === 'stop') return false;
  // A failing charger (or cable) delivers nothing, whatever was requested.
  if (hasPhysicalFault(state, 'charger_fault')) return false;
  if (plug.request === 'auto' && (state.time < plug.holdUntil || state.time >= plug.allowedUntil)) return false;
  return state.energyKwh < effectiveLimit(state) * state.capacityKwh - LIMIT_TOLERANCE_KWH;
}

/** When charging in progress reaches its limit, or infinity. */
export function completionTime(profile: VehicleProfile, state: VehicleState): number {
  if (!state.charging || state.plug === null) return Number.POSITIVE_INFINITY;
  const curve = chargeCurve(profile, state, state.plug);
  const hours = hoursToReach(state.energyKwh, effectiveLimit(state) * state.capacityKwh, state.capacityKwh, curve, climateDrawKw(profile, state));
  return state.time + hours * HOUR_MS;
}

/** Starts or stops the flow of energy to match {@link shouldCharge}, reporting the transition. */
export function updateCharging(state: VehicleState, sink: TransitionSink | undefined, stopReason: ChargeStopReason = 'schedule'): void {
  const wanted = shouldCharge(state);
  if (wanted === state.charging) return;
  const stateOfCharge = state.capacityKwh > 0 ? state.energyKwh / state.capacityKwh : 0;
  state.charging = wanted;
  state.lastActivityAt = state.time;
  if (wanted) {
    state.chargingSince = state.time;
    state.completedAt = null;
    sink?.({ type: 'charging_started', time: state.time, stateOfCharge });
    return;
  }
  const atLimit = state.plug !== null && state.energyKwh >= effectiveLimit(state) * state.capacityKwh - LIMIT_TOLERANCE_KWH;
  if (atLimit) {
    state.completedAt = state.time;
    sink?.({ type: 'charging_completed', time: state.time, stateOfCharge });
  } else {
    const reason = state.plug === null ? stopReason : state.plug.request === 'stop' ? 'stopped' : 'schedule';
    sink?.({ type: 'charging_stopped', time: state.time, stateOfCharge, reason });
  }
}

/** Start of the window containing `time` or the next one, with its end; searched a week ahead. */
function windowAround(windows: readonly ChargeWindow[], time: number, utcOffsetMinutes: number): { start: number; end: number } | undefined {
  const today = localDayIndex(time, utcOffsetMinutes);
  let best: { start: number; end: number } | undefined;
  for (let day = today - 1; day <= today + 7; day++) {
    const weekday = weekdayOf(day);
    const midnight = localDayStart(day, utcOffsetMinutes);
    for (const window of windows) {
      if (!window.days.includes(weekday)) continue;
      const start = midnight + window.startMinutes * MINUTE_MS;
      const length = ((window.endMinutes - window.startMinutes + 1440) % 1440 || 1440) * MINUTE_MS;
      const end = start + length;
      if (end <= time) continue;
      if (best === undefined || start < best.start) best = { start, end };
    }
  }
  return best;
}

/** The next local instant at `minutes` after midnight, strictly after `time`. */
function nextClockTime(time: number, minutes: number, utcOffsetMinutes: number): number {
  const today = localDayStart(localDayIndex(time, utcOffsetMinutes), utcOffsetMinutes) + minutes * MINUTE_MS;
  return today > time ? today : today + DAY_MS;
}

/**
 * When home charging may run under the schedule, from `state.time` on. Public chargers ignore
 * schedules, as cars do. A start time reached less than six hours ago still counts (plugging in
 * at 1:00 with a 23:30 start charges at once).
 */
export function scheduleWindow(profile: VehicleProfile, state: VehicleState, plug: Pick<PlugState, 'kind' | 'chargerKw' | 'isPublic'>): { holdUntil: number; allowedUntil: number } {
  const open = { holdUntil: 0, allowedUntil: Number.POSITIVE_INFINITY };
  if (plug.isPublic) return open;
  const policy = state.settings.chargeSchedule;
  const offset = profile.city.utcOffsetMinutes;
  switch (policy.kind) {
    case 'none':
      return open;
    case 'startTime': {
      const next = nextClockTime(state.time, policy.minutes, offset);
      return next - DAY_MS > state.time - 6 * HOUR_MS ? open : { holdUntil: next, allowedUntil: Number.POSITIVE_INFINITY };
    }
    case 'departureTime': {
      const departure = nextClockTime(state.time, policy.minutes, offset);
      const curve = chargeCurve(profile, state, { ...plug, since: state.time, holdUntil: 0, allowedUntil: Infinity, request: 'auto', limitOverride: null });
      const hours = hoursToReach(state.energyKwh, state.chargeLimit * state.capacityKwh, state.capacityKwh, curve);
      const start = departure - hours * HOUR_MS - 15 * MINUTE_MS;
      return start > state.time ? { holdUntil: start, allowedUntil: Number.POSITIVE_INFINITY } : open;
    }
    case 'windows': {
      if (policy.windows.length === 0) return open;
      const window = windowAround(policy.windows, state.time, offset);
      return window === undefined ? open : { holdUntil: window.start <= state.time ? 0 : window.start, allowedUntil: window.end };
    }
  }
}

/** Plugs a cable in at the vehicle's location. */
export function plugIn(profile: VehicleProfile, state: VehicleState, kind: 'AC' | 'DC', chargerKw: number, isPublic: boolean, sink: TransitionSink | undefined): void {
  const window = scheduleWindow(profile, state, { kind, chargerKw, isPublic });
  state.plug = { kind, chargerKw, isPublic, since: state.time, ...window, request: 'auto', limitOverride: null };
  state.completedAt = null;
  state.chargePortOverride = null;
  state.sessionStart = state.time;
  state.sessionEnd = null;
  state.sessionStartEnergyKwh = state.energyKwh;
  state.sessionDeliveredKwh = 0;
  state.sessionAddedKwh = 0;
  state.sessionKind = kind;
  state.sessionPublic = isPublic;
  state.lastActivityAt = state.time;
  sink?.({ type: 'plugged', time: state.time, kind, isPublic });
}

/** Unplugs, ending the session (and any charge, for `reason`). */
export function unplug(state: VehicleState, sink: TransitionSink | undefined, reason: ChargeStopReason): void {
  if (state.plug === null) return;
  const kind = state.plug.kind;
  state.plug = null;
  updateCharging(state, sink, reason);
  state.completedAt = null;
  state.sessionEnd = state.time;
  state.chargePortOverride = null;
  state.lastActivityAt = state.time;
  const capacity = state.capacityKwh > 0 ? state.capacityKwh : 1;
  sink?.({
    type: 'session_ended',
    time: state.time,
    session: {
      start: state.sessionStart, end: state.time, kind, isPublic: state.sessionPublic, location: state.parkedAt,
      deliveredKwh: state.sessionDeliveredKwh, addedKwh: state.sessionAddedKwh,
      startStateOfCharge: state.sessionStartEnergyKwh / capacity, endStateOfCharge: state.energyKwh / capacity,
    },
  });
}
