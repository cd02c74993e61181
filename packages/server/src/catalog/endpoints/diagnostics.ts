/** @module Core diagnostics and maintenance reads: trouble codes, system status, dealer service history. */
import { Type } from '@sinclair/typebox';
import type { EndpointDefinition } from '../types.js';
import { closedObject, dateTime, nullable } from './shared.js';

const serviceRecord = closedObject({
  serviceId: nullable(Type.Integer({ description: 'A unique identifier of the service record.' })),
  odometerDistance: Type.Number({ minimum: 0, description: 'The odometer of the vehicle at time of service in kilometers.' }),
  serviceDate: dateTime('The date and time the vehicle was serviced.'),
  serviceTasks: Type.Array(
    closedObject({
      taskId: nullable(Type.String({ description: 'The unique identifier of the task completed as part of the service event.' })),
      taskDescription: nullable(Type.String({ description: 'A task completed as part of the service event.' })),
    }),
    { description: 'Tasks completed as part of the service event. Note that not all makes provide service tasks.' },
  ),
  serviceDetails: Type.Array(
    closedObject({ type: Type.String(), value: nullable(Type.String()) }),
    {
      description:
        'Additional service details, e.g. whether the service event was completed by a dealership or manually entered by the vehicle owner.',
    },
  ),
  serviceCost: closedObject(
    {
      totalCost: nullable(Type.Number({ minimum: 0, description: 'The total cost of the service event.' })),
      currency: nullable(Type.String({ description: 'Identifies the currency used for service cost.' })),
    },
    { description: 'An overview of service costs. Note that not all makes provide service cost.' },
  ),
});

export const diagnosticEndpoints = [
  {
    id: 'getDiagnosticTroubleCodes',
    method: 'GET',
    path: '/vehicles/{id}/diagnostics/dtcs',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Diagnostic Trouble Codes',
    description: 'Provides a list of active Diagnostic Trouble Codes (DTCs) reported by the vehicle.',
    permission: 'read_diagnostics',
    makes: null,
    docPage: 'api-reference/get-dtcs',
    request: {},
    response: closedObject({
      activeCodes: Type.Array(
        closedObject({
          code: Type.String({ description: 'The Diagnostic Trouble Code reported by the vehicle.' }),
          timestamp: nullable(dateTime('The date and time the trouble code last became active.')),
        }),
      ),
    }),
    // The seed's example ends its list with `...`; the elements before it are kept.
    examples: {
      response: {
        activeCodes: [
          { code: 'P302D', timestamp: '2024-09-05T14:48:00.000Z' },
          { code: 'xxxxx', timestamp: null },
        ],
      },
    },
  },
  {
    id: 'getSystemStatus',
    method: 'GET',
    path: '/vehicles/{id}/diagnostics/system_status',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'System Status',
    description: 'Provides a list of vehicle systems and their current health status.',
    permission: 'read_diagnostics',
    makes: null,
    docPage: 'api-reference/get-system-status',
    request: {},
    response: closedObject({
      systems: Type.Array(
        closedObject({
          systemId: Type.String({ description: 'The unique identifier of a system reported by the vehicle, e.g. `SYSTEM_TPMS`.' }),
          status: Type.Union([Type.Literal('OK'), Type.Literal('ALERT')], { description: 'The status of the system.' }),
          description: nullable(Type.String({ description: 'A plain-text description of the status, if available.' })),
        }),
        { description: 'An overview of systems reported by the vehicle.' },
      ),
    }),
    examples: {
      response: {
        systems: [
          { systemId: 'SYSTEM_TPMS', status: 'ALERT', description: 'Left rear tire sensor battery low' },
          { systemId: 'SYSTEM_AIRBAG', status: 'OK', description: null },
          { systemId: 'SYSTEM_MIL', status: 'OK', description: null },
        ],
      },
    },
  },
  {
    id: 'getServiceHistory',
    method: 'GET',
    path: '/vehicles/{id}/service/history',
    surface: 'vehicle',
    answeredBy: 'provider',
    title: 'Service History',
    description: "Retrieve service records tracked by the vehicle's dealer or manually added by the vehicle owner.",
    permission: 'read_service_history',
    makes: null,
    docPage: 'api-reference/get-service-records',
    request: {
      // Not on the seed's page, but the official SDK sends them; either a date or a full date-time.
      query: Type.Object({
        start_date: Type.Optional(Type.String({ description: 'The earliest service date to return.' })),
        end_date: Type.Optional(Type.String({ description: 'The latest service date to return.' })),
      }),
    },
    // The seed shows one record; the service answers a list of them (the official SDK reads an array).
    response: Type.Array(serviceRecord, { description: 'The service records of the vehicle.' }),
    examples: {
      response: [
        {
          serviceId: null,
          odometerDistance: 46047.22,
          serviceDate: '2023-06-28T22:21:41.583Z',
          serviceTasks: [
            { taskId: '3262', taskDescription: 'Service Task 0' },
            { taskId: '3041', taskDescription: null },
            { taskId: null, taskDescription: null },
          ],
          serviceDetails: [
            { type: 'Service Details Type 0', value: 'Service Details Value 0' },
            { type: 'Service Details Type 1', value: null },
          ],
          serviceCost: { totalCost: null, currency: null },
        },
      ],
    },
  },
] as const satisfies readonly EndpointDefinition[];
