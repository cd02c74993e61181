/**
 * @module A vehicle's fixed traits, drawn once from the fleet seed and the vehicle's key: where it
 * lives, its owner's habits, its tires, its history before the simulation began. Everything that
 * changes over time lives in the state instead.
 */
import { findMake } from '../catalog/makes.js';
import type { Region } from '../catalog/types.js';
import { citiesIn, destinationPoint, type City, type GeoPoint } from './geography.js';
import type { BatteryVariant, VehicleModel } from './models/index.js';
import { hashString, mixSeeds, Random } from './random.js';
import { DAY_MS } from './time.js';

/**
 * How a vehicle spends its days: `dayCommute` follows the "Day Commute" trip plan (simulated mode
 * and the live fleet); `parked` never drives and waits at home on its charging cable, charging only
 * when told to (Connect's test mode, whose vehicles must answer commands the same way every time).
 */
export type Routine = 'dayCommute' | 'parked';

/** What identifies a simulated vehicle and what it is. */
export interface VehicleSpec {
  /** Unique, stable key (the provider builds it from mode, make and its vehicle id). */
  readonly key: string;
  readonly make: string;
  readonly model: VehicleModel;
  readonly year: number;
  /** Index into `model.batteries` of the pack it left the factory with. */
  readonly batteryVariant: number;
  readonly vin: string;
  /** Default `dayCommute`. */
  readonly routine?: Routine;
}

/** The owner's routine. */
export interface Habits {
  /** Commutes to work on weekdays (otherwise runs errands). */
  readonly commutes: boolean;
  /** Usual departure for work, minutes after local midnight. */
  readonly departMinutes: number;
  /** Usual departure home, minutes after local midnight. */
  readonly returnMinutes: number;
  /** Plugs in on arriving home when the state of charge is below this (above 1: every evening). */
  readonly plugBelow: number;
  /** The wall box at home, kW (AC, 7 to 11). */
  readonly homeChargerKw: number;
  readonly eveningErrandChance: number;
  readonly roadTripChance: number;
  readonly cabinTargetC: number;
}

/** Tire leak rates and the owner's inflation rhythm. */
export interface TireTraits {
  /** Pressure lost per day, kPa: front left, front right, back left, back right. */
  readonly leakKpaPerDay: readonly [number, number, number, number];
  /** Days between top-ups (the owner inflates all four at once). */
  readonly inflationCycleDays: number;
  /** Where in its cycle the vehicle was when the simulation began, days. */
  readonly cyclePhaseDays: number;
}

/** The vehicle's condition when the simulation begins. */
export interface StartingPoint {
  readonly odometerKm: number;
  readonly stateOfCharge: number;
  readonly fuelFraction: number;
  readonly chargeLimit: number;
  readonly lastServiceOdometerKm: number;
  readonly lastServiceAt: number;
  readonly averageKmPerDay: number;
}

/** Everything about a vehicle that does not change over time. */
export interface VehicleProfile extends VehicleSpec {
  readonly seed: number;
  readonly battery: BatteryVariant | undefined;
  readonly city: City;
  readonly region: Region;
  readonly home: GeoPoint;
  readonly work: GeoPoint;
  readonly habits: Habits;
  readonly tires: TireTraits;
  readonly start: StartingPoint;
  /** Weekly chance of a diagnostic trouble code. */
  readonly dtcPropensity: number;
  /** Whether the owner picked the nominal capacity themselves (the nominal-capacity endpoint's third case). */
  readonly ownerSelectedCapacity: boolean;
}

/** Oil is changed (and the car serviced) every this many kilometres or days, whichever comes first. */
export const SERVICE_INTERVAL_KM = 15_000;
export const SERVICE_INTERVAL_DAYS = 365;

/** Draws the profile of `spec` for a fleet seeded with `fleetSeed`; `simulationStart` anchors its history. */
export function createProfile(fleetSeed: number, spec: VehicleSpec, simulationStart: number): VehicleProfile {
  const seed = mixSeeds(fleetSeed, hashString(spec.key));
  const random = new Random(seed);
  const regions = findMake(spec.make)?.regions ?? ['US'];
  const region = random.pick(regions);
  const city = random.pick(citiesIn(region));
  const home = destinationPoint(city, random.between(0, 360), random.between(2, 12));
  const work = destinationPoint(home, random.between(0, 360), random.between(5, 28));
  const plugIn = spec.model.powertrain === 'BEV' || spec.model.powertrain === 'PHEV';
  const habits: Habits = {
    commutes: random.chance(0.8),
    departMinutes: Math.round(random.between(405, 525)),
    returnMinutes: Math.round(random.between(990, 1110)),
    plugBelow: random.chance(0.55) ? 2 : random.between(0.45, 0.75),
    homeChargerKw: region === 'EUROPE' ? random.pick([7.4, 11, 11]) : random.pick([7.2, 9.6, 11.5]),
    eveningErrandChance: random.between(0.1, 0.4),
    roadTripChance: random.between(0.04, 0.12),
    cabinTargetC: Math.round(random.between(19.5, 22.5) * 2) / 2,
  };
  const leaks = [0, 1, 2, 3].map(() => random.between(0.12, 0.4)) as [number, number, number, number];
  if (random.chance(0.12)) leaks[random.integer(0, 3)] = random.between(2, 5);
  const worstLeak = Math.max(...leaks);
  const inflationCycleDays = Math.min(35, (0.12 * spec.model.tirePressureKpa) / worstLeak + 2);
  const tires: TireTraits = { leakKpaPerDay: leaks, inflationCycleDays, cyclePhaseDays: random.between(0, inflationCycleDays) };
  const averageKmPerDay = random.between(28, 60);
  const ageDays = Math.max(20, (new Date(simulationStart).getUTCFullYear() - spec.year + random.between(0.1, 0.9)) * 365);
  const odometerKm = Math.round(ageDays * averageKmPerDay * random.between(0.8, 1.2));
  const sinceService = random.between(0.05, 0.8) * Math.min(SERVICE_INTERVAL_KM, averageKmPerDay * SERVICE_INTERVAL_DAYS);
  const start: StartingPoint = {
    odometerKm,
    // A parked vehicle starts with room to charge and above GM's 50 % floor for charge commands.
    stateOfCharge: plugIn ? (spec.routine === 'parked' ? random.between(0.55, 0.75) : random.between(0.45, 0.9)) : 0,
    fuelFraction: spec.model.tankLiters > 0 ? random.between(0.3, 0.95) : 0,
    chargeLimit: spec.model.powertrain === 'BEV' ? random.pick([0.8, 0.8, 0.9, 0.9, 1]) : 1,
    lastServiceOdometerKm: Math.max(0, odometerKm - sinceService),
    lastServiceAt: simulationStart - Math.round((sinceService / averageKmPerDay) * DAY_MS),
    averageKmPerDay,
  };
  return {
    ...spec,
    seed,
    battery: spec.model.batteries[spec.batteryVariant] ?? spec.model.batteries[0],
    city,
    region,
    home,
    work,
    habits,
    tires,
    start,
    dtcPropensity: random.between(0.1, 0.35),
    ownerSelectedCapacity: random.chance(0.4),
  };
}
