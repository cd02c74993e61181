/** @module Compatibility API endpoints: whether a VIN could connect, and the matrix of supported models by region and make. */
import { Type } from '@sinclair/typebox';
import type { EndpointDefinition } from '../types.js';
import { vehicleModeSchema } from '../vehicle-modes.js';
import { closedObject, nullable } from './shared.js';

/** Query options the official SDK adds to both compatibility requests. */
const sdkOptions = {
  mode: Type.Optional(vehicleModeSchema()),
  flags: Type.Optional(Type.String({ description: 'Space-separated `name:value` feature flags.' })),
  test_mode_compatibility_level: Type.Optional(Type.String({ description: 'Compatibility level forced in test mode.' })),
};

const spaceSeparated = (description: string) => Type.String({ minLength: 1, description });

const matrixModel = closedObject({
  model: Type.String({ description: '`model` for the given `make`.' }),
  startYear: Type.Integer({ description: 'The earliest model year supported by Smartcar.' }),
  endYear: Type.Integer({ description: 'The latest model year supported by Smartcar.' }),
  type: Type.String({ description: 'Engine type for the given `model`, e.g. `BEV`.' }),
  endpoints: Type.Array(Type.String(), { description: 'An array of endpoints supported for the given `model`.' }),
  permissions: Type.Array(Type.String(), { description: 'An array of `permissions` supported for the given `model`.' }),
});

export const compatibilityEndpoints = [
  {
    id: 'getCompatibilityByVin',
    method: 'GET',
    path: '/compatibility',
    surface: 'compatibility',
    answeredBy: 'platform',
    title: 'By VIN',
    description:
      'Compatibility by VIN allows developers to determine if a specific vehicle could be compatible with Smartcar. It only checks capabilities for vehicles sold in the United States.',
    permission: null,
    makes: null,
    docPage: 'api-reference/compatibility/by-vin',
    request: {
      query: Type.Object({
        vin: Type.String({ pattern: '^[A-HJ-NPR-Za-hj-npr-z0-9]{17}$', description: 'The VIN (Vehicle Identification Number) of the vehicle.' }),
        scope: spaceSeparated('A space-separated list of permissions.'),
        country: Type.Optional(
          Type.String({ pattern: '^[A-Za-z]{2}$', description: 'An optional country code according to ISO 3166-1 alpha-2.' }),
        ),
        ...sdkOptions,
      }),
    },
    response: closedObject({
      compatible: Type.Boolean({ description: '`true` if the vehicle is likely compatible, `false` otherwise.' }),
      // The seed describes the two reasons in words; these are their names in the API's error vocabulary.
      reason: nullable(
        Type.Union([Type.Literal('NO_CONNECTIVITY'), Type.Literal('MAKE_NOT_COMPATIBLE')], {
          description:
            '`NO_CONNECTIVITY`: the vehicle lacks the hardware for internet connectivity; `MAKE_NOT_COMPATIBLE`: Smartcar is not yet compatible with the make in the country. `null` if compatible.',
        }),
      ),
      capabilities: Type.Array(
        closedObject({
          capable: Type.Boolean({ description: '`true` if the vehicle is likely capable of this feature, `false` otherwise.' }),
          endpoint: Type.String({ description: 'One of the endpoints that the permission authorizes access to.' }),
          permission: Type.String({ description: 'One of the permissions provided in the scope parameter.' }),
          reason: nullable(
            Type.Union([Type.Literal('VEHICLE_NOT_CAPABLE'), Type.Literal('SMARTCAR_NOT_CAPABLE')], {
              description:
                '`VEHICLE_NOT_CAPABLE`: the vehicle does not support this feature; `SMARTCAR_NOT_CAPABLE`: not supported for the make. `null` if capable.',
            }),
          ),
        }),
        { description: 'Capabilities for the endpoints the scope authorizes; empty if `compatible` is `false`.' },
      ),
    }),
    examples: {
      response: {
        compatible: true,
        reason: null,
        capabilities: [
          { capable: false, endpoint: '/engine/oil', permission: 'read_engine_oil', reason: 'SMARTCAR_NOT_CAPABLE' },
          { capable: true, endpoint: '/battery', permission: 'read_battery', reason: null },
          { capable: true, endpoint: '/battery/capacity', permission: 'read_battery', reason: null },
          { capable: true, endpoint: '/vin', permission: 'read_vin', reason: null },
        ],
      },
    },
  },
  {
    id: 'getCompatibilityMatrix',
    method: 'GET',
    path: '/compatibility/matrix',
    surface: 'compatibility',
    answeredBy: 'platform',
    title: 'By Region and Make',
    description:
      'Queries the latest version of the Compatibility Matrix by region, engine type, make and permission. For reference only: it does not guarantee a specific vehicle is compatible.',
    permission: null,
    makes: null,
    docPage: 'api-reference/compatibility/by-region-and-make',
    request: {
      query: Type.Object({
        region: Type.Union([Type.Literal('US'), Type.Literal('CA'), Type.Literal('EUROPE')], {
          description: 'One of the following regions: `US`, `CA` or `EUROPE`.',
        }),
        type: Type.Optional(Type.String({ description: 'Engine type; all engine types if none is specified.' })),
        make: Type.Optional(spaceSeparated('A space-separated list of makes; all makes of the region if none is specified.')),
        scope: Type.Optional(spaceSeparated('A space-separated list of permissions; all permissions if none is specified.')),
        ...sdkOptions,
      }),
    },
    response: Type.Record(Type.String({ pattern: '^[A-Z_]+$' }), Type.Array(matrixModel), {
      additionalProperties: false,
      description: 'The supported models, keyed by upper-case make (e.g. `TESLA`).',
    }),
    examples: {
      response: {
        NISSAN: [
          {
            model: 'LEAF',
            startYear: 2018,
            endYear: 2022,
            type: 'BEV',
            endpoints: ['EV battery', 'EV charging status', 'Location', 'Lock & unlock', 'Odometer'],
            permissions: ['read_battery', 'read_charge', 'read_location', 'control_security', 'read_odometer'],
          },
        ],
        TESLA: [
          {
            model: '3',
            startYear: 2017,
            endYear: 2023,
            type: 'BEV',
            endpoints: ['EV battery', 'EV charging status', 'EV start & stop charge', 'Location', 'Lock & unlock', 'Odometer', 'Tire pressure'],
            permissions: ['read_battery', 'read_charge', 'control_charge', 'read_location', 'control_security', 'read_odometer', 'read_tires'],
          },
        ],
      },
    },
  },
] as const satisfies readonly EndpointDefinition[];
