/**
 * @module How simulated vehicles are named. The provider's vehicle id is the VIN, followed by a
 * capability level for test-mode vehicles whose email forced one (`<VIN>.bev`); the simulator's key
 * adds mode and make (`test/TESLA/5YJ...`), so the same VIN in two modes is two vehicles.
 */
import { vehicleModes } from '../../catalog/vehicle-modes.js';
import { testCapabilityLevels, type TestCapabilityLevel } from '../../catalog/test-mode-logins.js';
import type { VehicleRef } from '../vehicle-provider.js';

/** The capability levels a test-mode email `<VIN>@<level>.smartcar.com` may force (`compatible`: the make's test vehicle). */
export const capabilityLevels = testCapabilityLevels;
export type CapabilityLevel = TestCapabilityLevel;


/** A provider vehicle id split into its VIN and forced level. */
export interface ParsedVehicleId {
  readonly vin: string;
  readonly level: CapabilityLevel | null;
}

function isLevel(value: string): value is CapabilityLevel {
  return (capabilityLevels as readonly string[]).includes(value);
}

/** The provider vehicle id of a VIN, with the level a test email forced. */
export function vehicleIdOf(vin: string, level: CapabilityLevel | null = null): string {
  return level === null ? vin : `${vin}.${level}`;
}

/** Splits a provider vehicle id; undefined when it is not one this provider issued. */
export function parseVehicleId(providerVehicleId: string): ParsedVehicleId | undefined {
  const [vin, level, extra] = providerVehicleId.split('.');
  if (vin === undefined || !/^[A-HJ-NPR-Z0-9]{17}$/.test(vin) || extra !== undefined) return undefined;
  if (level === undefined) return { vin, level: null };
  return isLevel(level) ? { vin, level } : undefined;
}

/** The simulator key of a vehicle. */
export function keyOf(ref: VehicleRef): string {
  return `${ref.mode}/${ref.make}/${ref.providerVehicleId}`;
}

/** The vehicle a simulator key names, or undefined for a malformed key. */
export function refOfKey(key: string): VehicleRef | undefined {
  const [mode, make, providerVehicleId, extra] = key.split('/');
  const found = vehicleModes.find((candidate) => candidate === mode);
  if (found === undefined || make === undefined || providerVehicleId === undefined || extra !== undefined) return undefined;
  return { mode: found, make, providerVehicleId };
}
