/**
 * @module The NIO Vehicle API's attributes in NIO's wire shape, one resource per data package
 * (profile, location, details, charging), built from the simulated NIO's catalog reads. Units are
 * NIO's: kilometres, °C, SOC in percent, kW, kWh, minutes; `sample_time` is epoch milliseconds of
 * the newest reading the resource holds.
 */
import type { EndpointId } from '@carport/server';
import type { NioGarage, NioGarageRead, NioVehicle } from './nio-garage.js';

/** The API's resources, each behind the scope of its data package. */
export const nioResources = {
  profile: { scope: 'vehicle_profile', reads: ['nioGetVehicleProfile'] },
  location: { scope: 'location', reads: ['getLocation'] },
  details: { scope: 'vehicle_details', reads: ['getLockStatus', 'getOdometer', 'nioGetVehicleStatus', 'nioGetInteriorTemperature', 'nioGetExteriorTemperature'] },
  charging: { scope: 'charging_status', reads: ['nioGetBattery', 'nioGetChargeStatus'] },
} as const satisfies Readonly<Record<string, { readonly scope: string; readonly reads: readonly EndpointId[] }>>;
export type NioResource = keyof typeof nioResources;

export function isNioResource(value: string): value is NioResource {
  return Object.hasOwn(nioResources, value);
}

type Reads = ReadonlyMap<EndpointId, NioGarageRead>;

function body(reads: Reads, id: EndpointId): Record<string, unknown> {
  const read = reads.get(id);
  return read?.ok === true ? read.body : {};
}

function sampleTime(reads: Reads, fallback: number): number {
  const times = [...reads.values()].flatMap((read) => (read.ok ? [read.recordedAt.getTime()] : []));
  return times.length === 0 ? fallback : Math.max(...times);
}

const percent = (fraction: unknown): number | null => (typeof fraction === 'number' ? Math.round(fraction * 1000) / 10 : null);
const drivingStatuses: Readonly<Record<string, string>> = { DRIVING: 'driving', PARKED: 'parked', ASLEEP: 'sleeping' };
const gears: Readonly<Record<string, string>> = { PARK: 'P', REVERSE: 'R', NEUTRAL: 'N', DRIVE: 'D' };
const chargeStates: Readonly<Record<string, string>> = { CHARGING: 'charging', FULLY_CHARGED: 'fully_charged', NOT_CHARGING: 'not_charging' };

function wire(resource: NioResource, reads: Reads): Record<string, unknown> {
  switch (resource) {
    case 'profile': {
      const profile = body(reads, 'nioGetVehicleProfile');
      const style = profile.style as { exteriorColor?: unknown } | undefined;
      return {
        brand: profile.brand ?? null,
        model_type: profile.model ?? null,
        model_picture: profile.modelPictureUrl ?? null,
        color: style?.exteriorColor ?? null,
        personalized_name: profile.nickname ?? null,
        virtual_vehicle_id: profile.virtualVehicleId ?? null,
      };
    }
    case 'location': {
      const location = body(reads, 'getLocation');
      return { latitude: location.latitude ?? null, longitude: location.longitude ?? null, coordinate_system: 'WGS84' };
    }
    case 'details': {
      const status = body(reads, 'nioGetVehicleStatus');
      return {
        lock_status: body(reads, 'getLockStatus').isLocked === true ? 'locked' : 'unlocked',
        odometer: body(reads, 'getOdometer').distance ?? null,
        driving_status: drivingStatuses[String(status.status)] ?? null,
        gear: gears[String(status.gear)] ?? null,
        cabin_temperature: body(reads, 'nioGetInteriorTemperature').temperature ?? null,
        exterior_temperature: body(reads, 'nioGetExteriorTemperature').temperature ?? null,
      };
    }
    case 'charging': {
      const battery = body(reads, 'nioGetBattery');
      const charge = body(reads, 'nioGetChargeStatus');
      return {
        battery_usable_capacity: battery.usableCapacity ?? null,
        user_soc: percent(battery.percentRemaining),
        remaining_charging_time: charge.timeRemaining ?? null,
        charging_port_connect_status: charge.isPluggedIn === true ? 'connected' : 'disconnected',
        charge_state: chargeStates[String(charge.state)] ?? 'not_charging',
        charge_limit_soc: percent(charge.socLimit),
        charging_power: charge.wattage ?? 0,
      };
    }
  }
}

/** One resource of a vehicle as NIO's API answers it (the envelope's `data`). */
export async function resourceData(garage: NioGarage, vehicle: NioVehicle, resource: NioResource, now: number): Promise<Record<string, unknown>> {
  const reads = await garage.read(vehicle, nioResources[resource].reads);
  return { ...wire(resource, reads), sample_time: sampleTime(reads, now) };
}

/** A vehicle as the vehicle list names it. */
export function vehicleListEntry(vehicle: NioVehicle): Record<string, unknown> {
  return { virtual_vehicle_id: vehicle.virtualVehicleId, vin: vehicle.vin, brand: 'NIO', model_type: vehicle.modelType, online: !vehicle.offline };
}
