/** @module The delivery log: list deliveries by webhook, vehicle and status, show one with every attempt, and replay any past event. */
import { ConstraintViolationError, type DeliveryCursor, type OutboxStatus, type Repositories, type WebhookDeliveryRecord } from '../store/index.js';
import { attemptView, deliveryView, type DeliveryDetailView, type DeliveryView } from './views.js';

/** Filters of {@link listDeliveries}. */
export interface DeliveryQuery {
  /** Null lists every application's deliveries: the operator's view (the CLI), never an application's. */
  readonly applicationId: string | null;
  readonly webhookId?: string;
  /** The vehicle id the application knows. */
  readonly vehicleId?: string;
  readonly status?: OutboxStatus;
  /** Page size (1 to 100). */
  readonly limit: number;
  /** The `paging.cursor` of the previous page. */
  readonly cursor?: string;
}

/** One page of the log. */
export interface DeliveryListing {
  readonly deliveries: readonly DeliveryView[];
  readonly paging: { readonly cursor: string | null };
}

/** A cursor that was not issued by {@link listDeliveries}. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

function encodeCursor(cursor: DeliveryCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id]), 'utf8').toString('base64url');
}

function decodeCursor(text: string): DeliveryCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return { createdAt: value[0], id: value[1] };
  } catch {
    // Reported below as one kind of failure, whatever the decoding problem was.
  }
  throw new InvalidCursorError('The cursor is not one a previous page returned.');
}

/** One page of the log as stored records, with the cursor of the next page. */
export interface DeliveryRecordPage {
  readonly records: readonly WebhookDeliveryRecord[];
  readonly cursor: string | null;
}

/** Deliveries of an application, newest first. Throws {@link InvalidCursorError} for a foreign cursor. */
export async function listDeliveries(repositories: Pick<Repositories, 'outbox'>, query: DeliveryQuery): Promise<DeliveryListing> {
  const page = await listDeliveryRecords(repositories, query);
  return { deliveries: page.records.map(deliveryView), paging: { cursor: page.cursor } };
}

/**
 * {@link listDeliveries} as records, for the operator's tools, which show more than an application
 * sees of a delivery (whose it is, when its event happened). Same cursors.
 */
export async function listDeliveryRecords(repositories: Pick<Repositories, 'outbox'>, query: DeliveryQuery): Promise<DeliveryRecordPage> {
  const page = await repositories.outbox.listDeliveries({
    applicationId: query.applicationId,
    limit: query.limit,
    ...(query.webhookId === undefined ? {} : { webhookId: query.webhookId }),
    ...(query.vehicleId === undefined ? {} : { applicationVehicleId: query.vehicleId }),
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.cursor === undefined ? {} : { after: decodeCursor(query.cursor) }),
  });
  return { records: page.items, cursor: page.next === null ? null : encodeCursor(page.next) };
}

/** One delivery of an application with its body and attempts; null when unknown. */
export async function showDelivery(repositories: Pick<Repositories, 'outbox'>, applicationId: string, id: string): Promise<DeliveryDetailView | null> {
  const delivery = await repositories.outbox.findDelivery(applicationId, id);
  if (delivery === null) return null;
  const attempts = await repositories.outbox.listAttempts(id);
  return { ...deliveryView(delivery), body: delivery.payload, attempts: attempts.map(attemptView) };
}

/**
 * Delivers a past event again as a new delivery with the identical body (so the same `eventId`:
 * a receiver that already processed it can tell). Works for delivered and dead-lettered events
 * alike; null when unknown, or deleted with its webhook while being replayed.
 */
export async function replayDelivery(repositories: Pick<Repositories, 'outbox'>, applicationId: string, id: string, onEnqueued?: () => void): Promise<DeliveryView | null> {
  const original = await repositories.outbox.findDelivery(applicationId, id);
  if (original === null) return null;
  let replay: WebhookDeliveryRecord | null;
  try {
    replay = await repositories.outbox.enqueueDelivery({
      applicationId,
      webhookId: original.webhookId,
      vehicleId: original.vehicleId,
      applicationVehicleId: original.applicationVehicleId,
      eventType: original.eventType,
      payload: original.payload,
      replayOf: original.id,
    });
  } catch (error) {
    // Its webhook (or application) was deleted since it was found, and the delivery with it: unknown now.
    if (error instanceof ConstraintViolationError && error.kind === 'foreign_key') return null;
    throw error;
  }
  if (replay === null) throw new Error('a replay has no deduplication key and cannot collide');
  onEnqueued?.();
  return deliveryView(replay);
}
