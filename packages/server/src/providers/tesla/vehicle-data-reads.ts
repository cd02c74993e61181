/**
 * @module Tesla's `vehicle_data` sections mapped to the catalog's read endpoints, in metric units
 * (Tesla reports miles, mph and bar) and with each section's own `timestamp` as the time the
 * vehicle recorded the data. Each endpoint names the sections it needs, so one Fleet API call with
 * `endpoints=` serves a whole batch.
 */
import type { EndpointId } from '../../catalog/endpoints/index.js';
import { VehicleError } from '../vehicle-provider.js';

const KM_PER_MILE = 1.609344;
const KPA_PER_BAR = 100;

/** Sections of Tesla's `vehicle_data` (`location_data` adds coordinates to `drive_state`). */
export type TeslaSection = 'charge_state' | 'climate_state' | 'drive_state' | 'location_data' | 'vehicle_config' | 'vehicle_state';

/** A `vehicle_data` response body (`response` of Tesla's envelope), checked to be an object. */
export type VehicleData = Readonly<Record<string, unknown>>;

/** One read's answer, or the sections it needs were missing or malformed. */
interface SectionRead {
  readonly sections: readonly TeslaSection[];
  /** The section whose timestamp dates the answer. */
  readonly datedBy: TeslaSection;
  readonly body: (data: Sections) => unknown;
}

/** Typed access to a `vehicle_data` response's fields; a missing or mistyped field is INVALID_DATA. */
class Sections {
  readonly #data: VehicleData;

  constructor(data: VehicleData) {
    this.#data = data;
  }

  section(name: Exclude<TeslaSection, 'location_data'>): Readonly<Record<string, unknown>> {
    const value = this.#data[name];
    if (typeof value !== 'object' || value === null) throw invalidData(`vehicle_data has no ${name}`);
    return value as Record<string, unknown>;
  }

  number(name: Exclude<TeslaSection, 'location_data'>, field: string): number {
    const value = this.section(name)[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidData(`${name}.${field} is not a number`);
    return value;
  }

  optionalNumber(name: Exclude<TeslaSection, 'location_data'>, field: string): number | null {
    const value = this.section(name)[field];
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  }

  flag(name: Exclude<TeslaSection, 'location_data'>, field: string): boolean {
    const value = this.section(name)[field];
    if (typeof value === 'boolean') return value;
    // Door, window and trunk states are numbers: 0 closed, anything else open.
    if (typeof value === 'number') return value !== 0;
    throw invalidData(`${name}.${field} is not a flag`);
  }

  text(name: Exclude<TeslaSection, 'location_data'>, field: string): string | null {
    const value = this.section(name)[field];
    return typeof value === 'string' ? value : null;
  }

  string(field: string): string | null {
    const value = this.#data[field];
    return typeof value === 'string' ? value : null;
  }
}

export function invalidData(message: string): VehicleError {
  return new VehicleError('UPSTREAM', 'INVALID_DATA', { message: `Tesla answered data Carport cannot read: ${message}.` });
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
const km = (miles: number): number => round(miles * KM_PER_MILE, 2);
const openStatus = (open: boolean): string => (open ? 'OPEN' : 'CLOSED');

/** The catalog's charging states from Tesla's `charging_state`. */
function chargeStateOf(data: Sections): { readonly isPluggedIn: boolean; readonly state: string } {
  const charging = data.text('charge_state', 'charging_state');
  switch (charging) {
    case 'Charging':
    case 'Starting':
      return { isPluggedIn: true, state: 'CHARGING' };
    case 'Complete':
      return { isPluggedIn: true, state: 'FULLY_CHARGED' };
    case 'Stopped':
    case 'NoPower':
      return { isPluggedIn: true, state: 'NOT_CHARGING' };
    case 'Disconnected':
      return { isPluggedIn: false, state: 'NOT_CHARGING' };
    default:
      throw invalidData(`charge_state.charging_state is ${JSON.stringify(charging)}`);
  }
}

const sides = [
  ['frontLeft', 'df', 'fd_window'],
  ['frontRight', 'pf', 'fp_window'],
  ['backLeft', 'dr', 'rd_window'],
  ['backRight', 'pr', 'rp_window'],
] as const;

/** Compass points of a heading, as the catalog names them. */
function compassDirection(heading: number): string {
  const points = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;
  return points[Math.round((((heading % 360) + 360) % 360) / 45) % 8] ?? 'N';
}

/** Model names by Tesla's `car_type`. */
const modelNames: Readonly<Record<string, string>> = { model3: 'Model 3', modely: 'Model Y', models: 'Model S', modelx: 'Model X', cybertruck: 'Cybertruck' };

export function modelOfCarType(carType: string | null): string | null {
  return carType === null ? null : modelNames[carType] ?? null;
}

/** The catalog reads a Tesla serves from `vehicle_data`, by endpoint id. */
export const vehicleDataReads: Readonly<Partial<Record<EndpointId, SectionRead>>> = {
  getOdometer: { sections: ['vehicle_state'], datedBy: 'vehicle_state', body: (data) => ({ distance: km(data.number('vehicle_state', 'odometer')) }) },
  getLocation: {
    sections: ['drive_state', 'location_data'],
    datedBy: 'drive_state',
    body: (data) => ({ latitude: data.number('drive_state', 'latitude'), longitude: data.number('drive_state', 'longitude') }),
  },
  getBatteryLevel: {
    sections: ['charge_state'],
    datedBy: 'charge_state',
    body: (data) => ({ percentRemaining: round(data.number('charge_state', 'battery_level') / 100, 3), range: round(km(data.number('charge_state', 'battery_range')), 1) }),
  },
  getChargeStatus: { sections: ['charge_state'], datedBy: 'charge_state', body: chargeStateOf },
  getChargeLimit: { sections: ['charge_state'], datedBy: 'charge_state', body: (data) => ({ limit: round(data.number('charge_state', 'charge_limit_soc') / 100, 2) }) },
  getLockStatus: {
    sections: ['vehicle_state', 'charge_state'],
    datedBy: 'vehicle_state',
    body: (data) => ({
      isLocked: data.flag('vehicle_state', 'locked'),
      doors: sides.map(([type, door]) => ({ type, status: openStatus(data.flag('vehicle_state', door)) })),
      windows: sides.map(([type, , window]) => ({ type, status: openStatus(data.flag('vehicle_state', window)) })),
      sunroof: [{ type: 'sunroof', status: openStatus((data.optionalNumber('vehicle_state', 'sun_roof_percent_open') ?? 0) > 0) }],
      storage: [
        { type: 'front', status: openStatus(data.flag('vehicle_state', 'ft')) },
        { type: 'rear', status: openStatus(data.flag('vehicle_state', 'rt')) },
      ],
      chargingPort: [{ type: 'chargingPort', status: openStatus(data.flag('charge_state', 'charge_port_door_open')) }],
    }),
  },
  getTirePressure: {
    sections: ['vehicle_state'],
    datedBy: 'vehicle_state',
    body: (data) => {
      const kpa = (field: string): number => round(data.number('vehicle_state', field) * KPA_PER_BAR, 1);
      return { frontLeft: kpa('tpms_pressure_fl'), frontRight: kpa('tpms_pressure_fr'), backLeft: kpa('tpms_pressure_rl'), backRight: kpa('tpms_pressure_rr') };
    },
  },
  teslaGetCompass: {
    sections: ['drive_state'],
    datedBy: 'drive_state',
    body: (data) => {
      const heading = Math.round(data.number('drive_state', 'heading')) % 360;
      return { direction: compassDirection(heading), heading };
    },
  },
  teslaGetSpeedometer: {
    sections: ['drive_state'],
    datedBy: 'drive_state',
    // Tesla reports no speed (null) while the car stands still.
    body: (data) => ({ speed: round((data.optionalNumber('drive_state', 'speed') ?? 0) * KM_PER_MILE, 2) }),
  },
  teslaGetExteriorTemperature: { sections: ['climate_state'], datedBy: 'climate_state', body: (data) => ({ temperature: data.number('climate_state', 'outside_temp') }) },
  teslaGetInteriorTemperature: { sections: ['climate_state'], datedBy: 'climate_state', body: (data) => ({ temperature: data.number('climate_state', 'inside_temp') }) },
  teslaGetCabinClimate: {
    sections: ['climate_state'],
    datedBy: 'climate_state',
    body: (data) => ({ status: data.flag('climate_state', 'is_climate_on') ? 'ON' : 'OFF', temperature: data.number('climate_state', 'driver_temp_setting') }),
  },
  teslaGetVehicleStatus: {
    sections: ['drive_state', 'charge_state'],
    datedBy: 'drive_state',
    body: (data) => {
      const driving = data.text('drive_state', 'shift_state') === 'D' || data.text('drive_state', 'shift_state') === 'R';
      const charging = chargeStateOf(data).state === 'CHARGING';
      return { status: driving ? 'DRIVING' : charging ? 'CHARGING' : 'ONLINE', inService: false, gear: driving ? 'DRIVE' : 'PARK' };
    },
  },
};

/** The time a section was recorded (Tesla's epoch milliseconds). */
export function recordedAt(data: VehicleData, section: TeslaSection): Date {
  const name = section === 'location_data' ? 'drive_state' : section;
  const value = new Sections(data).section(name).timestamp;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidData(`${name}.timestamp is not a number`);
  return new Date(value);
}

/** Answers one endpoint from a `vehicle_data` response. */
export function readFromVehicleData(endpointId: EndpointId, data: VehicleData): { readonly body: unknown; readonly recordedAt: Date } {
  const read = vehicleDataReads[endpointId];
  if (read === undefined) throw new Error(`no vehicle_data mapping for ${endpointId}`);
  return { body: read.body(new Sections(data)), recordedAt: recordedAt(data, read.datedBy) };
}

/** The sections a set of reads needs, for `endpoints=`. */
export function sectionsFor(endpointIds: readonly EndpointId[]): TeslaSection[] {
  return [...new Set(endpointIds.flatMap((id) => vehicleDataReads[id]?.sections ?? []))].sort();
}

/** The `car_type` of a response with `vehicle_config`. */
export function carTypeOf(data: VehicleData): string | null {
  return new Sections(data).section('vehicle_config').car_type as string | null;
}
