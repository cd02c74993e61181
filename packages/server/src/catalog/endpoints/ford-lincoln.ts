/** @module Ford and Lincoln make-specific endpoints: charge schedules by saved charging location. */
import { Type } from '@sinclair/typebox';
import type { EndpointDefinition } from '../types.js';
import type { ExampleCases } from './shared.js';
import { closedObject, commandResponse, commandResponseExample, fraction, latitude, longitude } from './shared.js';

/** Ford schedules on whole hours only: the seed asks for "the exact hour ... in HH:00". */
const wholeHourPattern = '^([01][0-9]|2[0-3]):00$';

const windowProperties = {
  start: Type.String({ pattern: wholeHourPattern, description: 'The exact hour a vehicle should start charging in HH:00, e.g. 17:00.' }),
  end: Type.String({ pattern: wholeHourPattern, description: 'The exact hour a vehicle should stop charging in HH:00, e.g. 21:00.' }),
};

/** Weekday and weekend schedules; closed in responses, open in request bodies like every body. */
function weeklySchedules(closed: boolean) {
  const window = closed ? closedObject(windowProperties) : Type.Object(windowProperties);
  const properties = {
    weekday: Type.Array(window, { description: 'The charging schedule for the vehicle on weekdays (Monday - Friday).' }),
    weekend: Type.Array(window, { description: 'The charging schedule for the vehicle on weekends (Saturday - Sunday).' }),
  };
  const description = 'The weekday and weekend charging schedules for the vehicle at the location.';
  return closed ? closedObject(properties, { description }) : Type.Object(properties, { description });
}

const paris = { latitude: 48.8566, longitude: 2.3522 };

/**
 * The seed's further schedule states. Its third state (`chargingLocation` with no `location`) is a
 * request body mislabelled as a response and contradicts the response fields, so it is left out.
 */
const scheduleStates = [
  { chargingLocations: [{ chargeLimit: 0.8, chargingSchedules: { weekday: [], weekend: [] }, location: paris }] },
  {
    chargingLocations: [
      { chargeLimit: 0.8, chargingSchedules: { weekday: [{ end: '17:00', start: '09:00' }], weekend: [] }, location: paris },
    ],
  },
];

const requestBodies = [
  { chargingLocation: { chargeLimit: 0.9, chargingWindows: { weekday: [{ start: '17:00', end: '06:00' }], weekend: [{ start: '16:00', end: '07:00' }] } } },
  { chargingLocation: { chargeLimit: 0.9, chargingWindows: { weekday: [{ start: '17:00', end: '06:00' }], weekend: [] } } },
  { chargingLocation: { chargeLimit: 0.9, chargingWindows: { weekday: [], weekend: [{ start: '16:00', end: '07:00' }] } } },
  { chargingLocation: { chargeLimit: 0.9, chargingWindows: { weekday: [], weekend: [] } } },
];

export const fordLincolnEndpoints = [
  {
    id: 'fordGetChargeScheduleByLocation',
    method: 'GET',
    path: '/vehicles/{id}/{make}/charge/schedule_by_location',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Charge Schedule by Location',
    description:
      'Returns all saved charging locations for a vehicle and their associated charging limits, schedules and configurations.',
    permission: 'read_charge_locations',
    makes: ['ford', 'lincoln'],
    docPage: 'api-reference/ford/get-charge-schedule-by-location',
    request: {},
    response: closedObject({
      chargingLocations: Type.Array(
        closedObject({
          chargeLimit: fraction('The maximum charge limit for the vehicle at the location as a percent.'),
          chargingSchedules: weeklySchedules(true),
          location: closedObject(
            {
              latitude: latitude('The latitude of the charging location.'),
              longitude: longitude('The longitude of the charging location.'),
            },
            { description: 'The latitude and longitude of the charging location.' },
          ),
        }),
        { description: 'An array of charging locations. Empty if none are currently set on the vehicle.' },
      ),
    }),
    examples: {
      response: {
        chargingLocations: [
          {
            chargeLimit: 0.8,
            chargingSchedules: { weekday: [{ end: '17:00', start: '09:00' }], weekend: [{ end: '17:00', start: '09:00' }] },
            location: { latitude: 48.8566, longitude: 2.3522 },
          },
        ],
      },
    },
  },
  {
    id: 'fordSetChargeScheduleByLocation',
    method: 'PUT',
    path: '/vehicles/{id}/{make}/charge/schedule_by_location',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Charge Schedule by Location',
    description:
      'Set all schedules for the specified charging location. The location must be one returned by GET Charge Schedule by Location.',
    permission: 'control_charge',
    makes: ['ford', 'lincoln'],
    docPage: 'api-reference/ford/set-charge-schedule-by-location',
    request: {
      query: Type.Object({
        latitude: latitude('The latitude of a charging location from GET Charge Schedule by Location.'),
        longitude: longitude('The longitude of a charging location from GET Charge Schedule by Location.'),
      }),
      body: Type.Object({
        chargingLocation: Type.Object({
          chargeLimit: Type.Number({
            minimum: 0.5,
            maximum: 1,
            description: 'The maximum charge limit for the vehicle at the location as a percent between `0.5` and `1`.',
          }),
          // The request names the schedules `chargingWindows` where the response says `chargingSchedules`; both as the seed.
          chargingWindows: weeklySchedules(false),
        }),
      }),
    },
    response: commandResponse,
    examples: { response: commandResponseExample, request: requestBodies[0] },
  },
] as const satisfies readonly EndpointDefinition[];

export const fordLincolnCases: Readonly<Record<string, ExampleCases>> = {
  fordGetChargeScheduleByLocation: { response: scheduleStates },
  fordSetChargeScheduleByLocation: { request: requestBodies.slice(1) },
};
