/**
 * @module Which catalog endpoints a simulated model supports: a base set by powertrain, shaped by a
 * per-make table that follows the seeds (no `/fuel` on a BEV, diagnostics on GM and FCA makes,
 * charge schedules by location on Ford and Lincoln, the Tesla family on Tesla, NIO's packages...).
 */
import type { EndpointId } from '../catalog/endpoints/index.js';
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
}

const diagnostics: readonly EndpointId[] = ['getDiagnosticTroubleCodes', 'getSystemStatus'];
const serviceHistory: readonly EndpointId[] = ['getServiceHistory'];
const navigation: readonly EndpointId[] = ['sendDestination'];
const gm: MakeCapabilityRule = { all: [...diagnostics, ...serviceHistory, ...navigation] };
const gmWithCharging: MakeCapabilityRule = { ...gm, plugIn: ['gmGetChargeCompletionTime', 'gmGetChargeVoltmeter'] };
const fca: MakeCapabilityRule = { all: [...diagnostics, ...serviceHistory] };
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

/** The seeds' 2024 changelog lists exactly what MG supports in Europe. */
const mgPublished: readonly EndpointId[] = ['getVehicleAttributes', 'getLocation', 'controlCharge', 'getBatteryLevel', 'getChargeStatus'];

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
  VOLKSWAGEN: { all: navigation },
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
 * The endpoints a model supports. Compatibility answers, the consent screen and
 * `VEHICLE_NOT_CAPABLE` all derive from this set (through the provider's declaration).
 */
export function modelCapabilities(model: VehicleModel): ReadonlySet<EndpointId> {
  // One set per model, shared by all its vehicles: a large fleet should not hold thousands of copies.
  const cached = cache.get(model);
  if (cached !== undefined) return cached;
  const computed = computeCapabilities(model);
  cache.set(model, computed);
  return computed;
}

const cache = new WeakMap<VehicleModel, ReadonlySet<EndpointId>>();

function computeCapabilities(model: VehicleModel): ReadonlySet<EndpointId> {
  const rule = makeRules[model.make] ?? {};
  const plugIn = model.powertrain === 'BEV' || model.powertrain === 'PHEV';
  const set = new Set<EndpointId>(rule.only ?? basePowertrainSets[model.powertrain]);
  for (const id of rule.all ?? []) set.add(id);
  if (plugIn) for (const id of rule.plugIn ?? []) set.add(id);
  if (model.powertrain === 'BEV') for (const id of rule.electricOnly ?? []) set.add(id);
  for (const id of rule.without ?? []) set.delete(id);
  for (const id of [...set]) {
    if ((needsPlug.has(id) && !plugIn) || (needsFuel.has(id) && model.powertrain === 'BEV')) set.delete(id);
  }
  return set;
}
