/** @module Tesla make-specific commands: charge port, trunks, PIN to Drive, climate, amperage, charge schedule. */
import { Type } from '@sinclair/typebox';
import type { EndpointDefinition } from '../types.js';
import type { ExampleCases } from './shared.js';
import { actionBody, clockTime, closedObject, commandResponse, commandResponseExample } from './shared.js';
import { teslaChargeScheduleResponse } from './tesla-charge-reads.js';
import { onOff } from './tesla-reads.js';

const teslaCommand = {
  method: 'POST',
  surface: 'vehicle',
  answeredBy: 'provider',
  makes: ['tesla'],
} as const;

const openClose = (what: string) => actionBody(['OPEN', 'CLOSE'], `Indicate whether to open or close the ${what}.`);

/** Heater commands answer the action they sent, or `UNAVAILABLE` when the vehicle has no such heater. */
const sentAction = (description: string) =>
  closedObject({
    status: Type.Union([Type.Literal('START'), Type.Literal('STOP'), Type.Literal('UNAVAILABLE')], { description }),
  });

export const teslaCommandEndpoints = [
  {
    ...teslaCommand,
    id: 'teslaControlChargePort',
    path: '/vehicles/{id}/{make}/charge/charge_port_door',
    title: 'Charge Port',
    description: "Open or close the vehicle's charge port door.",
    permission: 'control_charge',
    docPage: 'api-reference/tesla/control-charge-port',
    request: { body: openClose('charge port door') },
    response: commandResponse,
    examples: { response: commandResponseExample, request: { action: 'OPEN' } },
  },
  {
    ...teslaCommand,
    id: 'teslaControlFrunk',
    path: '/vehicles/{id}/{make}/security/frunk',
    title: 'Frunk',
    description: 'Open or close the frunk (front trunk) of the Tesla vehicle.',
    permission: 'control_trunk',
    docPage: 'api-reference/tesla/control-frunk',
    request: { body: openClose('frunk') },
    response: commandResponse,
    examples: { response: commandResponseExample, request: { action: 'OPEN' } },
  },
  {
    ...teslaCommand,
    id: 'teslaControlTrunk',
    path: '/vehicles/{id}/{make}/security/trunk',
    title: 'Trunk',
    description: 'Open or close the trunk of the Tesla vehicle.',
    permission: 'control_trunk',
    docPage: 'api-reference/tesla/control-trunk',
    request: { body: openClose('trunk') },
    response: commandResponse,
    examples: { response: commandResponseExample, request: { action: 'OPEN' } },
  },
  {
    ...teslaCommand,
    id: 'teslaSetPinToDrive',
    path: '/vehicles/{id}/{make}/pin',
    title: 'Set PIN to Drive',
    description:
      'Enables this feature on the vehicle and sets the PIN needed in order to drive it. Overrides an existing PIN on the vehicle.',
    permission: 'control_pin',
    docPage: 'api-reference/tesla/set-pin-to-drive',
    request: { body: Type.Object({ pin: Type.String({ pattern: '^[0-9]{4}$', description: 'A four digit numeric PIN.' }) }) },
    response: commandResponse,
    examples: { response: commandResponseExample, request: { pin: '1234' } },
  },
  {
    ...teslaCommand,
    id: 'teslaClearPinToDrive',
    method: 'DELETE',
    path: '/vehicles/{id}/{make}/pin',
    title: 'Clear PIN to Drive',
    description: 'Disables this feature on the vehicle and resets the PIN.',
    permission: 'control_pin',
    docPage: 'api-reference/tesla/clear-pin-to-drive',
    request: {},
    response: commandResponse,
    examples: { response: commandResponseExample },
  },
  {
    ...teslaCommand,
    id: 'teslaSetCabinClimate',
    path: '/vehicles/{id}/{make}/climate/cabin',
    title: 'Cabin Climate',
    description: 'Set the temperature and control the cabin climate system for a vehicle.',
    permission: 'control_climate',
    docPage: 'api-reference/tesla/set-cabin',
    request: {
      body: Type.Object({
        action: Type.Union([Type.Literal('START'), Type.Literal('STOP'), Type.Literal('SET')], {
          description:
            'Start or stop the cabin climate control system, or `SET` the temperature without changing the system’s status.',
        }),
        temperature: Type.Optional(
          Type.Number({
            description:
              "The temperature to set (Celsius, or Fahrenheit with imperial units); defaults to the vehicle's current setting. Out-of-bounds values fail with the vehicle's limits.",
          }),
        ),
      }),
    },
    response: closedObject({
      status: onOff('The current state of the climate cabin system.'),
      temperature: Type.Number({ description: 'The target temperature setting of the vehicle when the climate system is on.' }),
    }),
    examples: { response: { status: 'ON', temperature: 24 }, request: { action: 'SET', temperature: 20 } },
  },
  {
    ...teslaCommand,
    id: 'teslaSetChargeAmmeter',
    path: '/vehicles/{id}/{make}/charge/ammeter',
    title: 'Amperage',
    description:
      'Set the amperage drawn by the vehicle from the EVSE for the current charging session. If the vehicle is not plugged in, this endpoint results in a vehicle state error.',
    permission: 'control_charge',
    docPage: 'api-reference/tesla/set-charge-ammeter',
    request: {
      body: Type.Object({
        amperage: Type.Number({
          exclusiveMinimum: 0,
          description: 'The target amperage to be drawn from the charging point (in amperes); capped at what the charger supports.',
        }),
      }),
    },
    response: closedObject({
      message: Type.String({ description: 'A message containing the amperage set to be drawn from the vehicle.' }),
      status: Type.Literal('success'),
    }),
    examples: { response: { message: 'Successfully sent the following amperage: 48', status: 'success' }, request: { amperage: 48 } },
  },
  {
    ...teslaCommand,
    id: 'teslaSetChargeSchedule',
    path: '/vehicles/{id}/{make}/charge/schedule',
    title: 'Charge Schedule',
    description: 'Sets the charging schedule for a vehicle.',
    permission: 'control_charge',
    docPage: 'api-reference/tesla/set-charge-schedule',
    request: {
      body: Type.Object({
        type: Type.Union([Type.Literal('START_TIME'), Type.Literal('DEPARTURE_TIME')], {
          description: 'The type of schedule you want to set.',
        }),
        enable: Type.Boolean({ description: 'Enables or disables the specified charging schedule.' }),
        time: Type.Optional(clockTime('The time for the provided schedule type in HH:mm.')),
      }),
    },
    response: teslaChargeScheduleResponse,
    examples: {
      response: { departureTime: { enabled: false, time: null }, startTime: { enabled: true, time: '18:30' } },
      request: { type: 'START_TIME', enable: true, time: '23:30' },
    },
  },
  {
    ...teslaCommand,
    id: 'teslaSetDefroster',
    path: '/vehicles/{id}/{make}/climate/defroster',
    title: 'Defroster',
    description: 'Start or stop the front and rear defroster for a vehicle.',
    permission: 'control_climate',
    docPage: 'api-reference/tesla/set-defroster',
    request: { body: actionBody(['START', 'STOP'], 'Indicate whether to start or stop defrosting the vehicle.') },
    response: closedObject({
      status: Type.Union([Type.Literal('START'), Type.Literal('STOP')], {
        description: 'The action sent to the climate defroster system of the vehicle.',
      }),
    }),
    examples: { response: { status: 'START' }, request: { action: 'STOP' } },
  },
  {
    ...teslaCommand,
    id: 'teslaSetSteeringHeater',
    path: '/vehicles/{id}/{make}/climate/steering_wheel',
    title: 'Steering Heater',
    description: "Start or stop heating a vehicle's steering wheel.",
    permission: 'control_climate',
    docPage: 'api-reference/tesla/set-steering-heater',
    request: { body: actionBody(['START', 'STOP'], "Indicate whether to start or stop heating the vehicle's steering wheel.") },
    response: sentAction(
      'The action sent to the vehicle. `UNAVAILABLE` indicates the vehicle is not equipped with a steering wheel heater.',
    ),
    examples: { response: { status: 'START' }, request: { action: 'STOP' } },
  },
] as const satisfies readonly EndpointDefinition[];

/** The further request bodies the seed's code samples send. */
export const teslaCommandCases: Readonly<Record<string, ExampleCases>> = {
  teslaSetCabinClimate: { request: [{ action: 'SET', temperature: 18 }, { action: 'STOP' }, { action: 'START' }] },
};
