/** @module Exterior temperature: a seasonal and a daily cycle per city plus day-to-day weather, continuous in time. */
import type { City } from './geography.js';
import { hashString, mixSeeds, Random } from './random.js';
import { DAY_MS, HOUR_MS, dayOfYear, localHourOfDay } from './time.js';

/** Weather differs between cities but is the same for every vehicle of one city (and every process). */
function dailyAnomaly(cityName: string, day: number): number {
  return new Random(mixSeeds(hashString(cityName), day)).around(0, 1.6);
}

/**
 * Exterior temperature in °C at `time` in `city`: coldest around 20 January (northern hemisphere
 * cities only), warmest at 15:00 local, with a weather anomaly that drifts smoothly from day to day.
 */
export function exteriorTemperature(city: City, time: number): number {
  const seasonal = -city.seasonalC * Math.cos((2 * Math.PI * (dayOfYear(time) - 20)) / 365);
  const daily = city.dailyC * Math.cos((2 * Math.PI * (localHourOfDay(time, city.utcOffsetMinutes) - 15)) / 24);
  // Anomalies are anchored at noon UTC of each day and interpolated, so there is no jump at midnight.
  const shifted = (time - 12 * HOUR_MS) / DAY_MS;
  const day = Math.floor(shifted);
  const fraction = shifted - day;
  const anomaly = dailyAnomaly(city.name, day) * (1 - fraction) + dailyAnomaly(city.name, day + 1) * fraction;
  return city.meanC + seasonal + daily + anomaly;
}

/** Sunshine warming a parked cabin: none at night, most at 13:00 local, less in winter. */
export function solarGainC(city: City, time: number): number {
  const hour = localHourOfDay(time, city.utcOffsetMinutes);
  if (hour < 7 || hour > 19) return 0;
  const season = 0.6 + 0.4 * -Math.cos((2 * Math.PI * (dayOfYear(time) - 20)) / 365);
  return 12 * season * Math.sin((Math.PI * (hour - 7)) / 12);
}
