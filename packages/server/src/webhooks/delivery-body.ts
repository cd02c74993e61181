/** @module The bodies Carport POSTs to callbacks (verify, eventBased, scheduled), in the public API's v2.0 shape, serialised compactly. */
import type { WebhookKind } from '../catalog/webhook-vocabulary.js';
import type { VehicleEventType } from '../providers/vehicle-provider.js';
import type { VehicleMode } from '../store/index.js';

/** Every delivery body: `{version, webhookId, eventName, mode, payload}` (`mode` absent on verify, as the public docs show). */
export interface DeliveryBody<P> {
  readonly version: '2.0';
  readonly webhookId: string;
  readonly eventName: 'verify' | WebhookKind;
  readonly mode?: VehicleMode;
  readonly payload: P;
}

/** One endpoint's answer in a scheduled delivery: the batch sub-response shape. */
export interface EndpointData {
  readonly path: string;
  readonly code: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** Payload of an event-based delivery. */
export interface EventBasedPayload {
  /** Stable across retries and replays, so receivers can de-duplicate. */
  readonly eventId: string;
  readonly vehicleId: string;
  readonly eventType: VehicleEventType;
  /** When the event happened at the vehicle (ISO-8601). */
  readonly eventTime: string;
  /** Event details from the vehicle, e.g. `{code: 'P0420'}` for a trouble code. */
  readonly data: Readonly<Record<string, unknown>>;
}

/** Payload of a scheduled delivery: one vehicle's data for one tick of the schedule. */
export interface ScheduledPayload {
  readonly eventId: string;
  readonly vehicleId: string;
  /** The scheduled time this delivery stands for (ISO-8601, the start of its interval). */
  readonly eventTime: string;
  /** The request id the reads ran under (error bodies in `responses` carry it). */
  readonly requestId: string;
  readonly responses: readonly EndpointData[];
}

/** The verification challenge body. */
export function verifyBody(webhookId: string, challenge: string): DeliveryBody<{ challenge: string }> {
  return { version: '2.0', webhookId, eventName: 'verify', payload: { challenge } };
}

/** An event-based delivery body. */
export function eventBasedBody(webhook: { id: string; mode: VehicleMode }, payload: EventBasedPayload): DeliveryBody<EventBasedPayload> {
  return { version: '2.0', webhookId: webhook.id, eventName: 'eventBased', mode: webhook.mode, payload };
}

/** A scheduled delivery body. */
export function scheduledBody(webhook: { id: string; mode: VehicleMode }, payload: ScheduledPayload): DeliveryBody<ScheduledPayload> {
  return { version: '2.0', webhookId: webhook.id, eventName: 'scheduled', mode: webhook.mode, payload };
}

/**
 * The exact bytes sent: compact JSON, so `JSON.stringify(JSON.parse(raw)) === raw` and the official
 * SDK's `verifyPayload` (which hashes `JSON.stringify(body)`) agrees with the raw-body signature.
 */
export function serializeBody(body: unknown): string {
  return JSON.stringify(body);
}
