/** @module `/v2.0/management/webhooks/deliveries`: the delivery log by webhook, vehicle and status, one delivery's attempts, and replay. */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { InvalidCursorError, listDeliveries, replayDelivery, showDelivery } from '../../webhooks/delivery-log.js';
import type { AppContext } from '../../app/services.js';
import { ApiError } from '../../catalog/api-error.js';
import { apiVersionPrefix } from '../catalog-route.js';
import { managedApplicationOf } from '../management-api/require-management-token.js';
import { notFound } from './api-problems.js';
import { deliveryDetailSchema, deliveryParams, deliveryQuery, deliverySchema, responses } from './schemas.js';

const base = `${apiVersionPrefix}/management/webhooks/deliveries`;
const tags = ['Webhooks'];
const security = [{ managementToken: [] }];
const defaultPageSize = 20;

/** Registers the delivery log routes on a scope that already requires the management token; `onReplay` wakes the worker. */
export function registerManagementDeliveryRoutes(scope: FastifyInstance, context: AppContext, onReplay: () => void): void {
  scope.get<{ Querystring: Static<typeof deliveryQuery> }>(
    base,
    {
      schema: {
        operationId: 'listWebhookDeliveries',
        summary: 'List webhook deliveries',
        description: 'Deliveries of the application, newest first, filtered by webhook, vehicle and status.',
        tags,
        security,
        querystring: deliveryQuery,
        response: responses(200, Type.Object({ deliveries: Type.Array(deliverySchema), paging: Type.Object({ cursor: Type.Union([Type.String(), Type.Null()]) }) })),
      },
    },
    async (request) => {
      const { webhook_id: webhookId, vehicle_id: vehicleId, status, limit, cursor } = request.query;
      try {
        return await listDeliveries(context.repositories, {
          applicationId: managedApplicationOf(request).id,
          limit: limit ?? defaultPageSize,
          ...(webhookId === undefined ? {} : { webhookId }),
          ...(vehicleId === undefined ? {} : { vehicleId }),
          ...(status === undefined ? {} : { status }),
          ...(cursor === undefined ? {} : { cursor }),
        });
      } catch (error) {
        if (error instanceof InvalidCursorError) throw new ApiError('VALIDATION', null, { detail: [{ field: 'query.cursor', message: error.message }] });
        throw error;
      }
    },
  );

  scope.get<{ Params: Static<typeof deliveryParams> }>(
    `${base}/:delivery_id`,
    { schema: { operationId: 'getWebhookDelivery', summary: 'Show a delivery with its body and every attempt', tags, security, params: deliveryParams, response: responses(200, deliveryDetailSchema) } },
    async (request) => {
      const detail = await showDelivery(context.repositories, managedApplicationOf(request).id, request.params.delivery_id);
      if (detail === null) throw notFound('delivery');
      return detail;
    },
  );

  scope.post<{ Params: Static<typeof deliveryParams> }>(
    `${base}/:delivery_id/replay`,
    {
      schema: {
        operationId: 'replayWebhookDelivery',
        summary: 'Replay an event',
        description: 'Delivers a past event (delivered or dead-lettered) again as a new delivery with the identical body and `eventId`.',
        tags,
        security,
        params: deliveryParams,
        response: responses(201, deliverySchema),
      },
    },
    async (request, reply) => {
      const replay = await replayDelivery(context.repositories, managedApplicationOf(request).id, request.params.delivery_id, onReplay);
      if (replay === null) throw notFound('delivery');
      return reply.code(201).send(replay);
    },
  );
}
