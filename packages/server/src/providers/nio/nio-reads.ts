/**
 * @module NIO's data-package resources mapped to the catalog's read endpoints. Each endpoint names
 * the one resource it needs (`profile`, `location`, `details`, `charging`), so a batch fetches each
 * resource once, and is dated by that resource's `sample_time` (epoch milliseconds), the time the
 * vehicle recorded it. NIO reports metric units already; SOC and charge limit come in percent.
 */
import type { EndpointId } from '../../catalog/endpoints/index.js';
import { VehicleError } from '../vehicle-provider.js';
import { nioInvalidData } from './nio-result-codes.js';

/** The API's resources, one per readable data package. */
export const nioResources = ['profile', 'location', 'details', 'charging'] as const;
export type NioResource = (typeof nioResources)[number];

/** Typed access to one resource's fields; a missing or mistyped field is INVALID_DATA. */
export class NioFields {
  readonly #resource: NioResource;
  readonly #data: Readonly<Record<string, unknown>>;

  constructor(resource: NioResource, data: unknown) {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw nioInvalidData(`${resource} is not an object`);
    this.#resource = resource;
    this.#data = data as Record<string, unknown>;
  }

  number(field: string): number {
    const value = this.#data[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw nioInvalidData(`${this.#resource}.${field} is not a number`);
    return value;
  }

  optionalNumber(field: string): number | null {
    const value = this.#data[field];
    if (value === null || value === undefined) return null;
    return this.number(field);
  }

  text(field: string): string {
    const value = this.#data[field];
    if (typeof value !== 'string') throw nioInvalidData(`${this.#resource}.${field} is not text`);
    return value;
  }

  optionalText(field: string): string | null {
    const value = this.#data[field];
    if (value === null || value === undefined) return null;
    return this.text(field);
  }

  /** One of `words`, or INVALID_DATA naming what came instead. */
  word<const T extends string>(field: string, words: readonly T[]): T {
    const value = this.#data[field];
    const found = words.find((word) => word === value);
    if (found === undefined) throw nioInvalidData(`${this.#resource}.${field} is ${JSON.stringify(value)}`);
    return found;
  }

  /** The time the vehicle recorded the resource. */
  sampleTime(): Date {
    return new Date(this.number('sample_time'));
  }
}

/** What a read may use besides the resource: the vehicle's stable id. */
export interface NioReadContext {
  readonly vehicleUuid: string;
}

interface NioRead {
  readonly resource: NioResource;
  readonly body: (fields: NioFields, context: NioReadContext) => unknown;
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
const fraction = (percent: number): number => round(percent / 100, 3);

const drivingStatuses = { driving: 'DRIVING', parked: 'PARKED', sleeping: 'ASLEEP' } as const;
const gears = { P: 'PARK', R: 'REVERSE', N: 'NEUTRAL', D: 'DRIVE' } as const;
const chargeStates = { charging: 'CHARGING', fully_charged: 'FULLY_CHARGED', not_charging: 'NOT_CHARGING' } as const;

function keysOf<T extends object>(record: T): (keyof T & string)[] {
  return Object.keys(record) as (keyof T & string)[];
}

/** The catalog's charge state and plug of a `charging` resource. */
function chargeOf(fields: NioFields): { readonly state: (typeof chargeStates)[keyof typeof chargeStates]; readonly isPluggedIn: boolean } {
  const isPluggedIn = fields.word('charging_port_connect_status', ['connected', 'disconnected']) === 'connected';
  return { state: chargeStates[fields.word('charge_state', keysOf(chargeStates))], isPluggedIn };
}

/** Minutes to full while charging, else null (NIO may keep the last estimate after a stop). */
function minutesRemaining(fields: NioFields): number | null {
  if (chargeOf(fields).state !== 'CHARGING') return null;
  const minutes = fields.optionalNumber('remaining_charging_time');
  return minutes === null ? null : Math.max(0, Math.round(minutes));
}

function completionOf(fields: NioFields): string | null {
  const minutes = minutesRemaining(fields);
  return minutes === null ? null : new Date(fields.sampleTime().getTime() + minutes * 60_000).toISOString();
}

/** The charging-only reads' refusal when the vehicle does not charge. */
function notCharging(fields: NioFields): VehicleError {
  return chargeOf(fields).isPluggedIn
    ? new VehicleError('VEHICLE_STATE', 'NOT_CHARGING', { message: 'The vehicle is not charging.' })
    : new VehicleError('VEHICLE_STATE', 'CHARGING_PLUG_NOT_CONNECTED', { message: 'The charging cable is not connected.' });
}

/** The catalog reads a NIO serves, by endpoint id. */
export const nioReads: Readonly<Partial<Record<EndpointId, NioRead>>> = {
  nioGetVehicleProfile: {
    resource: 'profile',
    body: (fields, context) => ({
      id: context.vehicleUuid,
      make: 'NIO',
      brand: fields.text('brand'),
      model: fields.text('model_type'),
      modelPictureUrl: fields.optionalText('model_picture'),
      nickname: fields.optionalText('personalized_name'),
      style: { exteriorColor: fields.text('color') },
      virtualVehicleId: fields.text('virtual_vehicle_id'),
    }),
  },
  getLocation: { resource: 'location', body: (fields) => ({ latitude: fields.number('latitude'), longitude: fields.number('longitude') }) },
  getOdometer: { resource: 'details', body: (fields) => ({ distance: round(fields.number('odometer'), 2) }) },
  nioGetVehicleStatus: {
    resource: 'details',
    body: (fields) => {
      const gear = fields.optionalText('gear');
      return {
        status: drivingStatuses[fields.word('driving_status', keysOf(drivingStatuses))],
        gear: gear === null ? null : gears[fields.word('gear', keysOf(gears))],
      };
    },
  },
  nioGetInteriorTemperature: { resource: 'details', body: (fields) => ({ temperature: fields.number('cabin_temperature') }) },
  nioGetExteriorTemperature: { resource: 'details', body: (fields) => ({ temperature: fields.number('exterior_temperature') }) },
  nioGetBattery: {
    resource: 'charging',
    body: (fields) => ({ percentRemaining: fraction(fields.number('user_soc')), usableCapacity: fields.number('battery_usable_capacity') }),
  },
  getChargeStatus: { resource: 'charging', body: (fields) => { const { isPluggedIn, state } = chargeOf(fields); return { isPluggedIn, state }; } },
  getChargeLimit: { resource: 'charging', body: (fields) => ({ limit: round(fields.number('charge_limit_soc') / 100, 2) }) },
  nioGetChargeStatus: {
    resource: 'charging',
    body: (fields) => ({
      ...chargeOf(fields),
      socLimit: fraction(fields.number('charge_limit_soc')),
      wattage: fields.number('charging_power'),
      timeRemaining: minutesRemaining(fields),
      completionTime: completionOf(fields),
    }),
  },
  nioGetChargeWattmeter: {
    resource: 'charging',
    body: (fields) => {
      if (chargeOf(fields).state !== 'CHARGING') throw notCharging(fields);
      return { wattage: fields.number('charging_power') };
    },
  },
  nioGetChargeCompletionTime: {
    resource: 'charging',
    body: (fields) => {
      const time = completionOf(fields);
      if (time === null) throw notCharging(fields);
      return { time };
    },
  },
};

/** Answers one endpoint from the `data` of its resource. */
export function readFromResource(endpointId: EndpointId, data: unknown, context: NioReadContext): { readonly body: unknown; readonly recordedAt: Date } {
  const read = nioReads[endpointId];
  if (read === undefined) throw new Error(`no NIO mapping for ${endpointId}`);
  const fields = new NioFields(read.resource, data);
  return { body: read.body(fields, context), recordedAt: fields.sampleTime() };
}

/** The resources a set of reads needs, each once. */
export function resourcesFor(endpointIds: readonly EndpointId[]): NioResource[] {
  return nioResources.filter((resource) => endpointIds.some((id) => nioReads[id]?.resource === resource));
}
