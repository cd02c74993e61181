/**
 * @module Every vehicle's working state as one row of numbers, plus the few vehicles whose state
 * holds something a number cannot (a command's settings, an override, a fault) in a side table.
 * A state object is built only when a read or the engine needs one, and written back after the
 * engine moved it. Numbers are 64-bit floats, so a state read back is exactly the one stored and
 * the simulation stays deterministic.
 */
import type { Fault } from './interventions.js';
import type { VehicleProfile } from './profile.js';
import { Rows } from './rows.js';
import type { Override, PlugState, VehicleSettings, VehicleState } from './state.js';

/** Number fields of a row, in order. Null is stored as NaN. */
const enum Num {
  Time, OdometerKm, EnergyKwh, CapacityKwh, FuelLiters, ChargeLimit,
  TripStartOdometerKm, TripKwhPerKm, TripLitersPerKm, ParkedLatitude, ParkedLongitude, ParkedHeading,
  PlugChargerKw, PlugSince, PlugHoldUntil, PlugAllowedUntil, PlugLimitOverride,
  ChargingSince, CompletedAt, SessionStart, SessionEnd, SessionStartEnergyKwh, SessionDeliveredKwh, SessionAddedKwh,
  ClimateAutoOffAt, HvacChangedAt, LastActivityAt, LastServiceAt, LastServiceOdometerKm, ServiceDueAt,
  DeliveredKwh, LossKwh, DrivenKwh, ClimateKwh, SwappedKwh, ShortfallKwh, FuelUsedLiters, FuelAddedLiters,
  Width,
}

/** Integer fields of a row, in order. */
const enum Int {
  DayIndex, PlanCursor, InterventionCursor, SkippedOutings, BatteryVariant, ActiveTrip,
  Width,
}

/** Small fields of a row, in order: codes and a byte of flags. */
const enum Small {
  PlugKind, PlugRequest, SessionKind, Flags,
  Width,
}

const PRESENT = 1;
const PARKED_AT_HOME = 2;
const PLUG_PUBLIC = 4;
const CHARGING = 8;
const SESSION_PUBLIC = 16;
const CLIMATE_ON = 32;
const DEFROSTER_ON = 64;
const STEERING_HEATER_ON = 128;

/** Codes by number; 0 is null. */
const currentKinds = [null, 'AC', 'DC'] as const;
const plugRequests = ['auto', 'start', 'stop'] as const;

/** What a state holds that is not a number; kept only for vehicles where one of them is set. */
interface Extras {
  readonly lastInterventionId: string | null;
  readonly lockOverride: Override | null;
  readonly chargePortOverride: Override | null;
  readonly frontStorageOverride: Override | null;
  readonly rearStorageOverride: Override | null;
  /** Null while the settings are still the vehicle's first ones. */
  readonly settings: VehicleSettings | null;
  readonly fault: Fault | null;
}

const noSchedule = Object.freeze({ kind: 'none' as const });

/** Whether `settings` are those a vehicle starts with (so they need not be stored). */
function initialSettings(settings: VehicleSettings, profile: VehicleProfile): boolean {
  return (
    settings.chargeSchedule.kind === 'none' && settings.chargeScheduleRaw === null && settings.amperageLimit === null &&
    settings.cabinTargetC === profile.habits.cabinTargetC && settings.pin === null && settings.destination === null && settings.selectedNominalKwh === null
  );
}

function orNull(value: number | undefined): number | null {
  return value === undefined || Number.isNaN(value) ? null : value;
}

function orNaN(value: number | null): number {
  return value ?? Number.NaN;
}

/** Working states of a fleet, by dense vehicle number. */
export class StateTable {
  readonly #numbers = new Rows(Float64Array, Num.Width);
  readonly #integers = new Rows(Int32Array, Int.Width);
  readonly #small = new Rows(Uint8Array, Small.Width);
  /** When the stored state's next event is due: until then, advancing it changes nothing. */
  readonly #nextEventAt = new Rows(Float64Array, 1, 1024, Number.NEGATIVE_INFINITY);
  readonly #extras = new Map<number, Extras>();

  /** Whether vehicle `row` has a stored state. */
  has(row: number): boolean {
    return ((this.#small.data[row * Small.Width + Small.Flags] ?? 0) & PRESENT) !== 0;
  }

  /** The stored state's next event (negative infinity when unknown). */
  nextEventAt(row: number): number {
    return this.#nextEventAt.data[row] ?? Number.NEGATIVE_INFINITY;
  }

  /** Forgets when the next event is due (the vehicle's interventions changed). */
  forgetNextEvent(row: number): void {
    if (row < this.#nextEventAt.data.length) this.#nextEventAt.data[row] = Number.NEGATIVE_INFINITY;
  }

  /** Vehicle `row`'s stored state as a new object the caller owns, or null when none is stored. */
  read(row: number, profile: VehicleProfile): VehicleState | null {
    if (!this.has(row)) return null;
    const numbers = this.#numbers.data;
    const integers = this.#integers.data;
    const small = this.#small.data;
    const at = row * Num.Width;
    const intAt = row * Int.Width;
    const smallAt = row * Small.Width;
    const flags = small[smallAt + Small.Flags] ?? 0;
    const plugKind = currentKinds[small[smallAt + Small.PlugKind] ?? 0] ?? null;
    const extras = this.#extras.get(row);
    const plug: PlugState | null =
      plugKind === null
        ? null
        : {
            kind: plugKind,
            chargerKw: numbers[at + Num.PlugChargerKw] ?? 0,
            isPublic: (flags & PLUG_PUBLIC) !== 0,
            since: numbers[at + Num.PlugSince] ?? 0,
            holdUntil: numbers[at + Num.PlugHoldUntil] ?? 0,
            allowedUntil: numbers[at + Num.PlugAllowedUntil] ?? 0,
            request: plugRequests[small[smallAt + Small.PlugRequest] ?? 0] ?? 'auto',
            limitOverride: orNull(numbers[at + Num.PlugLimitOverride]),
          };
    return {
      time: numbers[at + Num.Time] ?? 0,
      dayIndex: integers[intAt + Int.DayIndex] ?? 0,
      planCursor: integers[intAt + Int.PlanCursor] ?? 0,
      interventionCursor: integers[intAt + Int.InterventionCursor] ?? 0,
      lastInterventionId: extras?.lastInterventionId ?? null,
      skippedOutings: integers[intAt + Int.SkippedOutings] ?? 0,
      odometerKm: numbers[at + Num.OdometerKm] ?? 0,
      energyKwh: numbers[at + Num.EnergyKwh] ?? 0,
      capacityKwh: numbers[at + Num.CapacityKwh] ?? 0,
      batteryVariant: integers[intAt + Int.BatteryVariant] ?? 0,
      fuelLiters: numbers[at + Num.FuelLiters] ?? 0,
      chargeLimit: numbers[at + Num.ChargeLimit] ?? 0,
      activeTrip: integers[intAt + Int.ActiveTrip] ?? 0,
      tripStartOdometerKm: numbers[at + Num.TripStartOdometerKm] ?? 0,
      tripKwhPerKm: numbers[at + Num.TripKwhPerKm] ?? 0,
      tripLitersPerKm: numbers[at + Num.TripLitersPerKm] ?? 0,
      parkedAt: { latitude: numbers[at + Num.ParkedLatitude] ?? 0, longitude: numbers[at + Num.ParkedLongitude] ?? 0 },
      parkedHeading: numbers[at + Num.ParkedHeading] ?? 0,
      parkedAtHome: (flags & PARKED_AT_HOME) !== 0,
      plug,
      charging: (flags & CHARGING) !== 0,
      chargingSince: numbers[at + Num.ChargingSince] ?? 0,
      completedAt: orNull(numbers[at + Num.CompletedAt]),
      sessionStart: numbers[at + Num.SessionStart] ?? 0,
      sessionEnd: orNull(numbers[at + Num.SessionEnd]),
      sessionStartEnergyKwh: numbers[at + Num.SessionStartEnergyKwh] ?? 0,
      sessionDeliveredKwh: numbers[at + Num.SessionDeliveredKwh] ?? 0,
      sessionAddedKwh: numbers[at + Num.SessionAddedKwh] ?? 0,
      sessionKind: currentKinds[small[smallAt + Small.SessionKind] ?? 0] ?? null,
      sessionPublic: (flags & SESSION_PUBLIC) !== 0,
      climateOn: (flags & CLIMATE_ON) !== 0,
      climateAutoOffAt: numbers[at + Num.ClimateAutoOffAt] ?? 0,
      hvacChangedAt: numbers[at + Num.HvacChangedAt] ?? 0,
      defrosterOn: (flags & DEFROSTER_ON) !== 0,
      steeringHeaterOn: (flags & STEERING_HEATER_ON) !== 0,
      lockOverride: extras?.lockOverride ?? null,
      chargePortOverride: extras?.chargePortOverride ?? null,
      frontStorageOverride: extras?.frontStorageOverride ?? null,
      rearStorageOverride: extras?.rearStorageOverride ?? null,
      settings: extras?.settings ?? {
        chargeSchedule: noSchedule, chargeScheduleRaw: null, amperageLimit: null, cabinTargetC: profile.habits.cabinTargetC,
        pin: null, destination: null, selectedNominalKwh: null,
      },
      fault: extras?.fault ?? null,
      lastActivityAt: numbers[at + Num.LastActivityAt] ?? 0,
      lastServiceAt: numbers[at + Num.LastServiceAt] ?? 0,
      lastServiceOdometerKm: numbers[at + Num.LastServiceOdometerKm] ?? 0,
      serviceDueAt: orNull(numbers[at + Num.ServiceDueAt]),
      deliveredKwh: numbers[at + Num.DeliveredKwh] ?? 0,
      lossKwh: numbers[at + Num.LossKwh] ?? 0,
      drivenKwh: numbers[at + Num.DrivenKwh] ?? 0,
      climateKwh: numbers[at + Num.ClimateKwh] ?? 0,
      swappedKwh: numbers[at + Num.SwappedKwh] ?? 0,
      shortfallKwh: numbers[at + Num.ShortfallKwh] ?? 0,
      fuelUsedLiters: numbers[at + Num.FuelUsedLiters] ?? 0,
      fuelAddedLiters: numbers[at + Num.FuelAddedLiters] ?? 0,
    };
  }

  /** Stores `state` as vehicle `row`'s, with the instant its next event is due. */
  write(row: number, state: VehicleState, profile: VehicleProfile, nextEventAt: number): void {
    this.#numbers.ensure(row);
    this.#integers.ensure(row);
    this.#small.ensure(row);
    this.#nextEventAt.ensure(row);
    const numbers = this.#numbers.data;
    const integers = this.#integers.data;
    const small = this.#small.data;
    const at = row * Num.Width;
    const intAt = row * Int.Width;
    const smallAt = row * Small.Width;
    const { plug } = state;
    numbers[at + Num.Time] = state.time;
    numbers[at + Num.OdometerKm] = state.odometerKm;
    numbers[at + Num.EnergyKwh] = state.energyKwh;
    numbers[at + Num.CapacityKwh] = state.capacityKwh;
    numbers[at + Num.FuelLiters] = state.fuelLiters;
    numbers[at + Num.ChargeLimit] = state.chargeLimit;
    numbers[at + Num.TripStartOdometerKm] = state.tripStartOdometerKm;
    numbers[at + Num.TripKwhPerKm] = state.tripKwhPerKm;
    numbers[at + Num.TripLitersPerKm] = state.tripLitersPerKm;
    numbers[at + Num.ParkedLatitude] = state.parkedAt.latitude;
    numbers[at + Num.ParkedLongitude] = state.parkedAt.longitude;
    numbers[at + Num.ParkedHeading] = state.parkedHeading;
    numbers[at + Num.PlugChargerKw] = plug?.chargerKw ?? 0;
    numbers[at + Num.PlugSince] = plug?.since ?? 0;
    numbers[at + Num.PlugHoldUntil] = plug?.holdUntil ?? 0;
    numbers[at + Num.PlugAllowedUntil] = plug?.allowedUntil ?? 0;
    numbers[at + Num.PlugLimitOverride] = orNaN(plug?.limitOverride ?? null);
    numbers[at + Num.ChargingSince] = state.chargingSince;
    numbers[at + Num.CompletedAt] = orNaN(state.completedAt);
    numbers[at + Num.SessionStart] = state.sessionStart;
    numbers[at + Num.SessionEnd] = orNaN(state.sessionEnd);
    numbers[at + Num.SessionStartEnergyKwh] = state.sessionStartEnergyKwh;
    numbers[at + Num.SessionDeliveredKwh] = state.sessionDeliveredKwh;
    numbers[at + Num.SessionAddedKwh] = state.sessionAddedKwh;
    numbers[at + Num.ClimateAutoOffAt] = state.climateAutoOffAt;
    numbers[at + Num.HvacChangedAt] = state.hvacChangedAt;
    numbers[at + Num.LastActivityAt] = state.lastActivityAt;
    numbers[at + Num.LastServiceAt] = state.lastServiceAt;
    numbers[at + Num.LastServiceOdometerKm] = state.lastServiceOdometerKm;
    numbers[at + Num.ServiceDueAt] = orNaN(state.serviceDueAt);
    numbers[at + Num.DeliveredKwh] = state.deliveredKwh;
    numbers[at + Num.LossKwh] = state.lossKwh;
    numbers[at + Num.DrivenKwh] = state.drivenKwh;
    numbers[at + Num.ClimateKwh] = state.climateKwh;
    numbers[at + Num.SwappedKwh] = state.swappedKwh;
    numbers[at + Num.ShortfallKwh] = state.shortfallKwh;
    numbers[at + Num.FuelUsedLiters] = state.fuelUsedLiters;
    numbers[at + Num.FuelAddedLiters] = state.fuelAddedLiters;
    integers[intAt + Int.DayIndex] = state.dayIndex;
    integers[intAt + Int.PlanCursor] = state.planCursor;
    integers[intAt + Int.InterventionCursor] = state.interventionCursor;
    integers[intAt + Int.SkippedOutings] = state.skippedOutings;
    integers[intAt + Int.BatteryVariant] = state.batteryVariant;
    integers[intAt + Int.ActiveTrip] = state.activeTrip;
    small[smallAt + Small.PlugKind] = plug === null ? 0 : currentKinds.indexOf(plug.kind);
    small[smallAt + Small.PlugRequest] = plug === null ? 0 : plugRequests.indexOf(plug.request);
    small[smallAt + Small.SessionKind] = currentKinds.indexOf(state.sessionKind);
    small[smallAt + Small.Flags] =
      PRESENT |
      (state.parkedAtHome ? PARKED_AT_HOME : 0) |
      (plug?.isPublic === true ? PLUG_PUBLIC : 0) |
      (state.charging ? CHARGING : 0) |
      (state.sessionPublic ? SESSION_PUBLIC : 0) |
      (state.climateOn ? CLIMATE_ON : 0) |
      (state.defrosterOn ? DEFROSTER_ON : 0) |
      (state.steeringHeaterOn ? STEERING_HEATER_ON : 0);
    this.#nextEventAt.data[row] = nextEventAt;
    this.#writeExtras(row, state, profile);
  }

  #writeExtras(row: number, state: VehicleState, profile: VehicleProfile): void {
    const settings = initialSettings(state.settings, profile) ? null : state.settings;
    const plain =
      state.lastInterventionId === null && state.lockOverride === null && state.chargePortOverride === null && state.frontStorageOverride === null &&
      state.rearStorageOverride === null && settings === null && state.fault === null;
    if (plain) {
      this.#extras.delete(row);
      return;
    }
    this.#extras.set(row, {
      lastInterventionId: state.lastInterventionId,
      lockOverride: state.lockOverride,
      chargePortOverride: state.chargePortOverride,
      frontStorageOverride: state.frontStorageOverride,
      rearStorageOverride: state.rearStorageOverride,
      settings,
      fault: state.fault,
    });
  }
}
