/** @module Management API endpoints: list and delete an application's vehicle connections (management token auth). */
import { Type } from '@sinclair/typebox';
import type { EndpointDefinition } from '../types.js';
import { vehicleModeSchema } from '../vehicle-modes.js';
import { closedObject, dateTime, nullable } from './shared.js';

/** User and vehicle ids are opaque to clients (UUID v4 in the seeds, any string Carport issues). */
const idText = (description: string) => Type.String({ description });

/*
 * The seeds describe these bodies without an example; field names are those the official SDK reads
 * (`connections[].userId/vehicleId/connectedAt/mode`, `paging.cursor`), and the examples are Carport's.
 */
export const managementEndpoints = [
  {
    id: 'getVehicleConnections',
    method: 'GET',
    path: '/management/connections',
    surface: 'management',
    answeredBy: 'platform',
    title: 'Vehicle Connections',
    description:
      'Returns a paged list of all vehicles that are connected to the application associated with the management API token used, sorted in descending order by connection date.',
    permission: null,
    makes: null,
    docPage: 'api-reference/management/get-vehicle-connections',
    request: {
      query: Type.Object({
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Number of connections to return per page. `Max: 100`' })),
        cursor: Type.Optional(
          Type.String({ description: 'The cursor of a previous page, to fetch the page after it.' }),
        ),
        user_id: Type.Optional(idText('Filter for connections created by the provided user ID.')),
        vehicle_id: Type.Optional(idText('Filter for connections to the provided vehicle ID.')),
        mode: Type.Optional(
          vehicleModeSchema({ description: 'Filter for connections by either `live`, `simulated`, or the deprecated `test` mode.' }),
        ),
      }),
    },
    response: closedObject({
      connections: Type.Array(
        closedObject({
          userId: idText('ID of the user that authorized this connection (UUID v4).'),
          vehicleId: idText('ID of the vehicle connected (UUID v4).'),
          connectedAt: dateTime('Time at which the connection was created in UTC.'),
          mode: vehicleModeSchema({ description: 'Vehicle mode: live, simulated, or test (deprecated).' }),
        }),
        { description: 'An array of connections.' },
      ),
      paging: closedObject(
        {
          cursor: nullable(
            Type.String({ description: 'The cursor to pass to fetch the next page; `null` if there are no more pages.' }),
          ),
        },
        { description: 'Metadata about the current query.' },
      ),
    }),
    examples: {
      response: {
        connections: [
          {
            userId: 'e0514ef4-5226-11e8-8c13-8f6e8f02e27e',
            vehicleId: '36ab27d0-fd9d-4455-823a-ce30af709ffc',
            connectedAt: '2023-08-17T18:07:34.412Z',
            mode: 'live',
          },
        ],
        paging: { cursor: null },
      },
    },
  },
  {
    id: 'deleteVehicleConnections',
    method: 'DELETE',
    path: '/management/connections',
    surface: 'management',
    answeredBy: 'platform',
    title: 'Vehicle Connections',
    description: 'Deletes all vehicle connections associated with a Smartcar user ID or a specific vehicle.',
    permission: null,
    makes: null,
    docPage: 'api-reference/management/delete-vehicle-connections',
    request: {
      // Exactly one of the two is required; that rule spans fields, so the handler enforces it.
      query: Type.Object({
        user_id: Type.Optional(idText('Delete all vehicle connections for the given user ID.')),
        vehicle_id: Type.Optional(idText('Delete the connection for the given vehicle ID.')),
      }),
    },
    response: closedObject({
      connections: Type.Array(
        closedObject({
          userId: idText('ID of the user that authorized the deleted connection (UUID v4).'),
          vehicleId: idText('ID of the vehicle disconnected (UUID v4).'),
        }),
        { description: 'An array of the deleted connections.' },
      ),
    }),
    examples: {
      response: {
        connections: [{ userId: 'e0514ef4-5226-11e8-8c13-8f6e8f02e27e', vehicleId: '36ab27d0-fd9d-4455-823a-ce30af709ffc' }],
      },
    },
  },
] as const satisfies readonly EndpointDefinition[];
