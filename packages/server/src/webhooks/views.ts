/** @module How webhooks and deliveries are shown to developers (Management API and CLI): one shape for both. */
import type { VerificationStatus } from '../catalog/webhook-vocabulary.js';
import type { DeliveryAttemptRecord, OutboxStatus, VehicleMode, WebhookDeliveryRecord, WebhookRecord } from '../store/index.js';
import { triggerOf } from './webhook-definition.js';

/** Whether a webhook may receive deliveries, and if not, why. */
export interface VerificationView {
  /** `verified`: deliveries flow. `pending`: never verified. `failed`: the last challenge failed (see `error`). */
  readonly status: VerificationStatus;
  readonly verifiedAt: string | null;
  readonly error: string | null;
}

/** A webhook as developers see it. Its lists are fresh copies, mutable as the response schema's static type has them. */
export interface WebhookView {
  readonly id: string;
  readonly name: string;
  readonly callbackUrl: string;
  readonly kind: string;
  readonly mode: VehicleMode;
  readonly enabled: boolean;
  /** `eventBased` only. */
  readonly eventTypes: string[] | null;
  /** `scheduled` only. */
  readonly intervalSeconds: number | null;
  /** `scheduled` only. */
  readonly endpoints: string[] | null;
  readonly verification: VerificationView;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A webhook with the vehicles subscribed to it. */
export interface WebhookDetailView extends WebhookView {
  readonly vehicleIds: readonly string[];
}

/** One delivery attempt. */
export interface AttemptView {
  readonly attemptedAt: string;
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
  readonly responseSnippet: string | null;
}

/** A delivery in the log. */
export interface DeliveryView {
  /** The delivery (a replay is a new delivery of the same event). */
  readonly id: string;
  /** The event's id as the body carries it: the same across retries and replays. */
  readonly eventId: string | null;
  readonly webhookId: string;
  readonly vehicleId: string | null;
  readonly eventName: string | null;
  readonly eventType: string;
  readonly status: OutboxStatus;
  readonly failedAttempts: number;
  /** When the next attempt is due; null once delivered or dead-lettered. */
  readonly nextAttemptAt: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
  readonly replayOf: string | null;
}

/** A delivery with its body and every attempt. */
export interface DeliveryDetailView extends DeliveryView {
  readonly body: unknown;
  readonly attempts: readonly AttemptView[];
}

/** The webhook view of a record. */
export function webhookView(webhook: WebhookRecord): WebhookView {
  const trigger = triggerOf(webhook);
  return {
    id: webhook.id,
    name: webhook.name,
    callbackUrl: webhook.callbackUrl,
    kind: webhook.kind,
    mode: webhook.mode,
    enabled: webhook.enabled,
    eventTypes: trigger?.kind === 'eventBased' ? [...trigger.eventTypes] : null,
    intervalSeconds: trigger?.kind === 'scheduled' ? trigger.intervalSeconds : null,
    endpoints: trigger?.kind === 'scheduled' ? [...trigger.endpoints] : null,
    verification: {
      status: webhook.verifiedAt !== null ? 'verified' : webhook.verificationError !== null ? 'failed' : 'pending',
      verifiedAt: webhook.verifiedAt,
      error: webhook.verificationError,
    },
    createdAt: webhook.createdAt,
    updatedAt: webhook.updatedAt,
  };
}

function field(body: unknown, ...path: string[]): string | null {
  let value: unknown = body;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : null;
}

/** The log view of a delivery. */
export function deliveryView(delivery: WebhookDeliveryRecord): DeliveryView {
  const open = delivery.status === 'pending' || delivery.status === 'delivering';
  return {
    id: delivery.id,
    eventId: field(delivery.payload, 'payload', 'eventId'),
    webhookId: delivery.webhookId,
    vehicleId: delivery.applicationVehicleId,
    eventName: field(delivery.payload, 'eventName'),
    eventType: delivery.eventType,
    status: delivery.status,
    failedAttempts: delivery.failedAttempts,
    nextAttemptAt: open ? delivery.nextAttemptAt : null,
    createdAt: delivery.createdAt,
    deliveredAt: delivery.deliveredAt,
    replayOf: delivery.replayOf,
  };
}

/** When a delivery's event happened (at the vehicle, or the scheduled interval's start), as its body says. */
export function deliveryEventTime(delivery: WebhookDeliveryRecord): string | null {
  return field(delivery.payload, 'payload', 'eventTime');
}

/** The attempt view of a record. */
export function attemptView(attempt: DeliveryAttemptRecord): AttemptView {
  return {
    attemptedAt: attempt.attemptedAt,
    statusCode: attempt.statusCode,
    latencyMs: attempt.latencyMs,
    error: attempt.error,
    responseSnippet: attempt.responseSnippet,
  };
}
