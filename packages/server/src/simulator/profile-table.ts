/**
 * @module Every registered vehicle's profile as one row of numbers: shared things (model, make,
 * city, region) interned, the rest as 64-bit floats so a profile read back is exactly the one
 * drawn. A profile object is built again only when something asks for it.
 */
import type { Region } from '../catalog/types.js';
import type { City } from './geography.js';
import { Interner } from './interner.js';
import type { VehicleModel } from './models/index.js';
import type { Routine, VehicleProfile } from './profile.js';
import { Rows } from './rows.js';

/** Number fields of a row, in order. */
const enum Num {
  Seed, Year, BatteryVariant, HomeLatitude, HomeLongitude, WorkLatitude, WorkLongitude,
  DepartMinutes, ReturnMinutes, PlugBelow, HomeChargerKw, EveningErrandChance, RoadTripChance, CabinTargetC,
  LeakFrontLeft, LeakFrontRight, LeakBackLeft, LeakBackRight, InflationCycleDays, CyclePhaseDays,
  StartOdometerKm, StartStateOfCharge, StartFuelFraction, StartChargeLimit, LastServiceOdometerKm, LastServiceAt, AverageKmPerDay,
  DtcPropensity,
  Width,
}

/** Interned and flag fields of a row, in order. */
const enum Ref {
  Model, Make, City, Region, Routine, Flags,
  Width,
}

const COMMUTES = 1;
const OWNER_SELECTED_CAPACITY = 2;

/** Routines by number; 0 is a spec that named none. */
const routines: readonly (Routine | undefined)[] = [undefined, 'dayCommute', 'parked'];

/** Profiles of a fleet, by dense vehicle number. */
export class ProfileTable {
  readonly #numbers = new Rows(Float64Array, Num.Width);
  readonly #refs = new Rows(Uint16Array, Ref.Width);
  readonly #keys: string[] = [];
  readonly #vins: string[] = [];
  readonly #models = new Interner<VehicleModel>();
  readonly #makes = new Interner<string>();
  readonly #cities = new Interner<City>();
  readonly #regions = new Interner<Region>();

  get size(): number {
    return this.#keys.length;
  }

  /** Stores `profile` as the next vehicle number, and returns that number. */
  add(profile: VehicleProfile): number {
    const row = this.#keys.length;
    this.#numbers.ensure(row);
    this.#refs.ensure(row);
    const numbers = this.#numbers.data;
    const refs = this.#refs.data;
    const at = row * Num.Width;
    const { habits, tires, start } = profile;
    numbers[at + Num.Seed] = profile.seed;
    numbers[at + Num.Year] = profile.year;
    numbers[at + Num.BatteryVariant] = profile.batteryVariant;
    numbers[at + Num.HomeLatitude] = profile.home.latitude;
    numbers[at + Num.HomeLongitude] = profile.home.longitude;
    numbers[at + Num.WorkLatitude] = profile.work.latitude;
    numbers[at + Num.WorkLongitude] = profile.work.longitude;
    numbers[at + Num.DepartMinutes] = habits.departMinutes;
    numbers[at + Num.ReturnMinutes] = habits.returnMinutes;
    numbers[at + Num.PlugBelow] = habits.plugBelow;
    numbers[at + Num.HomeChargerKw] = habits.homeChargerKw;
    numbers[at + Num.EveningErrandChance] = habits.eveningErrandChance;
    numbers[at + Num.RoadTripChance] = habits.roadTripChance;
    numbers[at + Num.CabinTargetC] = habits.cabinTargetC;
    numbers.set(tires.leakKpaPerDay, at + Num.LeakFrontLeft);
    numbers[at + Num.InflationCycleDays] = tires.inflationCycleDays;
    numbers[at + Num.CyclePhaseDays] = tires.cyclePhaseDays;
    numbers[at + Num.StartOdometerKm] = start.odometerKm;
    numbers[at + Num.StartStateOfCharge] = start.stateOfCharge;
    numbers[at + Num.StartFuelFraction] = start.fuelFraction;
    numbers[at + Num.StartChargeLimit] = start.chargeLimit;
    numbers[at + Num.LastServiceOdometerKm] = start.lastServiceOdometerKm;
    numbers[at + Num.LastServiceAt] = start.lastServiceAt;
    numbers[at + Num.AverageKmPerDay] = start.averageKmPerDay;
    numbers[at + Num.DtcPropensity] = profile.dtcPropensity;
    const refAt = row * Ref.Width;
    refs[refAt + Ref.Model] = this.#models.id(profile.model);
    refs[refAt + Ref.Make] = this.#makes.id(profile.make);
    refs[refAt + Ref.City] = this.#cities.id(profile.city);
    refs[refAt + Ref.Region] = this.#regions.id(profile.region);
    refs[refAt + Ref.Routine] = Math.max(0, routines.indexOf(profile.routine));
    refs[refAt + Ref.Flags] = (profile.habits.commutes ? COMMUTES : 0) | (profile.ownerSelectedCapacity ? OWNER_SELECTED_CAPACITY : 0);
    this.#keys.push(profile.key);
    this.#vins.push(profile.vin);
    return row;
  }

  /** The key of vehicle number `row`. */
  key(row: number): string {
    const key = this.#keys[row];
    if (key === undefined) throw new RangeError(`no simulated vehicle number ${row}`);
    return key;
  }

  /** The keys of every vehicle, in number order. */
  keys(): IterableIterator<string> {
    return this.#keys.values();
  }

  /** Vehicle number `row`'s profile, built afresh (equal to the one stored). */
  profile(row: number): VehicleProfile {
    const key = this.key(row);
    const numbers = this.#numbers.data;
    const refs = this.#refs.data;
    const at = row * Num.Width;
    const refAt = row * Ref.Width;
    const model = this.#models.value(refs[refAt + Ref.Model] ?? 0);
    const batteryVariant = numbers[at + Num.BatteryVariant] ?? 0;
    const routine = routines[refs[refAt + Ref.Routine] ?? 0];
    const flags = refs[refAt + Ref.Flags] ?? 0;
    return {
      key,
      make: this.#makes.value(refs[refAt + Ref.Make] ?? 0),
      model,
      year: numbers[at + Num.Year] ?? 0,
      batteryVariant,
      vin: this.#vins[row] ?? '',
      ...(routine === undefined ? {} : { routine }),
      seed: numbers[at + Num.Seed] ?? 0,
      battery: model.batteries[batteryVariant] ?? model.batteries[0],
      city: this.#cities.value(refs[refAt + Ref.City] ?? 0),
      region: this.#regions.value(refs[refAt + Ref.Region] ?? 0),
      home: { latitude: numbers[at + Num.HomeLatitude] ?? 0, longitude: numbers[at + Num.HomeLongitude] ?? 0 },
      work: { latitude: numbers[at + Num.WorkLatitude] ?? 0, longitude: numbers[at + Num.WorkLongitude] ?? 0 },
      habits: {
        commutes: (flags & COMMUTES) !== 0,
        departMinutes: numbers[at + Num.DepartMinutes] ?? 0,
        returnMinutes: numbers[at + Num.ReturnMinutes] ?? 0,
        plugBelow: numbers[at + Num.PlugBelow] ?? 0,
        homeChargerKw: numbers[at + Num.HomeChargerKw] ?? 0,
        eveningErrandChance: numbers[at + Num.EveningErrandChance] ?? 0,
        roadTripChance: numbers[at + Num.RoadTripChance] ?? 0,
        cabinTargetC: numbers[at + Num.CabinTargetC] ?? 0,
      },
      tires: {
        leakKpaPerDay: [numbers[at + Num.LeakFrontLeft] ?? 0, numbers[at + Num.LeakFrontRight] ?? 0, numbers[at + Num.LeakBackLeft] ?? 0, numbers[at + Num.LeakBackRight] ?? 0],
        inflationCycleDays: numbers[at + Num.InflationCycleDays] ?? 0,
        cyclePhaseDays: numbers[at + Num.CyclePhaseDays] ?? 0,
      },
      start: {
        odometerKm: numbers[at + Num.StartOdometerKm] ?? 0,
        stateOfCharge: numbers[at + Num.StartStateOfCharge] ?? 0,
        fuelFraction: numbers[at + Num.StartFuelFraction] ?? 0,
        chargeLimit: numbers[at + Num.StartChargeLimit] ?? 0,
        lastServiceOdometerKm: numbers[at + Num.LastServiceOdometerKm] ?? 0,
        lastServiceAt: numbers[at + Num.LastServiceAt] ?? 0,
        averageKmPerDay: numbers[at + Num.AverageKmPerDay] ?? 0,
      },
      dtcPropensity: numbers[at + Num.DtcPropensity] ?? 0,
      ownerSelectedCapacity: (flags & OWNER_SELECTED_CAPACITY) !== 0,
    };
  }
}
