/**
 * @module Routes: a road-like polyline between two places, driven at a trip's average speed, so
 * position, compass heading and distance travelled follow from the time since departure alone.
 */
import { bearingDegrees, destinationPoint, distanceKm, interpolate, type GeoPoint } from './geography.js';
import { Random } from './random.js';

/** A polyline from a start to an end point with cumulative distances. */
export interface Route {
  readonly points: readonly GeoPoint[];
  /** Distance from the start to each point, km; the last entry is the route's length. */
  readonly cumulativeKm: readonly number[];
  readonly lengthKm: number;
  /** Average speed, km/h: slower for short urban trips, faster where a trip reaches a highway. */
  readonly averageSpeedKmh: number;
  readonly durationMs: number;
}

const WAYPOINTS = 4;

/**
 * Builds the route between two places. Intermediate waypoints are pushed sideways by up to a sixth
 * of the distance, so roads are longer than the straight line, as real ones are; the same seed and
 * endpoints always give the same route.
 */
export function buildRoute(from: GeoPoint, to: GeoPoint, seed: number): Route {
  const random = new Random(seed);
  const straight = Math.max(0.2, distanceKm(from, to));
  const bearing = bearingDegrees(from, to);
  const points: GeoPoint[] = [from];
  for (let index = 1; index <= WAYPOINTS; index++) {
    const along = interpolate(from, to, index / (WAYPOINTS + 1));
    const sideways = random.between(-1, 1) * (straight / 6);
    points.push(destinationPoint(along, bearing + 90, sideways));
  }
  points.push(to);
  const cumulativeKm = [0];
  for (let index = 1; index < points.length; index++) {
    const previous = points[index - 1] ?? from;
    const point = points[index] ?? to;
    cumulativeKm.push((cumulativeKm[index - 1] ?? 0) + distanceKm(previous, point));
  }
  const lengthKm = cumulativeKm[cumulativeKm.length - 1] ?? straight;
  const highwayShare = Math.min(1, Math.max(0, (lengthKm - 5) / 40));
  const averageSpeedKmh = random.between(28, 42) * (1 - highwayShare) + random.between(75, 95) * highwayShare;
  return { points, cumulativeKm, lengthKm, averageSpeedKmh, durationMs: Math.round((lengthKm / averageSpeedKmh) * 3_600_000) };
}

/** Where a vehicle is on a route and which way it faces. */
export interface RoutePosition {
  readonly point: GeoPoint;
  readonly headingDegrees: number;
}

/** Position `km` along the route (clamped to its ends), facing along the segment it is on. */
export function positionAlong(route: Route, km: number): RoutePosition {
  const target = Math.min(Math.max(km, 0), route.lengthKm);
  let segment = 1;
  while (segment < route.points.length - 1 && (route.cumulativeKm[segment] ?? 0) < target) segment++;
  const start = route.points[segment - 1] ?? route.points[0];
  const end = route.points[segment] ?? start;
  if (start === undefined || end === undefined) throw new Error('a route has at least two points');
  const startKm = route.cumulativeKm[segment - 1] ?? 0;
  const segmentKm = (route.cumulativeKm[segment] ?? startKm) - startKm;
  const fraction = segmentKm > 0 ? (target - startKm) / segmentKm : 1;
  return { point: interpolate(start, end, fraction), headingDegrees: bearingDegrees(start, end) };
}
