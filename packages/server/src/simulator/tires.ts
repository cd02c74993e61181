/**
 * @module Tire pressure: each tire leaks slowly (one may have a slow puncture), the owner tops all
 * four up on a regular cycle, and the pressure moves with the temperature (ideal gas, about 1 %
 * per 3 °C). A closed form of time, so no state is kept.
 */
import type { VehicleProfile } from './profile.js';
import { DAY_MS } from './time.js';

/** Pressures are placard values at this temperature. */
const REFERENCE_C = 20;
/** The TPMS warns below this share of the placard pressure. */
export const TPMS_WARNING_SHARE = 0.85;

/** Tire order in every array: front left, front right, back left, back right. */
export const tirePositions = ['frontLeft', 'frontRight', 'backLeft', 'backRight'] as const;
export type TirePosition = (typeof tirePositions)[number];

/** Days since the owner last inflated the tires. */
export function daysSinceInflation(profile: VehicleProfile, time: number): number {
  const { inflationCycleDays, cyclePhaseDays } = profile.tires;
  const days = time / DAY_MS + cyclePhaseDays;
  return ((days % inflationCycleDays) + inflationCycleDays) % inflationCycleDays;
}

/** Pressure of each tire, kPa, at `time` with the air at `temperatureC`. */
export function tirePressuresKpa(profile: VehicleProfile, time: number, temperatureC: number): [number, number, number, number] {
  const days = daysSinceInflation(profile, time);
  const thermal = (temperatureC + 273.15) / (REFERENCE_C + 273.15);
  const placard = profile.model.tirePressureKpa;
  const [a, b, c, d] = profile.tires.leakKpaPerDay;
  return [a, b, c, d].map((leak) => Math.max(0, (placard - leak * days) * thermal)) as [number, number, number, number];
}

/** The first tire below the TPMS threshold, if any. */
export function lowTire(profile: VehicleProfile, pressures: readonly number[]): TirePosition | undefined {
  const threshold = TPMS_WARNING_SHARE * profile.model.tirePressureKpa;
  const index = pressures.findIndex((pressure) => pressure < threshold);
  return index < 0 ? undefined : tirePositions[index];
}
