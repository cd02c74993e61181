/** @module Core reads of an electric vehicle's high voltage battery and charging: level, nominal capacity, charge status, charge limit. */
import { Type } from '@sinclair/typebox';
import type { EndpointDefinition } from '../types.js';
import type { ExampleCases } from './shared.js';
import { closedObject, fraction, nullable } from './shared.js';

/** The charging states the core charge endpoint reports (NIO's charge body reuses them). */
export const chargeState = Type.Union(
  [Type.Literal('CHARGING'), Type.Literal('FULLY_CHARGED'), Type.Literal('NOT_CHARGING')],
  {
    description:
      'The current charge status of the vehicle. A vehicle can be `FULLY_CHARGED` at less than 100% SoC if its Charge Limit is less than `1`.',
  },
);

/**
 * The owner's capacity choice (the `url` of Battery Capacity). The seeds name the URL's parameters
 * and `response_type=vehicle_id`; the bounds are ours: an entered value outside them is a typo, not
 * a battery (passenger PHEVs start near 5 kWh, the largest pickups stay under 250 kWh).
 */
export const capacitySelection = {
  endpointId: 'getNominalCapacity',
  responseType: 'vehicle_id',
  minimumKwh: 1,
  maximumKwh: 300,
} as const;

const capacityUrl =
  'https://connect.smartcar.com/battery-capacity?vehicle_id=36ab27d0-fd9d-4455-823a-ce30af709ffc&client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&token=90abecb6-e7ab-4b85-864a-e1c8bf67f2ad&response_type=vehicle_id&redirect_uri=';

const threeCapacities = [
  { capacity: 70.9, description: null },
  { capacity: 80.9, description: null },
  { capacity: 90.9, description: 'BEV:Extended Range' },
];

/** The seed's nominal-capacity cases; case 1 is the entry's example, cases 2 and 3 live in `evReadCases`. */
const nominalCapacityCases = [
  { availableCapacities: [{ capacity: 70.9, description: null }], capacity: { nominal: 70.9, source: 'SMARTCAR' }, url: null },
  { availableCapacities: threeCapacities, capacity: null, url: capacityUrl },
  { availableCapacities: threeCapacities, capacity: { nominal: 80.9, source: 'USER_SELECTED' }, url: capacityUrl },
] as const;

export const evReadEndpoints = [
  {
    // Not in the seeds: the official SDK's `batteryCapacity()` still calls this older endpoint, which
    // `nominal_capacity` superseded; it is served so that unmodified applications keep working.
    id: 'getBatteryCapacity',
    method: 'GET',
    path: '/vehicles/{id}/battery/capacity',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Battery Capacity (legacy)',
    description: "Returns the total capacity of an electric vehicle's battery in kilowatt hours. Superseded by Battery Capacity (`/battery/nominal_capacity`); kept for SDK compatibility.",
    permission: 'read_battery',
    makes: null,
    docPage: 'sdk-compatibility',
    request: {},
    response: closedObject({ capacity: Type.Number({ minimum: 0, description: 'The total capacity of the battery (in kilowatt hours).' }) }),
    examples: { response: { capacity: 28.0 } },
  },
  {
    id: 'getBatteryLevel',
    method: 'GET',
    path: '/vehicles/{id}/battery',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Battery Level',
    description: "Returns the state of charge and the remaining range of an electric vehicle's high voltage battery.",
    permission: 'read_battery',
    makes: null,
    docPage: 'api-reference/evs/get-battery-level',
    request: {},
    response: closedObject({
      percentRemaining: fraction("The EV's state of charge as a percentage."),
      range: Type.Number({
        minimum: 0,
        description: 'The estimated remaining distance the vehicle can travel powered by its high voltage battery.',
      }),
    }),
    examples: { response: { percentRemaining: 0.3, range: 40.5 } },
  },
  {
    id: 'getNominalCapacity',
    method: 'GET',
    path: '/vehicles/{id}/battery/nominal_capacity',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Battery Capacity',
    description:
      'Returns a list of nominal rated battery capacities for a vehicle. This endpoint is only available for US and European based vehicles.',
    permission: 'read_battery',
    makes: null,
    docPage: 'api-reference/get-nominal-capacity',
    request: {},
    response: closedObject({
      availableCapacities: Type.Array(
        closedObject({
          capacity: Type.Number({ minimum: 0, description: "The rated nominal capacity for the vehicle's battery." }),
          description: nullable(
            Type.String({
              description:
                'The uniqueness of the nominal capacity and engine type of the vehicle in the form `{ENGINE_TYPE}:{TRIM}`, e.g. `BEV:Extended Range`.',
            }),
          ),
        }),
        { description: 'An array of capacities objects.' },
      ),
      capacity: nullable(
        closedObject({
          nominal: Type.Number({ minimum: 0, description: "The rated nominal capacity for the vehicle's battery." }),
          source: Type.Union([Type.Literal('USER_SELECTED'), Type.Literal('SMARTCAR')], {
            description: 'Indicates if this capacity was determined by a user or Smartcar.',
          }),
        }),
      ),
      url: nullable(
        Type.String({
          description:
            'A URL that will launch the flow for a vehicle owner to specify the correct battery capacity; append a redirect URI to it.',
        }),
      ),
    }),
    examples: { response: nominalCapacityCases[0] },
  },
  {
    id: 'getChargeStatus',
    method: 'GET',
    path: '/vehicles/{id}/charge',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Charge Status',
    description: 'Returns the charge status for the vehicle.',
    permission: 'read_charge',
    makes: null,
    docPage: 'api-reference/evs/get-charge-status',
    request: {},
    response: closedObject({
      isPluggedIn: Type.Boolean({
        description: 'Indicates whether a charging cable is currently plugged into the vehicle’s charge port.',
      }),
      state: chargeState,
    }),
    examples: { response: { isPluggedIn: true, state: 'FULLY_CHARGED' } },
  },
  {
    id: 'getChargeLimit',
    method: 'GET',
    path: '/vehicles/{id}/charge/limit',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Charge Limit',
    description: 'Returns the charge limit configuration for the vehicle.',
    permission: 'read_charge',
    makes: null,
    docPage: 'api-reference/evs/get-charge-limit',
    request: {},
    response: closedObject({
      limit: fraction('The level at which the vehicle will stop charging and be considered fully charged as a percentage.'),
    }),
    examples: { response: { limit: 0.8 } },
  },
] as const satisfies readonly EndpointDefinition[];

export const evReadCases: Readonly<Record<string, ExampleCases>> = {
  getNominalCapacity: { response: nominalCapacityCases.slice(1) },
};
