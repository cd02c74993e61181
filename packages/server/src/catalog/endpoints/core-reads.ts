/** @module Core (every capable make) reads of vehicle identity and state: attributes, VIN, odometer, location, locks, fuel, oil, tires. */
import { Type } from '@sinclair/typebox';
import type { EndpointDefinition } from '../types.js';
import { closedObject, fraction, latitude, longitude, nullable } from './shared.js';

const openState = Type.Union([Type.Literal('OPEN'), Type.Literal('CLOSED'), Type.Literal('UNKNOWN')], {
  description: '`UNKNOWN` indicates the vehicle supports this status, but did not provide a valid status for the request.',
});

/** One element of a lock-status array: where the opening is and whether it is open. */
function opening(types: readonly [string, ...string[]], what: string) {
  return Type.Array(
    closedObject({
      type: Type.Union(types.map((type) => Type.Literal(type)), { description: `The location of the ${what}.` }),
      status: openState,
    }),
    { description: `An array of the open status of the vehicle's ${what}s. Empty if the vehicle has partial support.` },
  );
}

const sides = ['frontLeft', 'frontRight', 'backLeft', 'backRight'] as const;

export const coreReadEndpoints = [
  {
    id: 'getVehicleAttributes',
    method: 'GET',
    path: '/vehicles/{id}',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Vehicle Attributes',
    description: 'Returns a single vehicle object, containing identifying information.',
    permission: 'read_vehicle_info',
    makes: null,
    docPage: 'api-reference/get-vehicle-info',
    request: {},
    response: closedObject({
      id: Type.String({ description: 'The ID for the vehicle.' }),
      make: Type.String({ description: 'The manufacturer of the vehicle.' }),
      model: Type.String({ description: 'The model of the vehicle.' }),
      // A number, as the official SDK types it (`@property {Number} year`); the seed's example quotes it ("2014").
      year: Type.Integer({ description: 'The model year.' }),
    }),
    examples: { response: { id: '36ab27d0-fd9d-4455-823a-ce30af709ffc', make: 'TESLA', model: 'Model S', year: 2014 } },
  },
  {
    id: 'getVin',
    method: 'GET',
    path: '/vehicles/{id}/vin',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'VIN',
    description: 'Returns the vehicle’s manufacturer identifier.',
    permission: 'read_vin',
    makes: null,
    docPage: 'api-reference/get-vin',
    request: {},
    response: closedObject({ vin: Type.String({ description: 'The manufacturer unique identifier.' }) }),
    examples: { response: { vin: '5YJSA1CN5DFP00101' } },
  },
  {
    id: 'getOdometer',
    method: 'GET',
    path: '/vehicles/{id}/odometer',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Odometer',
    description: 'Returns the vehicle’s last known odometer reading.',
    permission: 'read_odometer',
    makes: null,
    docPage: 'api-reference/get-odometer',
    request: {},
    response: closedObject({ distance: Type.Number({ minimum: 0, description: 'The current odometer of the vehicle.' }) }),
    examples: { response: { distance: 104.32 } },
  },
  {
    id: 'getLocation',
    method: 'GET',
    path: '/vehicles/{id}/location',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Location',
    description: "Returns the vehicle's last known location.",
    permission: 'read_location',
    makes: null,
    docPage: 'api-reference/get-location',
    request: {},
    response: closedObject({
      latitude: latitude('The latitude in degrees.'),
      longitude: longitude('The longitude in degrees.'),
    }),
    examples: { response: { latitude: 37.4292, longitude: 122.1381 } },
  },
  {
    id: 'getLockStatus',
    method: 'GET',
    path: '/vehicles/{id}/security',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Lock Status',
    description:
      'Returns the lock status for a vehicle and the open status of its doors, windows, storage units, sunroof and charging port where available.',
    permission: 'read_security',
    makes: null,
    docPage: 'api-reference/get-lock-status',
    request: {},
    response: closedObject({
      isLocked: Type.Boolean({ description: 'Indicates the current lock status of the vehicle as reported by the OEM.' }),
      doors: opening(sides, 'door'),
      windows: opening(sides, 'window'),
      sunroof: opening(['sunroof'], 'sunroof'),
      // For combustion and plug-in hybrid vehicles `front` is the engine hood; for battery vehicles, the front trunk.
      storage: opening(['front', 'rear'], 'storage'),
      chargingPort: opening(['chargingPort'], 'charging port'),
    }),
    examples: {
      response: {
        isLocked: false,
        doors: [
          { type: 'frontLeft', status: 'CLOSED' },
          { type: 'frontRight', status: 'OPEN' },
          { type: 'backRight', status: 'CLOSED' },
          { type: 'backLeft', status: 'CLOSED' },
        ],
        windows: [
          { type: 'frontLeft', status: 'CLOSED' },
          { type: 'frontRight', status: 'CLOSED' },
          { type: 'backRight', status: 'UNKNOWN' },
          { type: 'backLeft', status: 'CLOSED' },
        ],
        sunroof: [{ type: 'sunroof', status: 'CLOSED' }],
        storage: [
          { type: 'rear', status: 'UNKNOWN' },
          { type: 'front', status: 'CLOSED' },
        ],
        chargingPort: [{ type: 'chargingPort', status: 'CLOSED' }],
      },
    },
  },
  {
    id: 'getFuelTank',
    method: 'GET',
    path: '/vehicles/{id}/fuel',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Fuel Tank',
    description:
      'Returns the status of the fuel remaining in the vehicle’s fuel tank. May return `null` values for vehicles sold in Europe.',
    permission: 'read_fuel',
    makes: null,
    docPage: 'api-reference/get-fuel-tank',
    request: {},
    response: closedObject({
      amountRemaining: nullable(Type.Number({ minimum: 0, description: 'The amount of fuel in the tank.' })),
      percentRemaining: nullable(fraction('The remaining level of fuel in the tank as a percentage.')),
      range: nullable(Type.Number({ minimum: 0, description: 'The estimated remaining distance the car can travel.' })),
    }),
    examples: { response: { amountRemaining: 53.2, percentRemaining: 0.3, range: 40.5 } },
  },
  {
    id: 'getEngineOil',
    method: 'GET',
    path: '/vehicles/{id}/engine/oil',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Oil Life',
    description: 'Returns the remaining life span of a vehicle’s engine oil.',
    permission: 'read_engine_oil',
    makes: null,
    docPage: 'api-reference/get-engine-oil-life',
    request: {},
    response: closedObject({
      lifeRemaining: fraction(
        'The engine oil’s remaining life span based on the current quality of the oil as a percentage: `1` means recently changed, `0` change immediately.',
      ),
    }),
    examples: { response: { lifeRemaining: 0.35 } },
  },
  {
    id: 'getTirePressure',
    method: 'GET',
    path: '/vehicles/{id}/tires/pressure',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Tire Pressure',
    description: 'Returns the air pressure of each of the vehicle’s tires.',
    permission: 'read_tires',
    makes: null,
    docPage: 'api-reference/get-tire-pressure',
    request: {},
    response: closedObject({
      backLeft: Type.Number({ minimum: 0, description: 'The current air pressure of the back left tire.' }),
      backRight: Type.Number({ minimum: 0, description: 'The current air pressure of the back right tire.' }),
      frontLeft: Type.Number({ minimum: 0, description: 'The current air pressure of the front left tire.' }),
      frontRight: Type.Number({ minimum: 0, description: 'The current air pressure of the front right tire.' }),
    }),
    examples: { response: { backLeft: 219.3, backRight: 219.3, frontLeft: 219.3, frontRight: 219.3 } },
  },
] as const satisfies readonly EndpointDefinition[];
