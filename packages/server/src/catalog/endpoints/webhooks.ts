/** @module Webhook subscription endpoints: subscribe a vehicle to a webhook and unsubscribe it. */
import { Type } from '@sinclair/typebox';
import type { EndpointDefinition } from '../types.js';
import { closedObject } from './shared.js';

/*
 * Neither takes a permission: subscribing is authorized by the vehicle's access token, unsubscribing
 * by the application management token (`Bearer {application_management_token}`), as the seeds say.
 */
export const webhookEndpoints = [
  {
    id: 'subscribeWebhook',
    method: 'POST',
    path: '/vehicles/{id}/webhooks/{webhook_id}',
    surface: 'webhooks',
    answeredBy: 'platform',
    title: 'Subscribe',
    description: 'Subscribe a vehicle to a webhook.',
    permission: null,
    makes: null,
    docPage: 'api-reference/webhooks/subscribe-webhook',
    request: {},
    response: closedObject({
      vehicleId: Type.String({ description: 'The vehicle id of the vehicle you are making a request to.' }),
      webhookId: Type.String({ description: 'The webhook id you are subscribing the vehicle to.' }),
    }),
    examples: {
      response: { vehicleId: 'dc6ea99e-57d1-4e41-b129-27e7eb58713e', webhookId: '9b6ae692-60cc-4b3e-89d8-71e7549cf805' },
    },
  },
  {
    id: 'unsubscribeWebhook',
    method: 'DELETE',
    path: '/vehicles/{id}/webhooks/{webhook_id}',
    surface: 'webhooks',
    answeredBy: 'platform',
    title: 'Unsubscribe',
    description: 'Unsubscribe a vehicle from a webhook.',
    permission: null,
    makes: null,
    docPage: 'api-reference/webhooks/unsubscribe-webhook',
    request: {},
    response: closedObject({ status: Type.Literal('success', { description: 'Status of the request.' }) }),
    examples: { response: { status: 'success' } },
  },
] as const satisfies readonly EndpointDefinition[];
