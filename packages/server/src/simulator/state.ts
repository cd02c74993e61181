/**
 * @module A vehicle's changing state at one instant. Flat and made of primitives and immutable
 * objects, so a copy is one object spread: readings and look-aheads copy it, the engine mutates its
 * own working copy only.
 */
import type { GeoPoint } from './geography.js';
import { faultInForce, type ChargeSchedulePolicy, type Fault, type PhysicalFaultKind } from './interventions.js';
import type { VehicleProfile } from './profile.js';
import { localDayIndex, localDayStart } from './time.js';

/** A charging cable plugged in, and what it allows. */
export interface PlugState {
  readonly kind: 'AC' | 'DC';
  /** Charger power limit, kW (before the vehicle's and any amperage limit). */
  readonly chargerKw: number;
  readonly isPublic: boolean;
  readonly since: number;
  /** Charging waits until then (a schedule); 0 when it may start at once. */
  readonly holdUntil: number;
  /** Charging pauses then (end of a schedule window); infinity when open-ended. */
  readonly allowedUntil: number;
  /** `auto` follows schedules, `start` forces a charge now, `stop` holds it off. */
  readonly request: 'auto' | 'start' | 'stop';
  /** A limit that replaces the vehicle's for this plug-in (Ford's start-with-schedule charges to 100 %). */
  readonly limitOverride: number | null;
}

/** Settings commands change and the plan does not. */
export interface VehicleSettings {
  readonly chargeSchedule: ChargeSchedulePolicy;
  /** The make's own form of the schedule, as its last command sent it (its module shapes reads from it). */
  readonly chargeScheduleRaw: unknown;
  readonly amperageLimit: number | null;
  readonly cabinTargetC: number;
  readonly pin: string | null;
  readonly destination: GeoPoint | null;
  readonly selectedNominalKwh: number | null;
}

/** An override of what the plan says about an opening or the locks, valid until the plan next acts. */
export interface Override {
  readonly value: boolean;
  readonly at: number;
}

/** The mutable state the engine advances. */
export interface VehicleState {
  time: number;
  dayIndex: number;
  /** Plan events of `dayIndex` already applied. */
  planCursor: number;
  /** Interventions already applied, and the id of the last one (to notice changes to the log). */
  interventionCursor: number;
  lastInterventionId: string | null;
  /** Bit per outing of the day that was called off (not enough energy). */
  skippedOutings: number;

  odometerKm: number;
  energyKwh: number;
  capacityKwh: number;
  batteryVariant: number;
  fuelLiters: number;
  chargeLimit: number;

  /** Index of the trip being driven in today's plan, -1 when parked. */
  activeTrip: number;
  tripStartOdometerKm: number;
  /** kWh and litres per km for the trip being driven, fixed at departure (temperature then). */
  tripKwhPerKm: number;
  tripLitersPerKm: number;
  parkedAt: GeoPoint;
  parkedHeading: number;
  parkedAtHome: boolean;

  plug: PlugState | null;
  charging: boolean;
  chargingSince: number;
  /** When the vehicle last reached its limit while plugged in (null: not since plugging in). */
  completedAt: number | null;
  /** The current or most recent plug-in session. */
  sessionStart: number;
  sessionEnd: number | null;
  sessionStartEnergyKwh: number;
  sessionDeliveredKwh: number;
  sessionAddedKwh: number;
  sessionKind: 'AC' | 'DC' | null;
  sessionPublic: boolean;

  climateOn: boolean;
  climateAutoOffAt: number;
  /** When heating or cooling (climate or driving) last switched on or off. */
  hvacChangedAt: number;
  defrosterOn: boolean;
  steeringHeaterOn: boolean;
  lockOverride: Override | null;
  chargePortOverride: Override | null;
  frontStorageOverride: Override | null;
  rearStorageOverride: Override | null;
  settings: VehicleSettings;
  /** The physical fault last injected (door, hood or trunk open, ignition on, charger failing), until it ends or is cleared. */
  fault: Fault | null;

  lastActivityAt: number;
  lastServiceAt: number;
  lastServiceOdometerKm: number;
  /** When a service visit is due today (engine decides at midnight), else null. */
  serviceDueAt: number | null;

  /** Energy ledger since the simulation began, kWh: delivered from chargers, lost in charging, driven, climate, swapped. */
  deliveredKwh: number;
  lossKwh: number;
  drivenKwh: number;
  climateKwh: number;
  swappedKwh: number;
  /** Energy a trip needed after the battery was empty (should stay 0; trips are called off first). */
  shortfallKwh: number;
  fuelUsedLiters: number;
  fuelAddedLiters: number;
}

/**
 * The cable a parked vehicle starts on: its home charger, charging held off until a command starts
 * it, so the vehicle stays below its limit however long it waits to be connected.
 */
function startingPlug(profile: VehicleProfile, time: number): PlugState | null {
  const plugIn = profile.model.powertrain === 'BEV' || profile.model.powertrain === 'PHEV';
  if (profile.routine !== 'parked' || !plugIn) return null;
  return { kind: 'AC', chargerKw: profile.habits.homeChargerKw, isPublic: false, since: time, holdUntil: 0, allowedUntil: Number.POSITIVE_INFINITY, request: 'stop', limitOverride: null };
}

/** The state at local midnight of the day the simulation begins on. */
export function initialState(profile: VehicleProfile, simulationStart: number): VehicleState {
  const dayIndex = localDayIndex(simulationStart, profile.city.utcOffsetMinutes);
  const time = localDayStart(dayIndex, profile.city.utcOffsetMinutes);
  const capacityKwh = profile.battery?.usableKwh ?? 0;
  const plug = startingPlug(profile, time);
  return {
    time, dayIndex, planCursor: 0, interventionCursor: 0, lastInterventionId: null, skippedOutings: 0,
    odometerKm: profile.start.odometerKm,
    energyKwh: capacityKwh * profile.start.stateOfCharge,
    capacityKwh,
    batteryVariant: profile.batteryVariant,
    fuelLiters: profile.model.tankLiters * profile.start.fuelFraction,
    chargeLimit: profile.start.chargeLimit,
    activeTrip: -1, tripStartOdometerKm: 0, tripKwhPerKm: 0, tripLitersPerKm: 0,
    parkedAt: profile.home, parkedHeading: profile.seed % 360, parkedAtHome: true,
    plug, charging: false, chargingSince: time, completedAt: null,
    sessionStart: time, sessionEnd: plug === null ? time : null, sessionStartEnergyKwh: plug === null ? 0 : capacityKwh * profile.start.stateOfCharge,
    sessionDeliveredKwh: 0, sessionAddedKwh: 0, sessionKind: plug?.kind ?? null, sessionPublic: false,
    climateOn: false, climateAutoOffAt: Number.POSITIVE_INFINITY, hvacChangedAt: time, defrosterOn: false, steeringHeaterOn: false,
    lockOverride: null, chargePortOverride: null, frontStorageOverride: null, rearStorageOverride: null,
    settings: {
      chargeSchedule: { kind: 'none' }, chargeScheduleRaw: null, amperageLimit: null, cabinTargetC: profile.habits.cabinTargetC,
      pin: null, destination: null, selectedNominalKwh: null,
    },
    fault: null,
    lastActivityAt: time,
    lastServiceAt: profile.start.lastServiceAt,
    lastServiceOdometerKm: profile.start.lastServiceOdometerKm,
    serviceDueAt: null,
    deliveredKwh: 0, lossKwh: 0, drivenKwh: 0, climateKwh: 0, swappedKwh: 0, shortfallKwh: 0, fuelUsedLiters: 0, fuelAddedLiters: 0,
  };
}

/** Whether a physical fault of `kind` is in force at `time` (default the state's own time). */
export function hasPhysicalFault(state: VehicleState, kind: PhysicalFaultKind, time = state.time): boolean {
  return state.fault?.kind === kind && faultInForce(state.fault, time);
}

/** A copy the caller may mutate without touching `state` (nested objects are immutable). */
export function copyState(state: VehicleState): VehicleState {
  return { ...state };
}
