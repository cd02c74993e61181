/** @module NIO make-specific endpoints: the NIO Vehicle API attributes no core endpoint covers (profile, driving, temperatures, charging). */
import { Type } from '@sinclair/typebox';
import type { EndpointDefinition } from '../types.js';
import { chargeState } from './ev-reads.js';
import { chargeCompletionResponse } from './gm.js';
import { closedObject, dateTime, fraction, nullable } from './shared.js';
import { chargeWattmeterResponse } from './tesla-charge-reads.js';
import { temperatureResponse } from './tesla-reads.js';

/**
 * NIO's page lists attributes by data package, not bodies; each body below borrows the field names of
 * the nearest seed endpoint (Tesla's attributes, status, thermometers and charge), so a client written
 * for `tesla/...` reads `nio/...` the same way. The page is the seed `000_4c3eb1d37dc1af8d.txt`.
 */
const docPage = 'nio/vehicle-api';

const nioRead = {
  method: 'GET',
  surface: 'vehicle',
  answeredBy: 'provider',
  makes: ['nio'],
  docPage,
  request: {},
} as const;

export const nioEndpoints = [
  {
    ...nioRead,
    id: 'nioGetVehicleProfile',
    path: '/vehicles/{id}/{make}/attributes',
    title: 'NIO: Vehicle Profile',
    description:
      "Returns the vehicle profile of NIO's \"Read Vehicle Profile\" data package: brand, model type, model picture, color, personalized name and virtual vehicle ID.",
    // Same path and permission as Tesla's extended info, so `{make}/attributes` asks for one permission whatever the make.
    permission: 'read_extended_vehicle_info',
    response: closedObject({
      id: Type.String({ description: 'The Carport vehicle ID.' }),
      make: Type.String({ description: 'The manufacturer of the vehicle (`NIO`).' }),
      brand: Type.String({ description: 'The brand the vehicle is sold under, as NIO reports it.' }),
      model: Type.String({ description: 'The model type of the vehicle.' }),
      modelPictureUrl: nullable(Type.String({ description: 'A URL of a picture of the model.' })),
      nickname: nullable(Type.String({ description: 'The personalized name the owner gave the vehicle.' })),
      style: closedObject({ exteriorColor: Type.String({ description: 'Exterior color.' }) }, { description: "Descriptors of the vehicle's exterior." }),
      virtualVehicleId: Type.String({ description: "The virtual vehicle ID NIO assigns to the vehicle." }),
    }),
    examples: {
      response: {
        id: '5b7c2e1a-9f7d-4c1e-8a52-3d1f0b6e4a21',
        make: 'NIO',
        brand: 'NIO',
        model: 'ET7',
        modelPictureUrl: 'https://cdn.nio.example/models/et7.png',
        nickname: 'Blue Bird',
        style: { exteriorColor: 'Sky Blue' },
        virtualVehicleId: 'vv-2f9a61c4d8e0',
      },
    },
  },
  {
    ...nioRead,
    id: 'nioGetVehicleStatus',
    path: '/vehicles/{id}/{make}/status',
    title: 'NIO: Vehicle Status',
    description: "Returns the vehicle's driving status and gear, from NIO's \"Read Vehicle Details\" data package.",
    // NIO puts driving status beside speed-like details, not the profile: `read_speedometer` is the permission in that package.
    permission: 'read_speedometer',
    response: closedObject({
      status: Type.Union([Type.Literal('DRIVING'), Type.Literal('PARKED'), Type.Literal('ASLEEP')], {
        description: 'The current driving status of the vehicle.',
      }),
      gear: nullable(
        Type.Union([Type.Literal('PARK'), Type.Literal('REVERSE'), Type.Literal('NEUTRAL'), Type.Literal('DRIVE')], {
          description: 'The current gear shift position; `null` while the vehicle is asleep.',
        }),
      ),
    }),
    examples: { response: { status: 'DRIVING', gear: 'DRIVE' } },
  },
  {
    ...nioRead,
    id: 'nioGetInteriorTemperature',
    path: '/vehicles/{id}/{make}/thermometer/interior',
    title: 'NIO: Cabin Temperature',
    description: 'Returns the vehicle’s last known cabin temperature.',
    permission: 'read_thermometer',
    response: temperatureResponse('The current cabin temperature of the vehicle.'),
    examples: { response: { temperature: 21.5 } },
  },
  {
    ...nioRead,
    id: 'nioGetExteriorTemperature',
    path: '/vehicles/{id}/{make}/thermometer/exterior',
    title: 'NIO: Exterior Temperature',
    description: 'Returns the vehicle’s last known exterior temperature.',
    permission: 'read_thermometer',
    response: temperatureResponse('The current exterior temperature of the vehicle.'),
    examples: { response: { temperature: 12.8 } },
  },
  {
    ...nioRead,
    id: 'nioGetBattery',
    path: '/vehicles/{id}/{make}/battery',
    title: 'NIO: Battery Status',
    description: "Returns the state of charge (NIO's user SOC) and the usable capacity of the high voltage battery.",
    permission: 'read_battery',
    response: closedObject({
      percentRemaining: fraction("The EV's state of charge as a percentage, as shown to the owner."),
      usableCapacity: Type.Number({ minimum: 0, description: 'The usable energy capacity of the battery (in kilowatt hours).' }),
    }),
    examples: { response: { percentRemaining: 0.64, usableCapacity: 90 } },
  },
  {
    ...nioRead,
    id: 'nioGetChargeStatus',
    path: '/vehicles/{id}/{make}/charge',
    title: 'NIO: Charge Status',
    description:
      "Returns all charging related data of NIO's \"Read Charging Status\" data package: charge state, charging port connection, charge limit, charging power and remaining charging time.",
    permission: 'read_charge',
    response: closedObject({
      state: chargeState,
      isPluggedIn: Type.Boolean({ description: 'Indicates whether a charging cable is connected to the charging port.' }),
      socLimit: fraction('The level at which the vehicle will stop charging and be considered fully charged as a percentage.'),
      wattage: Type.Number({ minimum: 0, description: 'The charging power measured by the vehicle (in kilowatts).' }),
      timeRemaining: nullable(
        Type.Integer({ minimum: 0, description: 'Remaining charging time in minutes; `null` when the vehicle is not charging.' }),
      ),
      // Derived from `timeRemaining` so the body reads like Tesla's and Audi's charge status.
      completionTime: nullable(dateTime('The time at which the vehicle expects to complete this charging session.')),
    }),
    examples: {
      response: {
        state: 'CHARGING',
        isPluggedIn: true,
        socLimit: 0.9,
        wattage: 7.2,
        timeRemaining: 95,
        completionTime: '2024-05-14T19:35:00.000Z',
      },
    },
  },
  {
    ...nioRead,
    id: 'nioGetChargeWattmeter',
    path: '/vehicles/{id}/{make}/charge/wattmeter',
    title: 'NIO: Charging Power',
    description:
      'When the vehicle is charging, returns the instant charging power as measured by the vehicle. When the vehicle is not charging, this endpoint results in a vehicle state error.',
    permission: 'read_charge',
    response: chargeWattmeterResponse,
    examples: { response: { wattage: 7.2 } },
  },
  {
    ...nioRead,
    id: 'nioGetChargeCompletionTime',
    path: '/vehicles/{id}/{make}/charge/completion',
    title: 'NIO: Charge Completion Time',
    description:
      'When the vehicle is charging, returns the date and time it expects to complete this charging session (now plus the remaining charging time). When the vehicle is not charging, this endpoint results in a vehicle state error.',
    permission: 'read_charge',
    response: chargeCompletionResponse,
    examples: { response: { time: '2024-05-14T19:35:00.000Z' } },
  },
] as const satisfies readonly EndpointDefinition[];
