/** @module Endpoints about the connection itself: the user's vehicles, granted permissions, disconnect, user id. */
import { Type } from '@sinclair/typebox';
import type { EndpointDefinition } from '../types.js';
import { closedObject } from './shared.js';

const paging = closedObject({
  count: Type.Integer({ minimum: 0, description: 'The total number of elements for the entire query (not just the given page).' }),
  offset: Type.Integer({ minimum: 0, description: 'The current start index of the returned list of elements.' }),
}, { description: 'Metadata about the current list of elements.' });

const pageQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: 'The number of elements to return per page. `Max: 50`' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, description: 'The index to start the list at.' })),
});

export const vehicleConnectionEndpoints = [
  {
    id: 'listVehicles',
    method: 'GET',
    path: '/vehicles',
    surface: 'vehicle',
    answeredBy: 'platform',
    title: 'All Vehicles',
    description: 'Returns a paged list of all vehicles connected to the application for the current authorized `user`.',
    permission: null,
    makes: null,
    docPage: 'api-reference/all-vehicles',
    request: { query: pageQuery },
    response: closedObject({
      paging,
      vehicles: Type.Array(Type.String(), { description: 'An array of vehicle IDs.' }),
    }),
    examples: {
      response: { paging: { count: 25, offset: 10 }, vehicles: ['36ab27d0-fd9d-4455-823a-ce30af709ffc'] },
    },
  },
  {
    id: 'getPermissions',
    method: 'GET',
    path: '/vehicles/{id}/permissions',
    surface: 'vehicle',
    answeredBy: 'platform',
    title: 'Permissions',
    description: 'Returns a list of the permissions that have been granted to your application in relation to this vehicle.',
    permission: null,
    makes: null,
    docPage: 'api-reference/application-permissions',
    request: { query: pageQuery },
    response: closedObject({
      permissions: Type.Array(Type.String(), { description: 'An array of permissions.' }),
      paging,
    }),
    examples: {
      response: { paging: { count: 25, offset: 10 }, permissions: ['read_vehicle_info'] },
    },
  },
  {
    id: 'disconnectVehicle',
    method: 'DELETE',
    path: '/vehicles/{id}/application',
    surface: 'vehicle',
    answeredBy: 'platform',
    title: 'Disconnect',
    description:
      "Revokes the application's access to the vehicle. Named in the 2023 changelog, which adds that a management API token may authorize it too.",
    permission: null,
    makes: null,
    docPage: 'changelog/2023',
    request: {},
    // The seeds name the endpoint without a body; this is the body the official SDK's tests expect.
    response: closedObject({ status: Type.Literal('success', { description: 'Status of the request.' }) }),
    examples: { response: { status: 'success' } },
  },
  {
    id: 'getUser',
    method: 'GET',
    path: '/user',
    surface: 'vehicle',
    answeredBy: 'platform',
    title: 'User',
    description:
      'Returns the ID of the vehicle owner who granted access to your application. This should be used as the static unique identifier for storing the access token and refresh token pair.',
    permission: null,
    makes: null,
    docPage: 'api-reference/user',
    request: {},
    response: closedObject({ id: Type.String({ description: 'A user ID (UUID v4).' }) }),
    examples: { response: { id: 'e0514ef4-5226-11e8-8c13-8f6e8f02e27e' } },
  },
] as const satisfies readonly EndpointDefinition[];
