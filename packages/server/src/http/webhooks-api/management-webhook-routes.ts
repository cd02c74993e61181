/** @module `/v2.0/management/webhooks`: create, list, show, update, delete and re-verify webhooks (management token). */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { createWebhook, deleteWebhook, reverifyWebhook, showWebhook, updateWebhook, type WebhookAdminDeps } from '../../webhooks/webhook-admin.js';
import { webhookView } from '../../webhooks/views.js';
import type { AppContext } from '../../app/services.js';
import { apiVersionPrefix } from '../catalog-route.js';
import { invalidPlanError } from '../../limits/limit-answers.js';
import { managedApplicationOf, unknownManagementTokenError } from '../management-api/require-management-token.js';
import { notFound, validationError } from './api-problems.js';
import { createWebhookBody, responses, successSchema, updateWebhookBody, webhookDetailSchema, webhookParams, webhookSchema } from './schemas.js';

const base = `${apiVersionPrefix}/management/webhooks`;
const tags = ['Webhooks'];
const security = [{ managementToken: [] }];

/** Registers the webhook management routes on a scope that already requires the management token. */
export function registerManagementWebhookRoutes(scope: FastifyInstance, context: AppContext, admin: WebhookAdminDeps): void {
  scope.post<{ Body: Static<typeof createWebhookBody> }>(
    base,
    {
      schema: {
        operationId: 'createWebhook',
        summary: 'Create a webhook',
        description:
          "Creates a webhook and verifies its callback URL with a challenge at once; the answer shows whether verification succeeded and, if not, why. Refused with 430 `BILLING:INVALID_PLAN` when the application's plan does not include webhooks.",
        tags,
        security,
        body: createWebhookBody,
        response: responses(201, webhookSchema),
      },
    },
    async (request, reply) => {
      const created = await createWebhook(admin, managedApplicationOf(request).id, request.body);
      if (!created.ok) throw 'lackedFeature' in created ? invalidPlanError(created.lackedFeature) : 'applicationGone' in created ? unknownManagementTokenError() : validationError(created.problems);
      return reply.code(201).send(webhookView(created.value));
    },
  );

  scope.get(
    base,
    { schema: { operationId: 'listWebhooks', summary: 'List webhooks', tags, security, response: responses(200, Type.Object({ webhooks: Type.Array(webhookSchema) })) } },
    async (request) => ({ webhooks: (await context.repositories.webhooks.listByApplication(managedApplicationOf(request).id)).map(webhookView) }),
  );

  scope.get<{ Params: Static<typeof webhookParams> }>(
    `${base}/:webhook_id`,
    { schema: { operationId: 'getWebhook', summary: 'Show a webhook and its subscribed vehicles', tags, security, params: webhookParams, response: responses(200, webhookDetailSchema) } },
    async (request) => {
      const detail = await showWebhook(context.repositories, managedApplicationOf(request).id, request.params.webhook_id);
      if (detail === null) throw notFound('webhook');
      return detail;
    },
  );

  scope.patch<{ Params: Static<typeof webhookParams>; Body: Static<typeof updateWebhookBody> }>(
    `${base}/:webhook_id`,
    {
      schema: {
        operationId: 'updateWebhook',
        summary: 'Update a webhook',
        description: 'Changes name, callback URL (verified again), enabled, and the kind-specific settings. Kind and mode are fixed once created.',
        tags,
        security,
        params: webhookParams,
        body: updateWebhookBody,
        response: responses(200, webhookSchema),
      },
    },
    async (request) => {
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
  );

  scope.delete<{ Params: Static<typeof webhookParams> }>(
    `${base}/:webhook_id`,
    { schema: { operationId: 'deleteWebhook', summary: 'Delete a webhook with its subscriptions and deliveries', tags, security, params: webhookParams, response: responses(200, successSchema) } },
    async (request) => {
      if (!(await deleteWebhook(context.repositories, managedApplicationOf(request).id, request.params.webhook_id))) throw notFound('webhook');
      return { status: 'success' as const };
    },
  );

  scope.post<{ Params: Static<typeof webhookParams> }>(
    `${base}/:webhook_id/verify`,
    {
      schema: {
        operationId: 'verifyWebhook',
        summary: 'Verify a webhook again',
        description: 'Sends a new challenge to the callback URL (after fixing the receiver) and answers the webhook with the outcome.',
        tags,
        security,
        params: webhookParams,
        response: responses(200, webhookSchema),
      },
    },
    async (request) => {
      const verified = await reverifyWebhook(admin, managedApplicationOf(request).id, request.params.webhook_id);
      if (verified === null) throw notFound('webhook');
      return webhookView(verified);
    },
  );
}
