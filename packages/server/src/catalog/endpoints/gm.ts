/** @module GM (Cadillac, Chevrolet) make-specific endpoints: charge completion time and charging voltage. */
import { Type } from '@sinclair/typebox';
import type { EndpointDefinition } from '../types.js';
import { closedObject, dateTime } from './shared.js';

/** `{time}` of a charge completion; Tesla's and NIO's completion endpoints answer the same body. */
export const chargeCompletionResponse = closedObject({
  time: dateTime('The time at which the vehicle expects to complete this charging session (YYYY-MM-DDTHH:mm:ss.SSSZ).'),
});

/** `{voltage}` of a charge voltmeter; Tesla's answers the same body. */
export const chargeVoltmeterResponse = closedObject({
  voltage: Type.Number({ minimum: 0, description: 'The potential difference measured by the vehicle in volts (V).' }),
});

export const gmEndpoints = [
  {
    id: 'gmGetChargeCompletionTime',
    method: 'GET',
    path: '/vehicles/{id}/{make}/charge/completion',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Charge Completion Time',
    description:
      'When the vehicle is charging, returns the date and time the vehicle expects to "complete" this charging session. When the vehicle is not charging, this endpoint results in a vehicle state error.',
    permission: 'read_charge',
    makes: ['cadillac', 'chevrolet'],
    docPage: 'api-reference/gm/get-charge-completion-time',
    request: {},
    response: chargeCompletionResponse,
    examples: { response: { time: '2022-01-13T22:52:55.358Z' } },
  },
  {
    id: 'gmGetChargeVoltmeter',
    method: 'GET',
    path: '/vehicles/{id}/{make}/charge/voltmeter',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Voltage',
    description:
      'When the vehicle is plugged in, returns the charging voltage measured by the vehicle. When the vehicle is not plugged in, this endpoint results in a vehicle state error.',
    permission: 'read_charge',
    makes: ['cadillac', 'chevrolet'],
    docPage: 'api-reference/gm/get-charge-voltmeter',
    request: {},
    response: chargeVoltmeterResponse,
    examples: { response: { voltage: 240 } },
  },
] as const satisfies readonly EndpointDefinition[];
