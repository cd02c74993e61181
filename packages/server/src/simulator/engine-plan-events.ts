/**
 * @module The plan's events as the engine applies them: departing (call the outing off or refuel
 * first if energy is short, unplug), arriving (plug in at home in the evening, fast charge or swap
 * on a road trip), the daily rollover and the service visit.
 */
import { swapPackFor } from './makes/index.js';
import { plugIn, unplug } from './charging-policy.js';
import type { DayPlan, PlannedTrip } from './day-plan.js';
import { electricConsumptionFactor, fuelConsumptionFactor } from './physics.js';
import { SERVICE_INTERVAL_DAYS, SERVICE_INTERVAL_KM, type VehicleProfile } from './profile.js';
import { Random } from './random.js';
import { buildRoute, positionAlong } from './route.js';
import type { VehicleState } from './state.js';
import { DAY_MS, HOUR_MS, localDayStart } from './time.js';
import type { TransitionSink } from './transitions.js';
import { exteriorTemperature } from './weather.js';

/** A battery electric vehicle keeps this share of its capacity in reserve when deciding to set off. */
const RESERVE_SHARE = 0.05;
/** Combustion vehicles refuel before leaving when the tank is below this share. */
const REFUEL_BELOW = 0.15;

function isFirstOfOuting(plan: DayPlan, trip: PlannedTrip): boolean {
  return plan.trips[trip.index - 1]?.outing !== trip.outing;
}

/** Energy (kWh) an outing needs before its first public energy stop, at the current temperature. */
function outingNeedKwh(plan: DayPlan, trip: PlannedTrip, kwhPerKm: number): number {
  let km = 0;
  for (let index = trip.index; index < plan.trips.length; index++) {
    const leg = plan.trips[index];
    if (leg === undefined || leg.outing !== trip.outing) break;
    km += leg.distanceKm;
    if (leg.publicStop !== null) break;
  }
  return km * kwhPerKm;
}

/** Departs on `trip`, unless the outing it starts cannot be driven. */
export function depart(profile: VehicleProfile, state: VehicleState, plan: DayPlan, trip: PlannedTrip, sink: TransitionSink | undefined): void {
  if ((state.skippedOutings & (1 << trip.outing)) !== 0) return;
  const { model } = profile;
  const temperature = exteriorTemperature(profile.city, state.time);
  const kwhPerKm = (model.whPerKm * electricConsumptionFactor(temperature)) / 1000;
  const litersPerKm = (model.litersPer100Km * fuelConsumptionFactor(temperature)) / 100;
  if (isFirstOfOuting(plan, trip)) {
    if (model.powertrain === 'BEV' && state.energyKwh < outingNeedKwh(plan, trip, kwhPerKm) + RESERVE_SHARE * state.capacityKwh) {
      state.skippedOutings |= 1 << trip.outing;
      sink?.({ type: 'outing_skipped', time: state.time, dayIndex: plan.dayIndex, outing: trip.outing });
      return;
    }
    const outingLiters = (plan.outingKm[trip.outing] ?? 0) * litersPerKm * 1.1;
    if (model.tankLiters > 0 && (state.fuelLiters < REFUEL_BELOW * model.tankLiters || state.fuelLiters < outingLiters)) {
      const liters = model.tankLiters - state.fuelLiters;
      state.fuelLiters = model.tankLiters;
      state.fuelAddedLiters += liters;
      sink?.({ type: 'refueled', time: state.time, liters });
    }
  }
  unplug(state, sink, 'departed');
  state.climateOn = false;
  state.climateAutoOffAt = Number.POSITIVE_INFINITY;
  state.hvacChangedAt = state.time;
  state.lockOverride = null;
  state.frontStorageOverride = null;
  state.rearStorageOverride = null;
  state.activeTrip = trip.index;
  state.tripStartOdometerKm = state.odometerKm;
  state.tripKwhPerKm = kwhPerKm;
  state.tripLitersPerKm = litersPerKm;
  state.lastActivityAt = state.time;
  sink?.({ type: 'departed', time: state.time, dayIndex: plan.dayIndex, trip: trip.index });
}

/** The point and heading at the end of a trip's route. */
export function tripEnd(trip: PlannedTrip): { latitude: number; longitude: number; heading: number } {
  const route = buildRoute(trip.routeStart, trip.routeEnd, trip.routeSeed);
  const end = positionAlong(route, trip.reversed ? 0 : route.lengthKm);
  return { ...end.point, heading: trip.reversed ? (end.headingDegrees + 180) % 360 : end.headingDegrees };
}

/** Arrives from `trip` (if it was driven), then plugs in, fast charges or swaps as the plan and habits say. */
export function arrive(profile: VehicleProfile, state: VehicleState, plan: DayPlan, trip: PlannedTrip, sink: TransitionSink | undefined): void {
  if (state.activeTrip !== trip.index) return;
  state.activeTrip = -1;
  state.odometerKm = state.tripStartOdometerKm + trip.distanceKm;
  const end = tripEnd(trip);
  state.parkedAt = { latitude: end.latitude, longitude: end.longitude };
  state.parkedHeading = end.heading;
  state.parkedAtHome = trip.toKind === 'home';
  state.hvacChangedAt = state.time;
  state.lastActivityAt = state.time;
  sink?.({ type: 'arrived', time: state.time, dayIndex: plan.dayIndex, trip: trip.index });
  const plugInModel = profile.model.powertrain === 'BEV' || profile.model.powertrain === 'PHEV';
  if (!plugInModel) return;
  const random = new Random(trip.routeSeed ^ plan.dayIndex);
  if (trip.publicStop === 'dc') {
    plugIn(profile, state, 'DC', random.pick([50, 150, 150, 250, 350]), true, sink);
  } else if (trip.publicStop === 'swap') {
    swapBattery(profile, state, swapPackFor(profile, state.batteryVariant, random), random.between(0.9, 0.97), sink);
  } else if (trip.toKind === 'home' && state.energyKwh / state.capacityKwh < profile.habits.plugBelow) {
    plugIn(profile, state, 'AC', profile.habits.homeChargerKw, false, sink);
  }
}

/** Exchanges the battery for a charged pack (NIO's swap stations, or an operator's intervention). */
export function swapBattery(profile: VehicleProfile, state: VehicleState, batteryVariant: number, stateOfCharge: number, sink: TransitionSink | undefined): void {
  const pack = profile.model.batteries[batteryVariant];
  if (pack === undefined || state.activeTrip >= 0) return;
  unplug(state, sink, 'swapped');
  const before = state.energyKwh;
  state.batteryVariant = batteryVariant;
  state.capacityKwh = pack.usableKwh;
  state.energyKwh = pack.usableKwh * stateOfCharge;
  state.swappedKwh += state.energyKwh - before;
  state.lastActivityAt = state.time;
  sink?.({ type: 'battery_swapped', time: state.time, batteryVariant, stateOfCharge });
}

/** Oil life left: the larger of the distance and the time since the last service, against their intervals. */
export function oilLife(state: VehicleState, time: number): number {
  const byDistance = (state.odometerKm - state.lastServiceOdometerKm) / SERVICE_INTERVAL_KM;
  const byTime = (time - state.lastServiceAt) / (SERVICE_INTERVAL_DAYS * DAY_MS);
  return Math.min(1, Math.max(0, 1 - Math.max(byDistance, byTime)));
}

/** Local midnight: a new plan, and a service visit at noon if one is due. */
export function rollover(profile: VehicleProfile, state: VehicleState): void {
  state.dayIndex += 1;
  state.planCursor = 0;
  state.skippedOutings = 0;
  const dueSoon = oilLife(state, state.time) < 0.08;
  state.serviceDueAt = dueSoon ? localDayStart(state.dayIndex, profile.city.utcOffsetMinutes) + 12 * HOUR_MS : null;
}

/** The service visit: oil changed, service history grows. */
export function service(state: VehicleState, sink: TransitionSink | undefined): void {
  state.serviceDueAt = null;
  state.lastServiceAt = state.time;
  state.lastServiceOdometerKm = state.odometerKm;
  state.lastActivityAt = state.time;
  sink?.({ type: 'serviced', time: state.time, odometerKm: state.odometerKm });
}
