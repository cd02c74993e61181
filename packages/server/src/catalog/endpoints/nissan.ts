/** @module Nissan make-specific endpoints: read and replace the charge schedules of MyNISSAN EVs. */
import { Type } from '@sinclair/typebox';
import type { EndpointDefinition } from '../types.js';
import { clockTime, clockTimePattern, closedObject, commandResponse, commandResponseExample } from './shared.js';

const weekday = Type.Union(
  ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((day) => Type.Literal(day)),
);

/**
 * The seed's page says `HH:mm` in UTC but its example answers full date-times
 * (`2020-01-01T01:00:00.000Z`); both forms are accepted so neither reading breaks a client.
 */
function scheduleTime(description: string) {
  return Type.Union([Type.String({ pattern: clockTimePattern }), Type.String({ format: 'date-time' })], { description });
}

const maxSchedules = 3;

export const nissanEndpoints = [
  {
    id: 'nissanGetChargeSchedule',
    method: 'GET',
    path: '/vehicles/{id}/{make}/charge/schedule',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Charge Schedule',
    description:
      "Returns the charging schedule of a vehicle: the start time and departure time of the vehicle's charging schedule. Available for `nissan` EVs on the `MyNISSAN` platform.",
    permission: 'read_charge',
    makes: ['nissan'],
    docPage: 'api-reference/nissan/get-charge-schedule',
    request: {},
    response: closedObject({
      chargeSchedules: Type.Array(
        closedObject({
          start: scheduleTime('HH:mm in UTC for a schedule start time.'),
          end: scheduleTime('HH:mm in UTC for a schedule end time.'),
          days: Type.Array(weekday, { description: 'An array of days the schedule applies to.' }),
        }),
        { maxItems: maxSchedules, description: 'An array of charge schedules. Maximum of 3 schedules, empty if no schedules are set.' },
      ),
    }),
    examples: {
      response: {
        chargeSchedules: [
          { end: '2020-01-01T02:00:00.000Z', start: '2020-01-01T01:00:00.000Z', days: ['MONDAY', 'WEDNESDAY', 'FRIDAY'] },
        ],
      },
    },
  },
  {
    id: 'nissanSetChargeSchedule',
    method: 'PUT',
    path: '/vehicles/{id}/{make}/charge/schedule',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Charge Schedule',
    description: 'Sets the charging schedule for a vehicle. Available for `nissan` EVs on the `MyNISSAN` platform.',
    permission: 'control_charge',
    makes: ['nissan'],
    docPage: 'api-reference/nissan/set-charge-schedule',
    request: {
      body: Type.Object({
        chargeSchedules: Type.Array(
          Type.Object({
            start: clockTime('HH:mm in UTC for a schedule start time.'),
            end: clockTime('HH:mm in UTC for a schedule end time.'),
            days: Type.Array(weekday, {
              minItems: 1,
              uniqueItems: true,
              description: 'An array of days for the schedule to be applied.',
            }),
          }),
          { maxItems: maxSchedules, description: 'An array of charge schedules. A maximum of 3 schedules can be set.' },
        ),
      }),
    },
    response: commandResponse,
    examples: {
      response: commandResponseExample,
      request: {
        chargeSchedules: [
          { start: '08:00', end: '12:00', days: ['MONDAY', 'WEDNESDAY', 'FRIDAY'] },
          { start: '14:00', end: '18:00', days: ['TUESDAY', 'THURSDAY', 'SATURDAY'] },
        ],
      },
    },
  },
] as const satisfies readonly EndpointDefinition[];
