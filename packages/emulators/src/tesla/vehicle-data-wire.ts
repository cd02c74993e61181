/**
 * @module Tesla's `vehicle_data` in Tesla's own shape and units (miles, mph, bar, °C, whole
 * percents, epoch milliseconds), built from the simulated Tesla's catalog reads. A section the car
 * cannot report leaves its fields out; `drive_state` carries coordinates only when `location_data`
 * is asked for, as on firmware 2023.38 and later.
 */
import type { EndpointId } from '@carport/server';
import type { EmulatedGarage, EmulatedVehicle, GarageRead } from './emulated-garage.js';

export const vehicleDataSections = ['charge_state', 'climate_state', 'drive_state', 'gui_settings', 'vehicle_config', 'vehicle_state', 'location_data'] as const;
export type VehicleDataSection = (typeof vehicleDataSections)[number];

export function isVehicleDataSection(value: string): value is VehicleDataSection {
  return (vehicleDataSections as readonly string[]).includes(value);
}

const KM_PER_MILE = 1.609344;
const KPA_PER_BAR = 100;

const sectionReads: Readonly<Record<VehicleDataSection, readonly EndpointId[]>> = {
  charge_state: ['getBatteryLevel', 'getChargeStatus', 'getChargeLimit', 'teslaGetChargeStatus'],
  climate_state: ['teslaGetCabinClimate', 'teslaGetExteriorTemperature', 'teslaGetInteriorTemperature'],
  drive_state: ['teslaGetCompass', 'teslaGetSpeedometer', 'teslaGetVehicleStatus'],
  location_data: ['getLocation'],
  gui_settings: [],
  vehicle_config: ['teslaGetExtendedVehicleInfo'],
  vehicle_state: ['getOdometer', 'getLockStatus', 'getTirePressure', 'teslaGetExtendedVehicleInfo'],
};

function miles(km: unknown): number | null {
  return typeof km === 'number' ? Math.round((km / KM_PER_MILE) * 1e4) / 1e4 : null;
}

function openFlag(status: unknown): number {
  return status === 'OPEN' ? 1 : 0;
}

type Bodies = ReadonlyMap<EndpointId, GarageRead>;

function body(reads: Bodies, id: EndpointId): Record<string, unknown> {
  const read = reads.get(id);
  return read?.ok === true ? read.body : {};
}

/** The newest time any of the section's reads was recorded, in epoch milliseconds. */
function timestamp(reads: Bodies, ids: readonly EndpointId[], fallback: number): number {
  const times = ids.map((id) => reads.get(id)).flatMap((read) => (read?.ok === true ? [read.recordedAt.getTime()] : []));
  return times.length === 0 ? fallback : Math.max(...times);
}

function statusOf(entries: unknown, type: string): unknown {
  return Array.isArray(entries) ? (entries.find((entry: unknown) => typeof entry === 'object' && entry !== null && 'type' in entry && entry.type === type) as { status?: unknown } | undefined)?.status : undefined;
}

const chargingStates: Readonly<Record<string, string>> = { CHARGING: 'Charging', FULLY_CHARGED: 'Complete' };

function chargeState(reads: Bodies, time: number): Record<string, unknown> {
  const battery = body(reads, 'getBatteryLevel');
  const status = body(reads, 'getChargeStatus');
  const limit = body(reads, 'getChargeLimit');
  const tesla = body(reads, 'teslaGetChargeStatus');
  const plugged = status.isPluggedIn === true;
  const percent = typeof battery.percentRemaining === 'number' ? Math.round(battery.percentRemaining * 100) : null;
  const completion = typeof tesla.completionTime === 'string' ? Date.parse(tesla.completionTime) : null;
  return {
    battery_level: percent,
    usable_battery_level: percent === null ? null : Math.max(0, percent - 1),
    battery_range: miles(battery.range),
    est_battery_range: typeof battery.range === 'number' ? miles(battery.range * 0.95) : null,
    charge_limit_soc: typeof limit.limit === 'number' ? Math.round(limit.limit * 100) : null,
    charge_limit_soc_min: 50,
    charge_limit_soc_max: 100,
    charge_limit_soc_std: 80,
    charging_state: chargingStates[String(status.state)] ?? (plugged ? 'Stopped' : 'Disconnected'),
    charge_port_door_open: tesla.chargePortOpen === true,
    charge_port_latch: plugged ? 'Engaged' : 'Disengaged',
    charger_actual_current: typeof tesla.amperage === 'number' ? tesla.amperage : 0,
    charger_voltage: typeof tesla.voltage === 'number' ? tesla.voltage : 0,
    charger_power: typeof tesla.wattage === 'number' ? Math.round(tesla.wattage) : 0,
    charger_phases: tesla.chargerPhases ?? null,
    charge_energy_added: tesla.energyAdded ?? 0,
    conn_charge_cable: plugged ? (tesla.connector === '' ? 'SAE' : tesla.connector ?? 'SAE') : '<invalid>',
    fast_charger_present: tesla.fastChargerPresent === true,
    time_to_full_charge: completion === null ? 0 : Math.max(0, Math.round(((completion - time) / 3_600_000) * 100) / 100),
    timestamp: time,
  };
}

function climateState(reads: Bodies, time: number): Record<string, unknown> {
  const cabin = body(reads, 'teslaGetCabinClimate');
  return {
    inside_temp: body(reads, 'teslaGetInteriorTemperature').temperature ?? null,
    outside_temp: body(reads, 'teslaGetExteriorTemperature').temperature ?? null,
    is_climate_on: cabin.status === 'ON',
    driver_temp_setting: cabin.temperature ?? null,
    passenger_temp_setting: cabin.temperature ?? null,
    timestamp: time,
  };
}

function driveState(reads: Bodies, time: number, withLocation: boolean): Record<string, unknown> {
  const speed = body(reads, 'teslaGetSpeedometer').speed;
  const gear = body(reads, 'teslaGetVehicleStatus').gear;
  const state: Record<string, unknown> = {
    heading: body(reads, 'teslaGetCompass').heading ?? null,
    // Tesla reports no speed (null) while parked.
    speed: typeof speed === 'number' && speed > 0 ? Math.round(speed / KM_PER_MILE) : null,
    shift_state: gear === 'DRIVE' ? 'D' : gear === 'PARK' ? 'P' : null,
    power: 0,
    timestamp: time,
  };
  if (withLocation) {
    const location = body(reads, 'getLocation');
    const located = reads.get('getLocation');
    Object.assign(state, {
      latitude: location.latitude ?? null,
      longitude: location.longitude ?? null,
      native_latitude: location.latitude ?? null,
      native_longitude: location.longitude ?? null,
      native_type: 'wgs',
      native_location_supported: 1,
      gps_as_of: located?.ok === true ? Math.floor(located.recordedAt.getTime() / 1000) : null,
    });
  }
  return state;
}

function vehicleState(reads: Bodies, vehicle: EmulatedVehicle, time: number): Record<string, unknown> {
  const lock = body(reads, 'getLockStatus');
  const tires = body(reads, 'getTirePressure');
  const info = body(reads, 'teslaGetExtendedVehicleInfo');
  const bar = (kpa: unknown): number | null => (typeof kpa === 'number' ? Math.round((kpa / KPA_PER_BAR) * 1000) / 1000 : null);
  const sentry = info.sentryMode as { enabled?: unknown } | undefined;
  return {
    odometer: miles(body(reads, 'getOdometer').distance),
    locked: lock.isLocked === true,
    df: openFlag(statusOf(lock.doors, 'frontLeft')),
    pf: openFlag(statusOf(lock.doors, 'frontRight')),
    dr: openFlag(statusOf(lock.doors, 'backLeft')),
    pr: openFlag(statusOf(lock.doors, 'backRight')),
    fd_window: openFlag(statusOf(lock.windows, 'frontLeft')),
    fp_window: openFlag(statusOf(lock.windows, 'frontRight')),
    rd_window: openFlag(statusOf(lock.windows, 'backLeft')),
    rp_window: openFlag(statusOf(lock.windows, 'backRight')),
    ft: openFlag(statusOf(lock.storage, 'front')),
    rt: openFlag(statusOf(lock.storage, 'rear')),
    sun_roof_percent_open: statusOf(lock.sunroof, 'sunroof') === 'OPEN' ? 100 : 0,
    tpms_pressure_fl: bar(tires.frontLeft),
    tpms_pressure_fr: bar(tires.frontRight),
    tpms_pressure_rl: bar(tires.backLeft),
    tpms_pressure_rr: bar(tires.backRight),
    car_version: info.firmwareVersion ?? null,
    sentry_mode: sentry?.enabled === true,
    vehicle_name: vehicle.displayName,
    timestamp: time,
  };
}

function vehicleConfig(reads: Bodies, vehicle: EmulatedVehicle, time: number): Record<string, unknown> {
  const info = body(reads, 'teslaGetExtendedVehicleInfo');
  const style = info.style as { exteriorColor?: unknown } | undefined;
  const wheel = info.wheel as { style?: unknown } | undefined;
  const model = typeof info.model === 'string' ? info.model : vehicle.vin.charAt(3);
  return {
    car_type: model.toLowerCase().replace(/\s+/g, ''),
    trim_badging: info.trimBadging ?? null,
    exterior_color: style?.exteriorColor ?? null,
    wheel_type: wheel?.style ?? null,
    charge_port_type: vehicle.vin.startsWith('5') ? 'US' : 'CCS',
    timestamp: time,
  };
}

/** The `vehicle_data` response for the sections asked for (all but `location_data` when none are). */
export async function vehicleData(garage: EmulatedGarage, vehicle: EmulatedVehicle, asked: readonly VehicleDataSection[], now: number): Promise<Record<string, unknown>> {
  const sections = asked.length === 0 ? vehicleDataSections.filter((section) => section !== 'location_data') : asked;
  const withLocation = sections.includes('location_data');
  const ids = [...new Set(sections.flatMap((section) => [...sectionReads[section], ...(section === 'location_data' ? sectionReads.drive_state : [])]))];
  const reads = await garage.read(vehicle, ids);
  const data: Record<string, unknown> = {
    id: Number(vehicle.id),
    id_s: vehicle.id,
    user_id: 0,
    vehicle_id: vehicle.vehicleId,
    vin: vehicle.vin,
    display_name: vehicle.displayName,
    state: 'online',
    in_service: false,
    access_type: 'OWNER',
    api_version: 80,
  };
  if (sections.includes('charge_state')) data.charge_state = chargeState(reads, timestamp(reads, sectionReads.charge_state, now));
  if (sections.includes('climate_state')) data.climate_state = climateState(reads, timestamp(reads, sectionReads.climate_state, now));
  if (sections.includes('drive_state') || withLocation) data.drive_state = driveState(reads, timestamp(reads, [...sectionReads.drive_state, ...(withLocation ? sectionReads.location_data : [])], now), withLocation);
  if (sections.includes('gui_settings')) data.gui_settings = { gui_distance_units: 'mi/hr', gui_temperature_units: 'F', gui_charge_rate_units: 'mi/hr', gui_range_display: 'Rated', gui_24_hour_time: false, timestamp: now };
  if (sections.includes('vehicle_config')) data.vehicle_config = vehicleConfig(reads, vehicle, timestamp(reads, sectionReads.vehicle_config, now));
  if (sections.includes('vehicle_state')) data.vehicle_state = vehicleState(reads, vehicle, timestamp(reads, sectionReads.vehicle_state, now));
  return data;
}

/** One entry of `GET /api/1/vehicles`. */
export function vehicleListEntry(vehicle: EmulatedVehicle): Record<string, unknown> {
  return {
    id: Number(vehicle.id),
    id_s: vehicle.id,
    vehicle_id: vehicle.vehicleId,
    vin: vehicle.vin,
    display_name: vehicle.displayName,
    color: null,
    access_type: 'OWNER',
    tokens: null,
    state: vehicle.asleep ? 'asleep' : 'online',
    in_service: false,
    calendar_enabled: true,
    api_version: 80,
    backseat_token: null,
    backseat_token_updated_at: null,
  };
}
