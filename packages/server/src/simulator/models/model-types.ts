/** @module What the simulator knows about a vehicle model: powertrain, batteries, consumption, tank, charging limits. */

/** Battery electric, plug-in hybrid, (self-charging) hybrid, or combustion only. */
export type Powertrain = 'BEV' | 'PHEV' | 'HEV' | 'ICE';

/** One battery a model was sold with. */
export interface BatteryVariant {
  /** Energy the owner can use, kWh; what state of charge is a share of. */
  readonly usableKwh: number;
  /** The rated (gross) capacity the nominal-capacity endpoint reports, kWh. */
  readonly nominalKwh: number;
  /** Trim that distinguishes the variant ("Long Range"), or null where the maker names none. */
  readonly trim: string | null;
}

/** One real model of a make, with the figures the physics needs. */
export interface VehicleModel {
  /** Upper-case make id from the makes catalog. */
  readonly make: string;
  /** Position in the make's list; the VIN carries it, so lists only ever grow at the end. */
  readonly code: number;
  /** The name the vehicle reports (`GET /vehicles/{id}`: "Model S", as the seeds' example shows). */
  readonly name: string;
  /**
   * The name the Compatibility API's matrix lists the model under. Usually `name`; the seeds' matrix
   * example prints Nissan's Leaf as "LEAF" and Tesla's Model 3 as "3".
   */
  readonly matrixName: string;
  readonly firstYear: number;
  readonly lastYear: number;
  readonly powertrain: Powertrain;
  /** Empty for HEV and ICE models (their traction battery is not exposed). */
  readonly batteries: readonly BatteryVariant[];
  /** Electric consumption at 20 °C, Wh/km; 0 without a plug. */
  readonly whPerKm: number;
  /** Fuel consumption at 20 °C (PHEV: once the battery is spent), L/100 km; 0 for a BEV. */
  readonly litersPer100Km: number;
  readonly tankLiters: number;
  /** On-board charger limit, kW; 0 without a plug. */
  readonly acKw: number;
  /** Fast-charging limit, kW; 0 where the model cannot fast charge. */
  readonly dcKw: number;
  /** Nominal pack voltage, V: converts DC power to current. */
  readonly packVoltage: number;
  /** Placard cold tire pressure, kPa. */
  readonly tirePressureKpa: number;
  /** The pack is exchanged at swap stations instead of fast charging (NIO). */
  readonly swappable: boolean;
}

/** A model as a data file declares it, before its make and code are attached. */
export type ModelDraft = Omit<VehicleModel, 'make' | 'code'>;

type Years = readonly [number, number];
type Packs = readonly (readonly [usableKwh: number, nominalKwh: number, trim?: string])[];

function packs(list: Packs): BatteryVariant[] {
  return list.map(([usableKwh, nominalKwh, trim]) => ({ usableKwh, nominalKwh, trim: trim ?? null }));
}

/** Optional figures a model overrides. */
interface Extras {
  readonly tireKpa?: number;
  readonly volts?: number;
  readonly swappable?: boolean;
  /** See {@link VehicleModel.matrixName}; defaults to the name. */
  readonly matrixName?: string;
}

/** A battery electric model. */
export function bev(name: string, years: Years, batteries: Packs, whPerKm: number, acKw: number, dcKw: number, extras: Extras = {}): ModelDraft {
  return {
    name, matrixName: extras.matrixName ?? name, firstYear: years[0], lastYear: years[1], powertrain: 'BEV', batteries: packs(batteries), whPerKm,
    litersPer100Km: 0, tankLiters: 0, acKw, dcKw, packVoltage: extras.volts ?? 400, tirePressureKpa: extras.tireKpa ?? 250,
    swappable: extras.swappable ?? false,
  };
}

/** A plug-in hybrid: electric first, then fuel. */
export function phev(
  name: string, years: Years, batteries: Packs, whPerKm: number, litersPer100Km: number, tankLiters: number, acKw: number, dcKw = 0,
  extras: Extras = {},
): ModelDraft {
  return {
    name, matrixName: extras.matrixName ?? name, firstYear: years[0], lastYear: years[1], powertrain: 'PHEV', batteries: packs(batteries), whPerKm, litersPer100Km,
    tankLiters, acKw, dcKw, packVoltage: extras.volts ?? 350, tirePressureKpa: extras.tireKpa ?? 240, swappable: false,
  };
}

/** A self-charging hybrid: fuel only, as far as the API can tell. */
export function hev(name: string, years: Years, litersPer100Km: number, tankLiters: number, extras: Extras = {}): ModelDraft {
  return {
    name, matrixName: extras.matrixName ?? name, firstYear: years[0], lastYear: years[1], powertrain: 'HEV', batteries: [], whPerKm: 0, litersPer100Km, tankLiters,
    acKw: 0, dcKw: 0, packVoltage: 12, tirePressureKpa: extras.tireKpa ?? 240, swappable: false,
  };
}

/** A combustion-only model. */
export function ice(name: string, years: Years, litersPer100Km: number, tankLiters: number, extras: Extras = {}): ModelDraft {
  return {
    name, matrixName: extras.matrixName ?? name, firstYear: years[0], lastYear: years[1], powertrain: 'ICE', batteries: [], whPerKm: 0, litersPer100Km, tankLiters,
    acKw: 0, dcKw: 0, packVoltage: 12, tirePressureKpa: extras.tireKpa ?? 240, swappable: false,
  };
}
