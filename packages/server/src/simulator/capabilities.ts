/**
 * @module Which catalog endpoints a simulated model supports: a base set by powertrain, shaped by a
 * per-make table that follows the seeds (no `/fuel` on a BEV, diagnostics on GM and FCA makes,
 * charge schedules by location on Ford and Lincoln, the Tesla family on Tesla, NIO's packages...).
 */
import type { EndpointId } from '../catalog/endpoints/index.js';
import { findMake } from '../catalog/makes.js';
import type { Region } from '../catalog/types.js';
import type { Powertrain, VehicleModel } from './models/index.js';

const identity: readonly EndpointId[] = ['getVehicleAttributes', 'getVin', 'getOdometer', 'getLocation', 'getLockStatus', 'lockUnlock', 'getTirePressure'];
const combustion: readonly EndpointId[] = ['getFuelTank', 'getEngineOil'];
const electric: readonly EndpointId[] = [
  'getBatteryLevel', 'getNominalCapacity', 'getBatteryCapacity', 'getChargeStatus', 'getChargeLimit', 'controlCharge', 'setChargeLimit',
];

/** The base set by powertrain: what a typical connected vehicle of that kind offers. */
const basePowertrainSets: Readonly<Record<Powertrain, readonly EndpointId[]>> = {
  BEV: [...identity, ...electric],
  // Plug-in hybrids charge to full: the limit is reported but not settable.
  PHEV: [...identity, ...combustion, ...electric.filter((id) => id !== 'setChargeLimit')],
  HEV: [...identity, ...combustion],
  ICE: [...identity, ...combustion],
};

/** How a make changes the base set. */
interface MakeCapabilityRule {
  /** Replaces the base set entirely (makes with a short, published list). */
  readonly only?: readonly EndpointId[];
  /** Added for every model of the make. */
  readonly all?: readonly EndpointId[];
  /** Added for models with a charge port. */
  readonly plugIn?: readonly EndpointId[];
  /** Added for battery electric models only. */
  readonly electricOnly?: readonly EndpointId[];
  /** Removed from the base set. */
  readonly without?: readonly EndpointId[];
  /** Added only for vehicles sold in these regions (a changelog entry scoped to one market). */
  readonly regional?: Readonly<Partial<Record<Region, readonly EndpointId[]>>>;
}

const diagnostics: readonly EndpointId[] = ['getDiagnosticTroubleCodes', 'getSystemStatus'];
/**
 * The seeds' Service History page and 2024 changelog name exactly Ford, Lincoln, Toyota, Lexus, Mazda
 * and Volkswagen (US); GM and FCA makes have diagnostics but no service history.
 */
const serviceHistory: readonly EndpointId[] = ['getServiceHistory'];
const navigation: readonly EndpointId[] = ['sendDestination'];
const gm: MakeCapabilityRule = { all: [...diagnostics, ...navigation] };
const gmWithCharging: MakeCapabilityRule = { ...gm, plugIn: ['gmGetChargeCompletionTime', 'gmGetChargeVoltmeter'] };
const fca: MakeCapabilityRule = { all: diagnostics };
const fordFamily: MakeCapabilityRule = {
  all: [...serviceHistory, ...navigation],
  plugIn: ['fordGetChargeScheduleByLocation', 'fordSetChargeScheduleByLocation'],
};
const bmwFamily: MakeCapabilityRule = { all: navigation, plugIn: ['getChargeRecords'] };
const toyotaFamily: MakeCapabilityRule = { all: serviceHistory, without: ['setChargeLimit'] };

const teslaFamily: readonly EndpointId[] = [
  'teslaGetExtendedVehicleInfo', 'teslaGetVehicleStatus', 'teslaGetAlerts', 'teslaGetCabinClimate', 'teslaGetDefroster',
  'teslaGetSteeringHeater', 'teslaGetExteriorTemperature', 'teslaGetInteriorTemperature', 'teslaGetCompass',
  'teslaGetSpeedometer', 'teslaGetMigrationStatus', 'teslaGetVirtualKeyStatus', 'teslaGetUserAccess', 'teslaGetUserInfo',
  'teslaGetBattery', 'teslaGetChargeStatus', 'teslaGetChargeCompletionTime', 'teslaGetChargeBillingRecords',
  'teslaGetChargeSchedule', 'teslaGetChargeVoltmeter', 'teslaGetChargeWattmeter', 'teslaGetChargeAmmeter',
  'teslaControlChargePort', 'teslaControlFrunk', 'teslaControlTrunk', 'teslaSetPinToDrive', 'teslaClearPinToDrive',
  'teslaSetCabinClimate', 'teslaSetChargeAmmeter', 'teslaSetChargeSchedule', 'teslaSetDefroster', 'teslaSetSteeringHeater',
  'getChargeRecords',
];

/**
 * NIO's data packages: profile, location, vehicle details (lock status, odometer, driving status,
 * gear, temperatures) and charging status, plus starting and stopping a charge. Nothing else.
 */
const nioPackages: readonly EndpointId[] = [
  'getVehicleAttributes', 'getVin', 'getLocation', 'getLockStatus', 'getOdometer', 'getBatteryLevel', 'getChargeStatus',
  'getChargeLimit', 'controlCharge', 'nioGetVehicleProfile', 'nioGetVehicleStatus', 'nioGetInteriorTemperature',
  'nioGetExteriorTemperature', 'nioGetBattery', 'nioGetChargeStatus', 'nioGetChargeWattmeter', 'nioGetChargeCompletionTime',
];

/**
 * MG in Europe: the union of the seeds' two 2024 changelog entries, "Support for MG in Europe" (VIN,
 * odometer, lock status, lock/unlock, tire pressure, get and set charge limit, battery level and
 * capacity) and the one under Dacia (vehicle info, location, control charge, state of charge,
 * charging status). Nothing else.
 */
const mgPublished: readonly EndpointId[] = [
  'getVin', 'getOdometer', 'getLockStatus', 'lockUnlock', 'getTirePressure', 'getChargeLimit', 'setChargeLimit', 'getBatteryLevel',
  'getBatteryCapacity', 'getVehicleAttributes', 'getLocation', 'controlCharge', 'getChargeStatus',
];

/** Per-make rules; a make without an entry offers the base set. */
const makeRules: Readonly<Record<string, MakeCapabilityRule>> = {
  BUICK: gm,
  CADILLAC: gmWithCharging,
  CHEVROLET: gmWithCharging,
  GMC: gm,
  ALFA_ROMEO: fca,
  CHRYSLER: fca,
  DODGE: fca,
  FIAT: fca,
  JEEP: fca,
  RAM: fca,
  FORD: fordFamily,
  LINCOLN: fordFamily,
  BMW: bmwFamily,
  MINI: bmwFamily,
  AUDI: { all: navigation, plugIn: ['audiGetChargeStatus'] },
  MERCEDES_BENZ: { all: navigation },
  MAZDA: { all: serviceHistory },
  VOLKSWAGEN: { all: navigation, regional: { US: serviceHistory } },
  HYUNDAI: { all: navigation },
  KIA: { all: navigation },
  NISSAN: { electricOnly: ['nissanGetChargeSchedule', 'nissanSetChargeSchedule'], without: ['setChargeLimit', 'getChargeLimit'] },
  TOYOTA: toyotaFamily,
  LEXUS: toyotaFamily,
  SUBARU: { without: ['setChargeLimit'] },
  TESLA: { all: [...teslaFamily, ...navigation] },
  NIO: { only: nioPackages },
  MG: { only: mgPublished },
};

/** Endpoints that only make sense with a charge port or a tank, whatever a make's rule says. */
const needsPlug = new Set<EndpointId>(electric);
const needsFuel = new Set<EndpointId>(combustion);

/** Whether answering `id` needs a fuel tank (a vehicle declaring it must burn fuel). */
export function needsFuelTank(id: EndpointId): boolean {
  return needsFuel.has(id);
}

/**
 * Memoises `compute` per model and region: one set shared by every vehicle of that model sold there,
 * so a large fleet does not hold thousands of copies.
 */
function perModelAndRegion(compute: (model: VehicleModel, region: Region) => ReadonlySet<EndpointId>): (model: VehicleModel, region: Region) => ReadonlySet<EndpointId> {
  const cache = new WeakMap<VehicleModel, Map<Region, ReadonlySet<EndpointId>>>();
  return (model, region) => {
    let byRegion = cache.get(model);
    if (byRegion === undefined) {
      byRegion = new Map();
      cache.set(model, byRegion);
    }
    let computed = byRegion.get(region);
    if (computed === undefined) {
      computed = compute(model, region);
      byRegion.set(region, computed);
    }
    return computed;
  };
}

/**
 * The endpoints a model sold in `region` supports. Compatibility answers, the consent screen and
 * `VEHICLE_NOT_CAPABLE` all derive from this set (through the provider's declaration).
 */
export const modelCapabilities = perModelAndRegion(computeCapabilities);

/** The endpoints the model supports in any region its make is sold in. */
export function modelCapabilitiesAnywhere(model: VehicleModel): ReadonlySet<EndpointId> {
  return new Set((findMake(model.make)?.regions ?? []).flatMap((region) => [...modelCapabilities(model, region)]));
}

/**
 * What the model's hardware offers but its make's integration does not serve in `region` (a make's
 * `only` or `without` list: NIO's data packages leave out tire pressures, Toyota's the charge limit).
 * Such an endpoint is `SMARTCAR_NOT_CAPABLE`; one the hardware lacks (`/fuel` on a BEV) `VEHICLE_NOT_CAPABLE`.
 */
export const unservedCapabilities = perModelAndRegion((model, region) => {
  const served = modelCapabilities(model, region);
  return new Set(withoutMissingHardware(model, basePowertrainSets[model.powertrain]).filter((id) => !served.has(id)));
});

/** Drops what needs a charge port or a tank the model does not have. */
function withoutMissingHardware(model: VehicleModel, ids: Iterable<EndpointId>): EndpointId[] {
  const plugIn = model.powertrain === 'BEV' || model.powertrain === 'PHEV';
  return [...ids].filter((id) => !((needsPlug.has(id) && !plugIn) || (needsFuel.has(id) && model.powertrain === 'BEV')));
}

function computeCapabilities(model: VehicleModel, region: Region): ReadonlySet<EndpointId> {
  const rule = makeRules[model.make] ?? {};
  const plugIn = model.powertrain === 'BEV' || model.powertrain === 'PHEV';
  const set = new Set<EndpointId>(rule.only ?? basePowertrainSets[model.powertrain]);
  for (const id of rule.all ?? []) set.add(id);
  if (plugIn) for (const id of rule.plugIn ?? []) set.add(id);
  if (model.powertrain === 'BEV') for (const id of rule.electricOnly ?? []) set.add(id);
  for (const id of rule.regional?.[region] ?? []) set.add(id);
  for (const id of rule.without ?? []) set.delete(id);
  return new Set(withoutMissingHardware(model, set));
}
