/**
 * @module How each kind of intervention changes the state, found by kind in one table. Handlers
 * apply what a real vehicle would do with an already accepted request; refusing requests (locking
 * while driving...) is the provider's job, before the intervention is recorded.
 */
import { plugIn, scheduleWindow, unplug } from './charging-policy.js';
import { swapBattery } from './engine-plan-events.js';
import { isPhysicalFault, type InterventionAction, type InterventionKind, type InterventionOf } from './interventions.js';
import type { VehicleProfile } from './profile.js';
import type { VehicleState } from './state.js';
import { MINUTE_MS } from './time.js';
import type { TransitionSink } from './transitions.js';

/** Climate switched on remotely runs this long unless switched off or driven away. */
const CLIMATE_AUTO_OFF_MS = 30 * MINUTE_MS;

type Handler<K extends InterventionKind> = (
  profile: VehicleProfile,
  state: VehicleState,
  action: InterventionOf<K>,
  sink: TransitionSink | undefined,
) => void;

/** Recomputes a plugged-in vehicle's schedule window after a setting changed. */
function reschedule(profile: VehicleProfile, state: VehicleState): void {
  const plug = state.plug;
  if (plug === null) return;
  state.plug = { ...plug, ...scheduleWindow(profile, state, plug) };
}

const handlers: { readonly [K in InterventionKind]: Handler<K> } = {
  plug(profile, state, action, sink) {
    if (state.activeTrip >= 0 || state.plug !== null) return;
    const { model } = profile;
    const dc = action.charger === 'DC' && model.dcKw > 0;
    const chargerKw = action.powerKw ?? (dc ? 150 : state.parkedAtHome ? profile.habits.homeChargerKw : 7.4);
    plugIn(profile, state, dc ? 'DC' : 'AC', chargerKw, dc || !state.parkedAtHome, sink);
  },
  unplug(_profile, state, _action, sink) {
    unplug(state, sink, 'unplugged');
  },
  charge(_profile, state, action) {
    if (state.plug === null) return;
    state.plug = action.action === 'START'
      ? { ...state.plug, request: 'start', limitOverride: action.limitOverride ?? state.plug.limitOverride }
      : { ...state.plug, request: 'stop' };
  },
  charge_limit(profile, state, action) {
    state.chargeLimit = action.limit;
    reschedule(profile, state);
  },
  lock(_profile, state, action) {
    state.lockOverride = { value: action.locked, at: state.time };
  },
  climate(_profile, state, action) {
    if (action.targetC !== undefined) state.settings = { ...state.settings, cabinTargetC: action.targetC };
    if (action.on === undefined || state.activeTrip >= 0) return;
    if (action.on !== state.climateOn) state.hvacChangedAt = state.time;
    state.climateOn = action.on;
    state.climateAutoOffAt = action.on ? state.time + CLIMATE_AUTO_OFF_MS : Number.POSITIVE_INFINITY;
  },
  defroster(_profile, state, action) {
    state.defrosterOn = action.on;
  },
  steering_heater(_profile, state, action) {
    state.steeringHeaterOn = action.on;
  },
  charge_port(_profile, state, action) {
    state.chargePortOverride = { value: action.open, at: state.time };
  },
  storage(_profile, state, action) {
    const override = { value: action.open, at: state.time };
    if (action.which === 'front') state.frontStorageOverride = override;
    else state.rearStorageOverride = override;
  },
  amperage(_profile, state, action) {
    // The charge curve reads the limit, so the next boundary the engine computes already follows it.
    state.settings = { ...state.settings, amperageLimit: action.amperes };
  },
  charge_schedule(profile, state, action) {
    state.settings = { ...state.settings, chargeSchedule: action.policy, chargeScheduleRaw: action.raw };
    reschedule(profile, state);
  },
  pin(_profile, state, action) {
    state.settings = { ...state.settings, pin: action.pin };
  },
  destination(_profile, state, action) {
    state.settings = { ...state.settings, destination: { latitude: action.latitude, longitude: action.longitude } };
  },
  battery_swap(profile, state, action, sink) {
    swapBattery(profile, state, action.batteryVariant, action.stateOfCharge, sink);
  },
  select_capacity(_profile, state, action) {
    state.settings = { ...state.settings, selectedNominalKwh: action.nominalKwh };
  },
  wake() {
    // Waking is only activity: the caller records the time, which keeps the vehicle awake.
  },
  fault(_profile, state, action) {
    // Most faults change what the manufacturer's cloud answers, not the vehicle (the provider applies
    // them); a physical one is the vehicle's own state. A new fault replaces the last, as in the provider.
    const fault = action.fault !== null && isPhysicalFault(action.fault) ? action.fault : null;
    // Someone opening the car or switching it on wakes it; a failing charger is noticed by the car.
    if (fault !== null) state.lastActivityAt = state.time;
    state.fault = fault;
  },
  clock() {
    // Fleet-wide: read by the fleet clock, never stored under a vehicle.
  },
};

/** Kinds that are not the vehicle doing something (so they do not wake it). */
const passive = new Set<InterventionKind>(['fault', 'clock', 'select_capacity']);

/** Applies one intervention at `state.time`. */
export function applyIntervention(profile: VehicleProfile, state: VehicleState, action: InterventionAction, sink: TransitionSink | undefined): void {
  const handler = handlers[action.kind] as Handler<InterventionKind>;
  handler(profile, state, action, sink);
  if (!passive.has(action.kind)) state.lastActivityAt = state.time;
}
