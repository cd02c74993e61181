/**
 * @module A Fleet Telemetry record of an emulated car: its configured fields' values, taken from the
 * same `vehicle_data` the Fleet API answers (so both paths agree), in the units and words Tesla's
 * fleet-telemetry protocol uses (miles, whole percents, `DetailedChargeState*` words).
 */
import type { EmulatedGarage, EmulatedVehicle } from './emulated-garage.js';
import type { TelemetryConfig, TelemetryField } from './telemetry-config.js';
import { vehicleData } from './vehicle-data-wire.js';

type Section = Readonly<Record<string, unknown>>;

function section(data: Readonly<Record<string, unknown>>, name: string): Section {
  const value = data[name];
  return typeof value === 'object' && value !== null ? (value as Section) : {};
}

const detailedStates: Readonly<Record<string, string>> = {
  Charging: 'DetailedChargeStateCharging',
  Complete: 'DetailedChargeStateComplete',
  Stopped: 'DetailedChargeStateStopped',
  Disconnected: 'DetailedChargeStateDisconnected',
};

/** The configured fields' current values (a field the car cannot report is left out, as the car does). */
export async function telemetryValues(garage: EmulatedGarage, vehicle: EmulatedVehicle, config: TelemetryConfig, now: number): Promise<Partial<Record<TelemetryField, unknown>>> {
  const data = await vehicleData(garage, vehicle, ['charge_state', 'vehicle_state', 'location_data'], now);
  const charge = section(data, 'charge_state');
  const state = section(data, 'vehicle_state');
  const drive = section(data, 'drive_state');
  const all: Record<TelemetryField, unknown> = {
    BatteryLevel: charge.battery_level,
    EstBatteryRange: charge.est_battery_range,
    RatedRange: charge.battery_range,
    ChargeLimitSoc: charge.charge_limit_soc,
    ChargeState: charge.charging_state,
    DetailedChargeState: typeof charge.charging_state === 'string' ? detailedStates[charge.charging_state] : undefined,
    Odometer: state.odometer,
    Location: typeof drive.latitude === 'number' && typeof drive.longitude === 'number' ? { latitude: drive.latitude, longitude: drive.longitude } : undefined,
    Locked: state.locked,
  };
  const values: Partial<Record<TelemetryField, unknown>> = {};
  for (const field of Object.keys(config.fields) as TelemetryField[]) {
    const value = all[field];
    if (value !== undefined && value !== null) values[field] = value;
  }
  return values;
}
