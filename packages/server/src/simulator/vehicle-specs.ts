/**
 * @module Which vehicles exist: specs drawn from the model catalog for a fleet index or an account,
 * and specs rebuilt from a VIN (the simulator's VINs carry model, battery and year; any other valid
 * VIN gets a plausible model of its make chosen from its characters).
 */
import { makeCatalog } from '../catalog/makes.js';
import { modelsOf, type Powertrain, type VehicleModel } from './models/index.js';
import type { VehicleSpec } from './profile.js';
import { hashString, mixSeeds, Random } from './random.js';
import { decodeVin, simulatedVin } from './vin.js';

/** Model years the simulator issues VINs for: recent enough to be connected, never in the future. */
export const SIMULATED_YEARS = { first: 2012, last: 2025 } as const;

/** A model of `make` drawn with `random`, among those with one of `powertrains` when given (any if none has). */
export function pickModel(make: string, random: Random, powertrains?: readonly Powertrain[]): VehicleModel {
  const all = modelsOf(make);
  const wanted = powertrains === undefined ? all : all.filter((model) => powertrains.includes(model.powertrain));
  return random.pick(wanted.length > 0 ? wanted : all);
}

/** A model year the model was built in, within {@link SIMULATED_YEARS}. */
function pickYear(model: VehicleModel, random: Random): number {
  const first = Math.max(model.firstYear, SIMULATED_YEARS.first);
  const last = Math.max(first, Math.min(model.lastYear, SIMULATED_YEARS.last));
  return random.integer(first, last);
}

/** A new vehicle of `model`: year, battery and VIN drawn from `random`, unique by `entropy`. */
export function newVehicleSpec(key: string, model: VehicleModel, random: Random, entropy: number): VehicleSpec {
  const year = pickYear(model, random);
  const batteryVariant = model.batteries.length > 0 ? random.integer(0, model.batteries.length - 1) : 0;
  return { key, make: model.make, model, year, batteryVariant, vin: simulatedVin({ model, batteryVariant, year, entropy }) };
}

/**
 * Vehicle number `index` of the embedded fleet: makes in turn (so every make is present from the
 * first 44 vehicles on), a model of that make, a year it was built in. The index is the VIN's
 * serial number, so the fleet's VINs are unique.
 */
export function fleetVehicleSpec(fleetSeed: number, index: number, keyOf: (make: string, vin: string) => string): VehicleSpec {
  const make = makeCatalog[index % makeCatalog.length]?.id ?? 'TESLA';
  const random = new Random(mixSeeds(fleetSeed, index, 0xf1ee7));
  const model = pickModel(make, random);
  const draft = newVehicleSpec('', model, random, index);
  return { ...draft, key: keyOf(make, draft.vin) };
}

/**
 * The spec of a vehicle known by its VIN. The simulator's own VINs decode to their model and
 * battery; other VINs (a tester's) get a model of `make`, with one of `powertrains` if given, drawn
 * from the VIN, and the VIN's model year when that model was built then.
 */
export function specFromVin(key: string, make: string, vin: string, powertrains?: readonly Powertrain[]): VehicleSpec {
  const decoded = decodeVin(vin);
  const own = decoded.model !== undefined && decoded.model.make === make && (powertrains === undefined || powertrains.includes(decoded.model.powertrain));
  if (own && decoded.model !== undefined && decoded.modelYear !== undefined) {
    return { key, make, model: decoded.model, year: decoded.modelYear, batteryVariant: decoded.batteryVariant, vin: decoded.vin };
  }
  const random = new Random(hashString(decoded.vin));
  const model = pickModel(make, random, powertrains);
  const year = decoded.modelYear !== undefined && decoded.modelYear >= model.firstYear && decoded.modelYear <= model.lastYear ? decoded.modelYear : pickYear(model, random);
  const batteryVariant = model.batteries.length > 0 ? random.integer(0, model.batteries.length - 1) : 0;
  return { key, make, model, year, batteryVariant, vin: decoded.vin };
}

/**
 * The spec of a vehicle of a known `model` (a test-mode vehicle) carrying `vin`: the VIN's model
 * year and battery when the VIN names this model, else drawn from the VIN.
 */
export function specOfModel(key: string, model: VehicleModel, vin: string): VehicleSpec {
  const decoded = decodeVin(vin);
  const random = new Random(hashString(decoded.vin));
  const year = decoded.modelYear !== undefined && decoded.modelYear >= model.firstYear && decoded.modelYear <= model.lastYear ? decoded.modelYear : pickYear(model, random);
  const named = decoded.model?.make === model.make && decoded.model.code === model.code;
  const batteryVariant = named ? decoded.batteryVariant : model.batteries.length > 0 ? random.integer(0, model.batteries.length - 1) : 0;
  return { key, make: model.make, model, year, batteryVariant, vin: decoded.vin };
}
