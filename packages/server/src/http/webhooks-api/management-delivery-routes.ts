/** @module `/v2.0/management/webhooks/deliveries`: the delivery log by webhook, vehicle and status, one delivery's attempts, and replay. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { InvalidCursorError, listDeliveries, replayDelivery, showDelivery } from '../../webhooks/delivery-log.js';
import type { AppContext } from '../../app/services.js';
import { ApiError } from '../../catalog/api-error.js';
import { webhookOperation } from '../../catalog/operations/index.js';
import { operationRoute } from '../catalog-route.js';
import { managedApplicationOf } from '../management-api/require-management-token.js';
import { notFound } from './api-problems.js';

const defaultPageSize = 20;

/** Registers the delivery log routes on a scope that already requires the management token; `onReplay` wakes the worker. */
export function registerManagementDeliveryRoutes(scope: FastifyInstance, context: AppContext, onReplay: () => void): void {
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  routes.route({
    ...operationRoute(webhookOperation('listWebhookDeliveries')),
    handler: async (request) => {
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
  });

  routes.route({
    ...operationRoute(webhookOperation('getWebhookDelivery')),
    handler: async (request) => {
      const detail = await showDelivery(context.repositories, managedApplicationOf(request).id, request.params.delivery_id);
      if (detail === null) throw notFound('delivery');
      return detail;
    },
  });

  routes.route({
    ...operationRoute(webhookOperation('replayWebhookDelivery')),
    handler: async (request, reply) => {
      const replay = await replayDelivery(context.repositories, managedApplicationOf(request).id, request.params.delivery_id, onReplay);
      if (replay === null) throw notFound('delivery');
      return reply.code(201).send(replay);
    },
  });
}
