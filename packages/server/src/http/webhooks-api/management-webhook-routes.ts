/** @module `/v2.0/management/webhooks`: create, list, show, update, delete and re-verify webhooks (management token). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { createWebhook, deleteWebhook, reverifyWebhook, showWebhook, updateWebhook, type WebhookAdminDeps } from '../../webhooks/webhook-admin.js';
import { webhookView } from '../../webhooks/views.js';
import type { AppContext } from '../../app/services.js';
import { webhookOperation } from '../../catalog/operations/index.js';
import { operationRoute } from '../catalog-route.js';
import { invalidPlanError } from '../../limits/limit-answers.js';
import { managedApplicationOf, unknownManagementTokenError } from '../management-api/require-management-token.js';
import { notFound, validationError } from './api-problems.js';


/** Registers the webhook management routes on a scope that already requires the management token. */
export function registerManagementWebhookRoutes(scope: FastifyInstance, context: AppContext, admin: WebhookAdminDeps): void {
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  routes.route({
    ...operationRoute(webhookOperation('createWebhook')),
    handler: async (request, reply) => {
      const created = await createWebhook(admin, managedApplicationOf(request).id, request.body);
      if (!created.ok) throw 'lackedFeature' in created ? invalidPlanError(created.lackedFeature) : 'applicationGone' in created ? unknownManagementTokenError() : validationError(created.problems);
      return reply.code(201).send(webhookView(created.value));
    },
  });

  routes.route({
    ...operationRoute(webhookOperation('listWebhooks')),
    handler: async (request) => ({ webhooks: (await context.repositories.webhooks.listByApplication(managedApplicationOf(request).id)).map(webhookView) }),
  });

  routes.route({
    ...operationRoute(webhookOperation('getWebhook')),
    handler: async (request) => {
      const detail = await showWebhook(context.repositories, managedApplicationOf(request).id, request.params.webhook_id);
      if (detail === null) throw notFound('webhook');
      return detail;
    },
  });

  routes.route({
    ...operationRoute(webhookOperation('updateWebhook')),
    handler: async (request) => {
      const applicationId = managedApplicationOf(request).id;
      const { kind, mode, ...changes } = request.body;
      const existing = await context.repositories.webhooks.findForApplication(applicationId, request.params.webhook_id);
      if (existing === null) throw notFound('webhook');
      const fixed = [
        ...(kind !== undefined && kind !== existing.kind ? [{ field: 'kind', message: 'cannot change; create a new webhook instead' }] : []),
        ...(mode !== undefined && mode !== existing.mode ? [{ field: 'mode', message: 'cannot change; create a new webhook instead' }] : []),
      ];
      if (fixed.length > 0) throw validationError(fixed);
      const updated = await updateWebhook(admin, applicationId, existing.id, changes);
      if (updated === null) throw notFound('webhook');
      if (!updated.ok) throw validationError(updated.problems);
      return webhookView(updated.value);
    },
  });

  routes.route({
    ...operationRoute(webhookOperation('deleteWebhook')),
    handler: async (request) => {
      if (!(await deleteWebhook(context.repositories, managedApplicationOf(request).id, request.params.webhook_id))) throw notFound('webhook');
      return { status: 'success' as const };
    },
  });

  routes.route({
    ...operationRoute(webhookOperation('verifyWebhook')),
    handler: async (request) => {
      const verified = await reverifyWebhook(admin, managedApplicationOf(request).id, request.params.webhook_id);
      if (verified === null) throw notFound('webhook');
      return webhookView(verified);
    },
  });
}
