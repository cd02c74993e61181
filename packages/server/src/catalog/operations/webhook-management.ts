/**
 * @module Carport's webhook API: subscribing and unsubscribing a vehicle (endpoint catalog entries
 * whose webhook id is checked as a UUID), and the management routes of webhooks and their deliveries
 * (`/v2.0/management/webhooks...`, management token), with the TypeBox schemas that validate,
 * serialise and document them.
 */
import { Type } from '@sinclair/typebox';
import { closedObject, nullable } from '../endpoints/shared.js';
import { vehicleModeSchema } from '../vehicle-modes.js';
import { deliveryStatuses, scheduleLimits, vehicleEventTypes, verificationStatuses, webhookKinds } from '../webhook-vocabulary.js';
import { catalogOperation } from './endpoint-operations.js';
import { apiVersionPrefix, operationById, withErrorResponses, type OperationDefinition, type OperationMethod, type OperationSchema } from './operation.js';

/** Webhook and delivery ids are UUIDs; anything else is a malformed id (400 VALIDATION). */
export const uuidPattern = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const id = (description: string) => Type.String({ pattern: uuidPattern, description });
const text = (description: string) => Type.String({ description });
const modeSchema = vehicleModeSchema({ description: 'Which vehicles the webhook serves; live-mode callbacks must use HTTPS.' });
const kindSchema = Type.Union(webhookKinds.map((kind) => Type.Literal(kind)), {
  description: '`scheduled`: data of `endpoints` every `intervalSeconds`. `eventBased`: the `eventTypes` as they happen.',
});
const statusSchema = Type.Union(deliveryStatuses.map((status) => Type.Literal(status)), {
  description: '`pending` (waiting for its next attempt), `delivering`, `delivered`, or `dead` (retries exhausted; replay it).',
});

const triggerFields = {
  eventTypes: Type.Optional(
    Type.Array(Type.Union(vehicleEventTypes.map((type) => Type.Literal(type))), { minItems: 1, description: '`eventBased` only: the events to deliver.' }),
  ),
  intervalSeconds: Type.Optional(
    Type.Integer({ minimum: scheduleLimits.minIntervalSeconds, maximum: scheduleLimits.maxIntervalSeconds, description: '`scheduled` only: seconds between deliveries (3600: hourly, on the hour).' }),
  ),
  endpoints: Type.Optional(
    Type.Array(Type.String({ pattern: '^/', description: 'A vehicle GET endpoint path, e.g. `/battery`.' }), {
      minItems: 1,
      maxItems: scheduleLimits.maxEndpoints,
      description: '`scheduled` only: the endpoints whose data each delivery carries.',
    }),
  ),
};

/** Body of `POST /management/webhooks`. */
export const createWebhookBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, description: 'A name for people.' }),
  callbackUrl: Type.String({ minLength: 1, maxLength: 2048, description: 'Where deliveries are POSTed; verified with a challenge first.' }),
  kind: kindSchema,
  mode: modeSchema,
  enabled: Type.Optional(Type.Boolean({ description: 'Default true; a disabled webhook keeps its deliveries waiting.' })),
  ...triggerFields,
});

/** Body of `PATCH /management/webhooks/{webhook_id}`; `kind` and `mode` may be sent but not changed. */
export const updateWebhookBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  callbackUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 2048, description: 'A new URL is verified again before anything is delivered to it.' })),
  enabled: Type.Optional(Type.Boolean()),
  kind: Type.Optional(kindSchema),
  mode: Type.Optional(modeSchema),
  ...triggerFields,
});
/** A webhook as the API shows it. */
export const webhookSchema = closedObject(
  {
    id: text('Webhook id (use it to subscribe vehicles).'),
    name: text('Name.'),
    callbackUrl: text('Callback URL.'),
    kind: text('`scheduled` or `eventBased`.'),
    mode: modeSchema,
    enabled: Type.Boolean(),
    eventTypes: nullable(Type.Array(Type.String())),
    intervalSeconds: nullable(Type.Integer()),
    endpoints: nullable(Type.Array(Type.String())),
    verification: closedObject(
      {
        status: Type.Union(verificationStatuses.map((status) => Type.Literal(status))),
        verifiedAt: nullable(Type.String()),
        error: nullable(Type.String({ description: 'Why the last verification failed: what the callback answered and what was expected.' })),
      },
      { description: 'Nothing is delivered until `status` is `verified`.' },
    ),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { description: 'A webhook.' },
);

/** A webhook with its subscribed vehicles. */
export const webhookDetailSchema = closedObject({
  ...webhookSchema.properties,
  vehicleIds: Type.Array(Type.String(), { description: 'Vehicles subscribed (through a current connection).' }),
});

const deliveryProperties = {
  id: text('Delivery id (a replay is a new delivery).'),
  eventId: nullable(Type.String({ description: "The body's `payload.eventId`: the same across retries and replays." })),
  webhookId: Type.String(),
  vehicleId: nullable(Type.String()),
  eventName: nullable(Type.String({ description: '`eventBased` or `scheduled`.' })),
  eventType: text('Event type, or `scheduled`.'),
  status: statusSchema,
  failedAttempts: Type.Integer(),
  nextAttemptAt: nullable(Type.String()),
  createdAt: Type.String(),
  deliveredAt: nullable(Type.String()),
  replayOf: nullable(Type.String({ description: 'The delivery this one replays.' })),
};

/** A delivery in the log. */
export const deliverySchema = closedObject(deliveryProperties);

/** A delivery with its body and attempts. */
export const deliveryDetailSchema = closedObject({
  ...deliveryProperties,
  body: Type.Unknown({ description: 'The exact body sent (compact JSON).' }),
  attempts: Type.Array(
    closedObject({
      attemptedAt: Type.String(),
      statusCode: nullable(Type.Integer({ description: 'Null when no response arrived.' })),
      latencyMs: Type.Integer(),
      error: nullable(Type.String()),
      responseSnippet: nullable(Type.String({ description: 'The first 1,000 characters of the response body.' })),
    }),
  ),
});

/** Query of the delivery log. */
const deliveryQuery = Type.Object({
  webhook_id: Type.Optional(id('Only deliveries of this webhook.')),
  vehicle_id: Type.Optional(Type.String({ minLength: 1, description: 'Only deliveries about this vehicle.' })),
  status: Type.Optional(statusSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Page size, default 20.' })),
  cursor: Type.Optional(Type.String({ minLength: 1, description: 'The `paging.cursor` of the previous page.' })),
});

const webhookParams = Type.Object({ webhook_id: id('Webhook id.') });
const deliveryParams = Type.Object({ delivery_id: id('Delivery id.') });

/** `{"status": "success"}`. */
const successSchema = closedObject({ status: Type.Literal('success') });

/** The catalog's `{id}`, with the webhook id checked: a malformed one answers 400 VALIDATION, code null. */
const subscriptionParams = Type.Object({
  id: Type.String({ minLength: 1 }),
  webhook_id: Type.String({ pattern: uuidPattern, description: 'The webhook id (a UUID).' }),
});

const subscribe = catalogOperation('subscribeWebhook');
const unsubscribe = catalogOperation('unsubscribeWebhook');

const webhooksPath = `${apiVersionPrefix}/management/webhooks`;
const deliveriesPath = `${webhooksPath}/deliveries`;

/** A management operation: its id is its OpenAPI operationId; tagged Webhooks and secured by the management token. */
function managed<const Id extends string, const Schema extends OperationSchema>(id: Id, method: OperationMethod, url: string, schema: Schema) {
  return { id, method, url, schema: { operationId: id, ...schema, tags: ['Webhooks'], security: [{ managementToken: [] }] } } satisfies OperationDefinition<Id>;
}

/** Every webhook operation, in the order the OpenAPI document lists them. */
export const webhookOperations = [
  { ...subscribe, schema: { ...subscribe.schema, params: subscriptionParams } },
  // Unsubscribing is the application's business, not the vehicle owner's: the management token authorizes it.
  { ...unsubscribe, schema: { ...unsubscribe.schema, params: subscriptionParams, security: [{ managementToken: [] }] } },
  managed('createWebhook', 'POST', webhooksPath, {
    summary: 'Create a webhook',
    description:
      "Creates a webhook and verifies its callback URL with a challenge at once; the answer shows whether verification succeeded and, if not, why. Refused with 430 `BILLING:INVALID_PLAN` when the application's plan does not include webhooks.",
    body: createWebhookBody,
    response: withErrorResponses({ 201: webhookSchema }),
  }),
  managed('listWebhooks', 'GET', webhooksPath, { summary: 'List webhooks', response: withErrorResponses({ 200: Type.Object({ webhooks: Type.Array(webhookSchema) }) }) }),
  managed('getWebhook', 'GET', `${webhooksPath}/:webhook_id`, {
    summary: 'Show a webhook and its subscribed vehicles',
    params: webhookParams,
    response: withErrorResponses({ 200: webhookDetailSchema }),
  }),
  managed('updateWebhook', 'PATCH', `${webhooksPath}/:webhook_id`, {
    summary: 'Update a webhook',
    description: 'Changes name, callback URL (verified again), enabled, and the kind-specific settings. Kind and mode are fixed once created.',
    params: webhookParams,
    body: updateWebhookBody,
    response: withErrorResponses({ 200: webhookSchema }),
  }),
  managed('deleteWebhook', 'DELETE', `${webhooksPath}/:webhook_id`, {
    summary: 'Delete a webhook with its subscriptions and deliveries',
    params: webhookParams,
    response: withErrorResponses({ 200: successSchema }),
  }),
  managed('verifyWebhook', 'POST', `${webhooksPath}/:webhook_id/verify`, {
    summary: 'Verify a webhook again',
    description: 'Sends a new challenge to the callback URL (after fixing the receiver) and answers the webhook with the outcome.',
    params: webhookParams,
    response: withErrorResponses({ 200: webhookSchema }),
  }),
  managed('listWebhookDeliveries', 'GET', deliveriesPath, {
    summary: 'List webhook deliveries',
    description: 'Deliveries of the application, newest first, filtered by webhook, vehicle and status.',
    querystring: deliveryQuery,
    response: withErrorResponses({ 200: Type.Object({ deliveries: Type.Array(deliverySchema), paging: Type.Object({ cursor: Type.Union([Type.String(), Type.Null()]) }) }) }),
  }),
  managed('getWebhookDelivery', 'GET', `${deliveriesPath}/:delivery_id`, {
    summary: 'Show a delivery with its body and every attempt',
    params: deliveryParams,
    response: withErrorResponses({ 200: deliveryDetailSchema }),
  }),
  managed('replayWebhookDelivery', 'POST', `${deliveriesPath}/:delivery_id/replay`, {
    summary: 'Replay an event',
    description: 'Delivers a past event (delivered or dead-lettered) again as a new delivery with the identical body and `eventId`.',
    params: deliveryParams,
    response: withErrorResponses({ 201: deliverySchema }),
  }),
] as const satisfies readonly OperationDefinition[];

export type WebhookOperationId = (typeof webhookOperations)[number]['id'];

/** The webhook operation with this id, typed by its schemas. */
export function webhookOperation<Id extends WebhookOperationId>(id: Id): Extract<(typeof webhookOperations)[number], { readonly id: Id }> {
  return operationById(webhookOperations, id);
}
