/** @module TypeBox schemas of the webhook Management API: request validation, response serialisation and OpenAPI from one place. */
import { Type, type TSchema } from '@sinclair/typebox';
import { closedObject, nullable } from '../../catalog/endpoints/shared.js';
import { vehicleModeSchema } from '../../catalog/vehicle-modes.js';
import { deliveryStatuses, vehicleEventTypes, verificationStatuses, webhookKinds } from '../../catalog/webhook-vocabulary.js';
import { scheduleLimits } from '../../webhooks/webhook-definition.js';

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
export const deliveryQuery = Type.Object({
  webhook_id: Type.Optional(id('Only deliveries of this webhook.')),
  vehicle_id: Type.Optional(Type.String({ minLength: 1, description: 'Only deliveries about this vehicle.' })),
  status: Type.Optional(statusSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Page size, default 20.' })),
  cursor: Type.Optional(Type.String({ minLength: 1, description: 'The `paging.cursor` of the previous page.' })),
});

/** Path parameters. */
export const webhookParams = Type.Object({ webhook_id: id('Webhook id.') });
export const deliveryParams = Type.Object({ delivery_id: id('Delivery id.') });

/** `{"status": "success"}`. */
export const successSchema = closedObject({ status: Type.Literal('success') });

/** The common response table of a management route: its success answer and the catalog error body. */
export function responses(code: number, schema: TSchema): Record<string, TSchema> {
  return { [code]: schema, '4xx': Type.Ref('ErrorBody'), '5xx': Type.Ref('ErrorBody') };
}
