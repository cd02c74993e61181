/**
 * @module The "Day Commute" trip plan: on weekdays home to work in the morning and back in the
 * evening (sometimes an errand after), at weekends errands or an occasional road trip with a public
 * energy stop; departures jitter from day to day. A plan depends only on the vehicle and the day,
 * so any process computes the same one; whether a trip really happens is the engine's decision.
 */
import { destinationPoint, type GeoPoint } from './geography.js';
import type { VehicleProfile } from './profile.js';
import { mixSeeds, Random } from './random.js';
import { buildRoute } from './route.js';
import { MINUTE_MS, isWeekend, localDayStart } from './time.js';

/** What kind of place a trip ends at. */
export type PlaceKind = 'home' | 'work' | 'errand' | 'destination';

/** One planned drive from a place to another. */
export interface PlannedTrip {
  readonly index: number;
  /** Trips from leaving home to getting back form one outing. */
  readonly outing: number;
  readonly departAt: number;
  readonly arriveAt: number;
  readonly distanceKm: number;
  readonly fromKind: PlaceKind;
  readonly toKind: PlaceKind;
  /** The route is rebuilt on demand from its endpoints and seed (plans stay small). */
  readonly routeStart: GeoPoint;
  readonly routeEnd: GeoPoint;
  readonly routeSeed: number;
  /** Driven from `routeEnd` to `routeStart` (the way back of an outing). */
  readonly reversed: boolean;
  /** An energy stop at the destination: a DC fast charger, or a battery swap station. */
  readonly publicStop: 'dc' | 'swap' | null;
  /** The trunk is opened at the destination (shopping, luggage). */
  readonly opensTrunk: boolean;
}

/** A departure or arrival, in time order. */
export interface PlanEvent {
  readonly time: number;
  readonly kind: 'depart' | 'arrive';
  readonly trip: number;
}

/** One day of a vehicle's plan. */
export interface DayPlan {
  readonly dayIndex: number;
  readonly startsAt: number;
  readonly trips: readonly PlannedTrip[];
  /** Total distance of each outing, km (the engine checks there is energy for all of it before leaving). */
  readonly outingKm: readonly number[];
}

/** Nobody drives between these local hours, so a quiet night is guaranteed. */
export const QUIET_FROM_MINUTES = 21 * 60;
export const QUIET_UNTIL_MINUTES = 6 * 60;

interface Leg {
  readonly to: GeoPoint;
  readonly toKind: PlaceKind;
  readonly dwellMinutes: number;
  readonly publicStop?: 'dc' | 'swap' | null;
  readonly opensTrunk?: boolean;
}

class PlanBuilder {
  readonly trips: PlannedTrip[] = [];
  readonly outingKm: number[] = [];

  constructor(
    private readonly profile: VehicleProfile,
    private readonly random: Random,
  ) {}

  /**
   * Adds an outing from home through `legs` and back; false (and nothing added) if it would start
   * before the previous one is over or end in the quiet hours.
   */
  outing(departAt: number, legs: readonly Leg[], latestReturn: number): boolean {
    const previous = this.trips[this.trips.length - 1];
    if (previous !== undefined && departAt < previous.arriveAt + 10 * MINUTE_MS) return false;
    const planned: PlannedTrip[] = [];
    let time = departAt;
    let from: GeoPoint = this.profile.home;
    let fromKind: PlaceKind = 'home';
    const outing = this.outingKm.length;
    const stops: Leg[] = [...legs, { to: this.profile.home, toKind: 'home', dwellMinutes: 0 }];
    for (const leg of stops) {
      const back = leg.toKind === 'home';
      const [routeStart, routeEnd] = back ? [leg.to, from] : [from, leg.to];
      const routeSeed = mixSeeds(this.profile.seed, Math.round(routeStart.latitude * 1e4), Math.round(routeEnd.longitude * 1e4));
      const route = buildRoute(routeStart, routeEnd, routeSeed);
      planned.push({
        index: this.trips.length + planned.length, outing, departAt: time, arriveAt: time + route.durationMs,
        distanceKm: route.lengthKm, fromKind, toKind: leg.toKind, routeStart, routeEnd, routeSeed, reversed: back,
        publicStop: leg.publicStop ?? null, opensTrunk: leg.opensTrunk ?? false,
      });
      time += route.durationMs + leg.dwellMinutes * MINUTE_MS;
      from = leg.to;
      fromKind = leg.toKind;
    }
    const last = planned[planned.length - 1];
    if (last === undefined || last.arriveAt > latestReturn) return false;
    this.trips.push(...planned);
    this.outingKm.push(planned.reduce((sum, trip) => sum + trip.distanceKm, 0));
    return true;
  }

  /** A random place `minKm` to `maxKm` from home. */
  placeNearHome(minKm: number, maxKm: number): GeoPoint {
    return destinationPoint(this.profile.home, this.random.between(0, 360), this.random.between(minKm, maxKm));
  }
}

/** The plan of local day `dayIndex` for a vehicle. */
export function planDay(profile: VehicleProfile, dayIndex: number): DayPlan {
  const random = new Random(mixSeeds(profile.seed, dayIndex, 0x91a7));
  const startsAt = localDayStart(dayIndex, profile.city.utcOffsetMinutes);
  if (profile.routine === 'parked') return { dayIndex, startsAt, trips: [], outingKm: [] };
  const at = (minutes: number): number => startsAt + Math.round(minutes * MINUTE_MS);
  const quietFrom = at(QUIET_FROM_MINUTES);
  const builder = new PlanBuilder(profile, random);
  const { habits } = profile;
  if (!isWeekend(dayIndex) && habits.commutes) {
    const departure = Math.max(QUIET_UNTIL_MINUTES, habits.departMinutes + random.around(0, 15));
    const workMinutes = habits.returnMinutes + random.around(0, 20) - departure;
    builder.outing(at(departure), [{ to: profile.work, toKind: 'work', dwellMinutes: Math.max(60, workMinutes) }], quietFrom);
    const home = builder.trips[builder.trips.length - 1];
    if (home !== undefined && random.chance(habits.eveningErrandChance)) {
      const errand = builder.placeNearHome(2, 8);
      const dwell = random.between(15, 60);
      builder.outing(home.arriveAt + random.between(45, 120) * MINUTE_MS, [{ to: errand, toKind: 'errand', dwellMinutes: dwell, opensTrunk: random.chance(0.5) }], quietFrom);
    }
  } else if (!isWeekend(dayIndex)) {
    if (random.chance(0.7)) {
      const errand = builder.placeNearHome(3, 12);
      builder.outing(at(random.between(600, 900)), [{ to: errand, toKind: 'errand', dwellMinutes: random.between(30, 120), opensTrunk: random.chance(0.5) }], quietFrom);
    }
  } else if (random.chance(habits.roadTripChance)) {
    const destination = builder.placeNearHome(60, 140);
    const publicStop = profile.model.swappable ? 'swap' : profile.model.powertrain === 'BEV' && profile.model.dcKw > 0 ? 'dc' : null;
    builder.outing(at(540 + random.around(0, 10)), [{ to: destination, toKind: 'destination', dwellMinutes: random.between(150, 240), publicStop, opensTrunk: true }], quietFrom);
  } else {
    const errands = random.weighted([0, 1, 2], [0.3, 0.45, 0.25]);
    const windows = [[570, 690], [840, 990]] as const;
    for (let index = 0; index < errands; index++) {
      const [from, to] = windows[index] ?? windows[0];
      const errand = builder.placeNearHome(2, 12);
      builder.outing(at(random.between(from, to)), [{ to: errand, toKind: 'errand', dwellMinutes: random.between(20, 120), opensTrunk: random.chance(0.6) }], quietFrom);
    }
  }
  // The builder refuses overlapping outings; this guards the invariant the engine relies on.
  const ordered = builder.trips.every((trip, index) => trip.departAt < trip.arriveAt && (builder.trips[index - 1]?.arriveAt ?? -Infinity) <= trip.departAt);
  if (!ordered) throw new Error(`plan of ${profile.key} on day ${dayIndex} overlaps itself`);
  return { dayIndex, startsAt, trips: builder.trips, outingKm: builder.outingKm };
}

/**
 * The plan's `index`-th event in time order: departures and arrivals alternate, trip by trip
 * (derived rather than stored, so a cached plan stays small).
 */
export function planEvent(plan: DayPlan, index: number): PlanEvent | undefined {
  const trip = plan.trips[index >> 1];
  if (trip === undefined) return undefined;
  return (index & 1) === 0 ? { time: trip.departAt, kind: 'depart', trip: trip.index } : { time: trip.arriveAt, kind: 'arrive', trip: trip.index };
}
