/** @module Core commands: lock and unlock, start and stop charge, set charge limit, send a navigation destination. */
import { Type } from '@sinclair/typebox';
import type { EndpointDefinition } from '../types.js';
import { actionBody, commandResponse, commandResponseExample, latitude, longitude } from './shared.js';

/**
 * A decimal string from 0.5 to 1 ("0.8", "1", "1.0"). The official SDK sends the limit as
 * `String(limit)`, so the string form must be accepted with the same bounds as the number.
 */
export const chargeLimitStringPattern = '^(0?\\.[5-9][0-9]*|1(\\.0*)?)$';

export const coreCommandEndpoints = [
  {
    id: 'lockUnlock',
    method: 'POST',
    path: '/vehicles/{id}/security',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Lock & Unlock',
    description: 'Lock or unlock the vehicle.',
    permission: 'control_security',
    makes: null,
    docPage: 'api-reference/control-lock-unlock',
    request: { body: actionBody(['LOCK', 'UNLOCK'], '`LOCK` or `UNLOCK` the vehicle’s doors.') },
    response: commandResponse,
    examples: { response: commandResponseExample, request: { action: 'LOCK' } },
  },
  {
    id: 'controlCharge',
    method: 'POST',
    path: '/vehicles/{id}/charge',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Start & Stop Charge',
    description: 'Start or stop the vehicle charging.',
    permission: 'control_charge',
    makes: null,
    docPage: 'api-reference/evs/control-charge',
    request: { body: actionBody(['START', 'STOP'], '`START` or `STOP` the vehicle charging.') },
    response: commandResponse,
    examples: { response: commandResponseExample, request: { action: 'START' } },
  },
  {
    id: 'setChargeLimit',
    method: 'POST',
    path: '/vehicles/{id}/charge/limit',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Charge Limit',
    description: 'Set the charge limit of an electric vehicle.',
    permission: 'control_charge',
    makes: null,
    docPage: 'api-reference/evs/set-charge-limit',
    request: {
      body: Type.Object({
        limit: Type.Union(
          [Type.Number({ minimum: 0.5, maximum: 1 }), Type.String({ pattern: chargeLimitStringPattern })],
          {
            description:
              'The level at which the vehicle should stop charging and be considered fully charged. Cannot be less than `0.5`, or greater than `1`.',
          },
        ),
      }),
    },
    response: commandResponse,
    examples: { response: commandResponseExample, request: { limit: 0.8 } },
  },
  {
    id: 'sendDestination',
    method: 'POST',
    path: '/vehicles/{id}/navigation/destination',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Send Destination',
    description: "Send destination coordinates to the vehicle's navigation system.",
    permission: 'control_navigation',
    makes: null,
    docPage: 'api-reference/send-destination-to-vehicle',
    request: {
      body: Type.Object({
        latitude: latitude("The latitude of the location you wish to set the vehicle's navigation to."),
        longitude: longitude("The longitude of the location you wish to set the vehicle's navigation to."),
      }),
    },
    response: commandResponse,
    examples: { response: commandResponseExample, request: { latitude: 37.4292, longitude: -122.1381 } },
  },
] as const satisfies readonly EndpointDefinition[];
