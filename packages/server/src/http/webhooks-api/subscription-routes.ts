/** @module `POST /v2.0/vehicles/{id}/webhooks/{webhook_id}` (vehicle access token) subscribes a vehicle; `DELETE` (management token) unsubscribes it. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { subscribeConnection, unsubscribeVehicle, type SubscribeOutcome } from '../../webhooks/subscriptions.js';
import type { AppContext } from '../../app/services.js';
import { ApiError } from '../../catalog/api-error.js';
import { webhookOperation } from '../../catalog/operations/index.js';
import { catalogRoute } from '../catalog-route.js';
import { assertPlanIncludes } from '../limits/assert-plan-includes.js';
import { routeFeatures } from '../limits/route-features.js';
import { managedApplicationOf } from '../management-api/require-management-token.js';
import { accessOf } from '../vehicle-api/require-access-token.js';
import { requireVehicleGrant } from '../vehicle-api/require-vehicle-grant.js';
import { notFound } from './api-problems.js';

function refusal(outcome: Exclude<SubscribeOutcome, { ok: true }>): Error {
  switch (outcome.reason) {
    case 'missing_permissions':
      return new ApiError('PERMISSION', null, {
        description: `The vehicle owner has not granted ${outcome.permissions.map((permission) => `\`${permission}\``).join(', ')}, which this webhook's data needs.`,
      });
    case 'mode_mismatch':
      return new ApiError('VALIDATION', null, {
        description: `This webhook serves ${outcome.webhookMode} vehicles; this vehicle is connected in ${outcome.vehicleMode} mode.`,
        detail: [{ field: 'params.webhook_id', message: `names a ${outcome.webhookMode}-mode webhook; use one whose mode is ${outcome.vehicleMode}` }],
      });
    case 'unknown_trigger':
      return new Error('webhook has a kind or configuration Carport does not write');
  }
}

/** The subscribe route, on a scope that requires a vehicle access token. */
export function registerSubscribeRoute(scope: FastifyInstance, context: AppContext): void {
  scope.withTypeProvider<TypeBoxTypeProvider>().route({
    ...catalogRoute(webhookOperation('subscribeWebhook')),
    handler: async (request) => {
      const access = accessOf(request);
      await assertPlanIncludes(context, access.applicationId, routeFeatures(request));
      const connection = await requireVehicleGrant(context, access, request.params.id, null);
      const webhook = await context.repositories.webhooks.findForApplication(access.applicationId, request.params.webhook_id);
      if (webhook === null) throw notFound('webhook');
      const outcome = await subscribeConnection(context.repositories, webhook, connection);
      if (!outcome.ok) throw refusal(outcome);
      return { webhookId: webhook.id, vehicleId: connection.applicationVehicleId };
    },
  });
}

/** The unsubscribe route, on a scope that requires the management token (`Bearer <token>` as the public API sends it). */
export function registerUnsubscribeRoute(scope: FastifyInstance, context: AppContext): void {
  scope.withTypeProvider<TypeBoxTypeProvider>().route({
    ...catalogRoute(webhookOperation('unsubscribeWebhook')),
    handler: async (request) => {
      const application = managedApplicationOf(request);
      const webhook = await context.repositories.webhooks.findForApplication(application.id, request.params.webhook_id);
      if (webhook === null) throw notFound('webhook');
      // Idempotent: a vehicle that is not (or no longer) subscribed is already in the asked-for state.
      await unsubscribeVehicle(context.repositories, webhook, request.params.id);
      return { status: 'success' as const };
    },
  });
}
