/** @module Where simulated vehicles live: home cities per region with their climate, and spherical geometry. */
import type { Region } from '../catalog/types.js';

/** A city vehicles are based in, with the figures of its temperature cycle. */
export interface City {
  readonly name: string;
  readonly region: Region;
  readonly latitude: number;
  readonly longitude: number;
  /** Standard time offset from UTC, minutes. */
  readonly utcOffsetMinutes: number;
  /** Yearly mean temperature, °C. */
  readonly meanC: number;
  /** Half the difference between the warmest and coldest month, °C. */
  readonly seasonalC: number;
  /** Half the typical difference between afternoon and dawn, °C. */
  readonly dailyC: number;
}

const city = (name: string, region: Region, latitude: number, longitude: number, utcOffsetHours: number, meanC: number, seasonalC: number, dailyC: number): City => ({
  name, region, latitude, longitude, utcOffsetMinutes: utcOffsetHours * 60, meanC, seasonalC, dailyC,
});

/** Cities by region; a vehicle's home is near one of its make's regions' cities. */
export const cities: readonly City[] = [
  city('San Francisco', 'US', 37.7749, -122.4194, -8, 14.5, 3.5, 4.5),
  city('Los Angeles', 'US', 34.0522, -118.2437, -8, 18.5, 4.5, 5.5),
  city('Seattle', 'US', 47.6062, -122.3321, -8, 11.5, 7, 4.5),
  city('Denver', 'US', 39.7392, -104.9903, -7, 10.5, 11, 8),
  city('Austin', 'US', 30.2672, -97.7431, -6, 21, 9, 6),
  city('Chicago', 'US', 41.8781, -87.6298, -6, 10.5, 14, 5),
  city('Detroit', 'US', 42.3314, -83.0458, -5, 10, 13, 5),
  city('New York', 'US', 40.7128, -74.006, -5, 13, 12, 4.5),
  city('Atlanta', 'US', 33.749, -84.388, -5, 17.5, 9.5, 5.5),
  city('Toronto', 'CA', 43.6532, -79.3832, -5, 9, 14, 5),
  city('Montreal', 'CA', 45.5017, -73.5673, -5, 7, 16, 5),
  city('Vancouver', 'CA', 49.2827, -123.1207, -8, 11, 7, 4),
  city('Calgary', 'CA', 51.0447, -114.0719, -7, 5, 12, 7),
  city('Munich', 'EUROPE', 48.1351, 11.582, 1, 9.5, 9.5, 5),
  city('Berlin', 'EUROPE', 52.52, 13.405, 1, 10, 9.5, 4.5),
  city('Paris', 'EUROPE', 48.8566, 2.3522, 1, 12.5, 8, 4.5),
  city('Amsterdam', 'EUROPE', 52.3676, 4.9041, 1, 10.5, 7, 4),
  city('London', 'EUROPE', 51.5074, -0.1278, 0, 11.5, 7, 4),
  city('Oslo', 'EUROPE', 59.9139, 10.7522, 1, 6.5, 10.5, 4),
  city('Stockholm', 'EUROPE', 59.3293, 18.0686, 1, 7.5, 10.5, 4),
  city('Milan', 'EUROPE', 45.4642, 9.19, 1, 13.5, 10.5, 5),
  city('Madrid', 'EUROPE', 40.4168, -3.7038, 1, 15, 10, 7),
  city('Copenhagen', 'EUROPE', 55.6761, 12.5683, 1, 9, 8.5, 3.5),
];

/** The cities of a region. */
export function citiesIn(region: Region): readonly City[] {
  return cities.filter((candidate) => candidate.region === region);
}

/** A point on the Earth. */
export interface GeoPoint {
  readonly latitude: number;
  readonly longitude: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;
const toDegrees = (radians: number): number => (radians * 180) / Math.PI;

/** Great-circle distance, km. */
export function distanceKm(from: GeoPoint, to: GeoPoint): number {
  const dLat = toRadians(to.latitude - from.latitude);
  const dLon = toRadians(to.longitude - from.longitude);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(from.latitude)) * Math.cos(toRadians(to.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Initial compass bearing from one point to another, degrees in [0, 360). */
export function bearingDegrees(from: GeoPoint, to: GeoPoint): number {
  const lat1 = toRadians(from.latitude);
  const lat2 = toRadians(to.latitude);
  const dLon = toRadians(to.longitude - from.longitude);
  const y = Math.sin(dLon) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLon);
  return (toDegrees(Math.atan2(y, x)) + 360) % 360;
}

/** The point `km` away from `from` along `bearing` degrees. */
export function destinationPoint(from: GeoPoint, bearing: number, km: number): GeoPoint {
  const angular = km / EARTH_RADIUS_KM;
  const theta = toRadians(bearing);
  const lat1 = toRadians(from.latitude);
  const lon1 = toRadians(from.longitude);
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(angular) + Math.cos(lat1) * Math.sin(angular) * Math.cos(theta));
  const lon2 = lon1 + Math.atan2(Math.sin(theta) * Math.sin(angular) * Math.cos(lat1), Math.cos(angular) - Math.sin(lat1) * Math.sin(lat2));
  return { latitude: toDegrees(lat2), longitude: ((toDegrees(lon2) + 540) % 360) - 180 };
}

/** Linear interpolation between two nearby points (fine at city scale). */
export function interpolate(from: GeoPoint, to: GeoPoint, fraction: number): GeoPoint {
  return {
    latitude: from.latitude + (to.latitude - from.latitude) * fraction,
    longitude: from.longitude + (to.longitude - from.longitude) * fraction,
  };
}

const compassPoints = ['N', 'NNE', 'NE', 'ENE', 'E', 'ESE', 'SE', 'SSE', 'S', 'SSW', 'SW', 'WSW', 'W', 'WNW', 'NW', 'NNW'] as const;

/** The 16-point compass direction of a heading, e.g. 185 → `S`. */
export function compassDirection(heading: number): string {
  return compassPoints[Math.round((((heading % 360) + 360) % 360) / 22.5) % 16] ?? 'N';
}
