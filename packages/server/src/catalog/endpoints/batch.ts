/** @module The batch endpoint: several of a vehicle's GET endpoints answered in one request. */
import { Type } from '@sinclair/typebox';
import type { EndpointDefinition } from '../types.js';
import { closedObject, dateTime } from './shared.js';

/**
 * The most paths one batch may name. Each path is read from the vehicle and counted against the
 * limits, so the cap bounds the work one request can start; more paths take several batches.
 */
export const maxBatchPaths = 50;

export const batchEndpoints = [
  {
    id: 'batch',
    method: 'POST',
    path: '/vehicles/{id}/batch',
    surface: 'vehicle',
    answeredBy: 'platform',
    title: 'Batch',
    description: `Returns a list of responses from multiple Smartcar \`GET\` endpoints, all combined into a single request. Each endpoint in the batch counts against your request limit for a vehicle; a batch the limits cannot hold whole is refused whole. At most ${maxBatchPaths} paths per batch.`,
    // Each path is checked against its own endpoint's permission, so the batch itself needs none.
    permission: null,
    makes: null,
    docPage: 'api-reference/batch',
    request: {
      body: Type.Object({
        requests: Type.Array(
          Type.Object({
            path: Type.String({
              pattern: '^/',
              description: 'The Smartcar endpoint to request data from, relative to the vehicle, e.g. `/odometer`.',
            }),
          }),
          { minItems: 1, maxItems: maxBatchPaths, description: `An array of requests to make; at most ${maxBatchPaths}.` },
        ),
      }),
    },
    response: closedObject({
      responses: Type.Array(
        closedObject({
          path: Type.String({ description: 'The Smartcar endpoint to request data from.' }),
          body: Type.Unknown({
            description: 'The response body of this request; its structure varies by endpoint (an error body when `code` is not 200).',
          }),
          code: Type.Integer({ minimum: 100, maximum: 599, description: 'The HTTP response status code.' }),
          headers: closedObject(
            {
              'sc-data-age': Type.Optional(
                dateTime('The timestamp (ISO-8601 format) of when the returned data was recorded by the vehicle.'),
              ),
              'sc-fetched-at': Type.Optional(dateTime('The timestamp (ISO-8601 format) of when the data was fetched from the OEM.')),
              'sc-unit-system': Type.Optional(
                Type.Union([Type.Literal('metric'), Type.Literal('imperial')], { description: 'The unit system used.' }),
              ),
            },
            { description: 'The headers for this response.' },
          ),
        }),
        { description: 'The responses from Smartcar.' },
      ),
    }),
    examples: {
      response: {
        responses: [
          {
            path: '/odometer',
            body: { distance: 37829 },
            code: 200,
            headers: { 'sc-data-age': '2019-10-24T00:43:46.000Z', 'sc-unit-system': 'metric' },
          },
          {
            path: '/location',
            body: { latitude: 37.4292, longitude: 122.1381 },
            code: 200,
            headers: { 'sc-data-age': '2019-10-24T00:43:46.000Z' },
          },
        ],
      },
    },
  },
] as const satisfies readonly EndpointDefinition[];
