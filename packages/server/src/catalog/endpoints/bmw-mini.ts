/** @module Charge records, specified on BMW's page and listed by the seeds for BMW, MINI and Tesla. */
import { Type } from '@sinclair/typebox';
import type { EndpointDefinition } from '../types.js';
import { calendarDatePattern, closedObject, dateTime, fraction } from './shared.js';

export const bmwMiniEndpoints = [
  {
    id: 'getChargeRecords',
    method: 'GET',
    path: '/vehicles/{id}/{make}/charge/records',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Charge Records',
    description:
      'Returns data associated with completed charging sessions for a vehicle. Limited to the last 30 days or when the owner first granted your application access, whichever is shorter.',
    permission: 'read_charge_records',
    // The 2023 changelog adds Tesla to the makes of BMW's page.
    makes: ['bmw', 'mini', 'tesla'],
    docPage: 'api-reference/bmw/get-charge-records',
    request: {
      query: Type.Object({
        startDate: Type.Optional(
          Type.String({
            pattern: calendarDatePattern,
            description: 'Date of the first record to return in YYYY-MM-DD format. Defaults to 30 days prior.',
          }),
        ),
        endDate: Type.Optional(
          Type.String({
            pattern: calendarDatePattern,
            description: 'Date of the final record to return in YYYY-MM-DD format. Defaults to the date of the request.',
          }),
        ),
      }),
    },
    response: closedObject({
      records: Type.Array(
        closedObject({
          chargeStart: dateTime('The start date of the charging record, formatted in ISO 8601 standard.'),
          chargeEnd: dateTime('The end date of the charging record, formatted in ISO 8601 standard.'),
          location: Type.String({ description: 'Location of the charge session.' }),
          energy: Type.Number({ minimum: 0, description: 'The amount of energy consumed during the charging session.' }),
          isPublic: Type.Boolean({ description: 'Indicates whether the charging location is public or not.' }),
          startPercentRemaining: fraction('The remaining battery SoC at the start of the charging session.'),
          endPercentRemaining: fraction('The remaining battery SoC at the end of the charging session.'),
          chargingType: Type.String({ description: 'The type of charger used for the session, e.g. `DC`.' }),
        }),
        { description: 'An array of charge records for the vehicle.' },
      ),
    }),
    examples: {
      response: {
        records: [
          {
            chargeStart: '2023-03-08T12:54:44Z',
            chargeEnd: '2023-03-08T14:14:44Z',
            location: 'Cockfosters Road, Barnet, EN4 0',
            energy: 34.22998046875,
            isPublic: true,
            startPercentRemaining: 0.57,
            endPercentRemaining: 1,
            chargingType: 'DC',
          },
        ],
      },
    },
  },
] as const satisfies readonly EndpointDefinition[];
