/** @module Audi's make-specific endpoint: the full charge status. */
import { Type } from '@sinclair/typebox';
import type { EndpointDefinition } from '../types.js';
import { closedObject, dateTime, fraction, nullable } from './shared.js';

export const audiEndpoints = [
  {
    id: 'audiGetChargeStatus',
    method: 'GET',
    path: '/vehicles/{id}/{make}/charge',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Audi: Charge Status',
    description: 'Returns all charging related data for an Audi vehicle.',
    permission: 'read_charge',
    makes: ['audi'],
    docPage: 'api-reference/audi/get-charge',
    request: {},
    response: closedObject({
      chargingStatus: Type.String({ description: 'Indicates the charging status of the vehicle, e.g. `CHARGING`.' }),
      isPluggedIn: nullable(Type.Boolean({ description: 'Indicates if the vehicle is plugged in.' })),
      chargeRate: Type.Number({ description: 'The rate of range added in the charging session (in kilometers added / hour).' }),
      chargeType: Type.String({ description: 'Indicates the type of charger, e.g. `ac`.' }),
      chargePortColor: Type.String({ description: 'The indicator light color of the connector.' }),
      chargePortLatch: Type.String({ description: 'Indicates the charge port latch status.' }),
      completionTime: dateTime('The time at which the vehicle expects to complete this charging session.'),
      chargeMode: Type.Union([Type.Literal('manual'), Type.Literal('timer')], {
        description: 'Indicates if the vehicle is set to charge on a timer.',
      }),
      socLimit: fraction('The level at which the vehicle will stop charging and be considered fully charged as a percentage.'),
      externalPowerStatus: Type.String({
        description: 'When plugged in, indicates if the charging station is able to provide power to the vehicle.',
      }),
      wattage: Type.Number({ description: 'The instant power measured by the vehicle (in kilowatts).' }),
    }),
    examples: {
      response: {
        chargingStatus: 'CHARGING',
        isPluggedIn: null,
        chargeRate: 21,
        chargeType: 'ac',
        chargePortColor: 'green',
        chargePortLatch: 'locked',
        completionTime: '2022-01-13T22:52:55.358Z',
        chargeMode: 'manual',
        socLimit: 0.8,
        externalPowerStatus: 'active',
        wattage: 1.5,
      },
    },
  },
] as const satisfies readonly EndpointDefinition[];
