/**
 * @module A reading: what a vehicle reports at one instant, derived on demand from its state, plan
 * and profile. Cheap values (state of charge, odometer, range) are plain getters; the rest (doors,
 * cabin, tires, diagnostics) is computed only when an endpoint asks for it.
 */
import { chargeCurve, climateDrawKw, completionTime, effectiveLimit, LIMIT_TOLERANCE_KWH } from './charging-policy.js';
import type { DayPlan, PlannedTrip } from './day-plan.js';
import { activeDtcs, systemStatuses, type DtcOccurrence, type SystemStatus } from './diagnostics.js';
import { oilLife } from './engine-plan-events.js';
import type { GeoPoint } from './geography.js';
import { acSupply, amperes, chargerPowerKw, dcSupply, electricRangeKm, fuelRangeKm, type ElectricalSupply } from './physics.js';
import type { VehicleProfile } from './profile.js';
import { buildRoute, positionAlong } from './route.js';
import { hasPhysicalFault, type VehicleState } from './state.js';
import { HOUR_MS } from './time.js';
import { tirePressuresKpa } from './tires.js';
import { exteriorTemperature, solarGainC } from './weather.js';
import { readIgnition, readOpenings, type Openings } from './openings.js';

/** How long a service visit keeps the vehicle at the workshop before it is recorded as serviced. */
export const SERVICE_VISIT_MS = 2 * HOUR_MS;

/** The charge-related part of a reading. */
export interface ChargeReading {
  readonly isPluggedIn: boolean;
  readonly kind: 'AC' | 'DC' | null;
  readonly isPublic: boolean;
  readonly state: 'CHARGING' | 'FULLY_CHARGED' | 'NOT_CHARGING';
  /** The plugged-in charger or cable has failed: no charge can start until it is back in order. */
  readonly faulted: boolean;
  /** The limit this plug-in charges to. */
  readonly limit: number;
  /** Power drawn from the charger now, kW (0 unless charging). */
  readonly powerKw: number;
  /** Supply while plugged in (null unplugged). */
  readonly supply: ElectricalSupply | null;
  /** Current per phase now, A (0 unless charging). */
  readonly amperes: number;
  /** Most current the vehicle can draw on this supply, A. */
  readonly maxAmperes: number;
  /** Expected completion while charging, epoch ms. */
  readonly completionAt: number | null;
  readonly sessionStart: number | null;
  readonly sessionDeliveredKwh: number;
  readonly sessionAddedKwh: number;
}

/** Vehicle data at one instant. */
export class VehicleReading {
  #exterior: number | undefined;
  #plan: DayPlan | undefined;

  constructor(
    readonly profile: VehicleProfile,
    /** A copy of the state at `time`; never mutated. */
    readonly state: VehicleState,
    /** Where the plan of `state.dayIndex` comes from; asked only when a figure needs the plan (most reads do not). */
    private readonly plans: { plan(dayIndex: number): DayPlan },
    /** The instant the data describes (for a sleeping vehicle, when it fell asleep). */
    readonly time: number,
    readonly asleep: boolean,
  ) {}

  /** The plan of `state.dayIndex`. */
  get plan(): DayPlan {
    this.#plan ??= this.plans.plan(this.state.dayIndex);
    return this.#plan;
  }

  get odometerKm(): number {
    return this.state.odometerKm;
  }

  get driving(): boolean {
    return this.state.activeTrip >= 0;
  }

  /** State of charge, 0 to 1 (0 for vehicles without a plug). */
  get stateOfCharge(): number {
    return this.state.capacityKwh > 0 ? Math.min(1, Math.max(0, this.state.energyKwh / this.state.capacityKwh)) : 0;
  }

  get exteriorC(): number {
    this.#exterior ??= exteriorTemperature(this.profile.city, this.time);
    return this.#exterior;
  }

  /** Electric range at today's temperature and the model's consumption, km. */
  get electricRangeKm(): number {
    return electricRangeKm(this.state.energyKwh, this.profile.model.whPerKm, this.exteriorC);
  }

  get fuelFraction(): number {
    return this.profile.model.tankLiters > 0 ? this.state.fuelLiters / this.profile.model.tankLiters : 0;
  }

  get fuelRangeKm(): number {
    return fuelRangeKm(this.state.fuelLiters, this.profile.model.litersPer100Km, this.exteriorC);
  }

  /** The trip being driven, if any. */
  get activeTrip(): PlannedTrip | undefined {
    return this.state.activeTrip >= 0 ? this.plan.trips[this.state.activeTrip] : undefined;
  }

  /** Speed, km/h: the trip's average while driving, else 0. */
  get speedKmh(): number {
    const trip = this.activeTrip;
    return trip === undefined ? 0 : (trip.distanceKm / (trip.arriveAt - trip.departAt)) * 3_600_000;
  }

  /** Where the vehicle is and which way it faces. */
  position(): { readonly point: GeoPoint; readonly headingDegrees: number } {
    const trip = this.activeTrip;
    if (trip === undefined) return { point: this.state.parkedAt, headingDegrees: this.state.parkedHeading };
    const route = buildRoute(trip.routeStart, trip.routeEnd, trip.routeSeed);
    const km = (this.state.odometerKm - this.state.tripStartOdometerKm) * (route.lengthKm / trip.distanceKm);
    const position = positionAlong(route, trip.reversed ? route.lengthKm - km : km);
    return trip.reversed ? { point: position.point, headingDegrees: (position.headingDegrees + 180) % 360 } : position;
  }

  charge(): ChargeReading {
    const { state, profile } = this;
    const plug = state.plug;
    const limit = effectiveLimit(state);
    const atLimit = state.energyKwh >= limit * state.capacityKwh - LIMIT_TOLERANCE_KWH;
    const curve = plug === null ? null : chargeCurve(profile, state, plug);
    const powerKw = state.charging && curve !== null ? chargerPowerKw(curve, this.stateOfCharge) : 0;
    const supply = plug === null || curve === null ? null : plug.kind === 'DC' ? dcSupply(profile.model.packVoltage, this.stateOfCharge) : acSupply(profile.region, curve.maxKw);
    const acMax = acSupply(profile.region, profile.model.acKw);
    return {
      isPluggedIn: plug !== null,
      kind: plug?.kind ?? null,
      isPublic: plug?.isPublic ?? false,
      state: state.charging ? 'CHARGING' : plug !== null && atLimit ? 'FULLY_CHARGED' : 'NOT_CHARGING',
      faulted: plug !== null && hasPhysicalFault(state, 'charger_fault', this.time),
      limit,
      powerKw,
      supply,
      amperes: supply === null ? 0 : amperes(powerKw, supply),
      maxAmperes: amperes(profile.model.acKw, acMax),
      completionAt: state.charging ? completionTime(profile, state) : null,
      sessionStart: state.sessionKind === null ? null : state.sessionStart,
      sessionDeliveredKwh: state.sessionDeliveredKwh,
      sessionAddedKwh: state.sessionAddedKwh,
    };
  }

  /** Whether heating or cooling runs (remote climate or driving). */
  get hvacOn(): boolean {
    return this.state.climateOn || this.driving;
  }

  /** Cabin temperature: towards the target while climate runs, towards the parked equilibrium otherwise. */
  cabinC(): number {
    const { state, profile } = this;
    const equilibrium = (time: number): number => exteriorTemperature(profile.city, time) + 0.7 * solarGainC(profile.city, time);
    const target = state.settings.cabinTargetC;
    const since = state.hvacChangedAt;
    const elapsedMinutes = Math.max(0, (this.time - since) / 60_000);
    if (this.hvacOn) return target + (equilibrium(since) - target) * Math.exp(-elapsedMinutes / 8);
    // Switching off leaves the cabin near the target; it then relaxes to the parked equilibrium.
    return equilibrium(this.time) + (target - equilibrium(since)) * Math.exp(-elapsedMinutes / 45);
  }

  /** Climate draw from the battery now, kW. */
  get climateDrawKw(): number {
    return climateDrawKw(this.profile, this.state);
  }

  /** Tire pressures, kPa: front left, front right, back left, back right. */
  tiresKpa(): [number, number, number, number] {
    return tirePressuresKpa(this.profile, this.time, this.exteriorC);
  }

  /** Oil life left, 0 to 1. */
  oilLife(): number {
    return oilLife(this.state, this.time);
  }

  activeDtcs(): DtcOccurrence[] {
    return activeDtcs(this.profile, this.time);
  }

  systemStatuses(): SystemStatus[] {
    return systemStatuses(this.profile, this.time);
  }

  /** Whether the ignition is on (driving, the driver getting in or out, or left on). */
  get ignitionOn(): boolean {
    return readIgnition(this.state, this.plan, this.time);
  }

  /**
   * Whether the vehicle is at the workshop: the two hours before a due service visit is recorded,
   * unless it is out driving. Manufacturers' clouds cannot reach a vehicle then.
   */
  get inService(): boolean {
    const due = this.state.serviceDueAt;
    return due !== null && !this.driving && this.time >= due - SERVICE_VISIT_MS && this.time < due;
  }

  /** Locks, doors, windows, storage and charge port as the plan and overrides leave them. */
  openings(): Openings {
    return readOpenings(this.profile, this.state, this.plan, this.time, this.exteriorC);
  }
}
