/**
 * @module The words of webhooks, declared once: the two kinds, the vehicle event types (with the
 * permission each needs), delivery statuses and verification statuses. Providers, the simulator,
 * the store, the webhook runtime, the Management API schemas and the CLI import them from here.
 */

/** `scheduled`: data of chosen endpoints at each interval. `eventBased`: vehicle events as they happen. */
export const webhookKinds = ['scheduled', 'eventBased'] as const;
export type WebhookKind = (typeof webhookKinds)[number];

export function isWebhookKind(value: unknown): value is WebhookKind {
  return webhookKinds.some((kind) => kind === value);
}

/** Event types providers report and event-based webhooks deliver, in the order messages list them. */
export const vehicleEventTypes = [
  'CHARGING_STARTED',
  'CHARGING_STOPPED',
  'CHARGING_COMPLETED',
  'DTC_ACTIVATED',
  'DTC_CLEARED',
  'SYSTEM_STATUS_CHANGED',
] as const;
export type VehicleEventType = (typeof vehicleEventTypes)[number];

export function isVehicleEventType(value: unknown): value is VehicleEventType {
  return vehicleEventTypes.some((type) => type === value);
}

/**
 * The permission whose grant lets an application receive each event (the catalog's
 * `read_charge_events` for charging, `read_diagnostics` for trouble codes and system status).
 */
export const eventTypePermissions: Readonly<Record<VehicleEventType, string>> = {
  CHARGING_STARTED: 'read_charge_events',
  CHARGING_STOPPED: 'read_charge_events',
  CHARGING_COMPLETED: 'read_charge_events',
  DTC_ACTIVATED: 'read_diagnostics',
  DTC_CLEARED: 'read_diagnostics',
  SYSTEM_STATUS_CHANGED: 'read_diagnostics',
};

/**
 * Where a delivery stands: `pending` (waiting for its next attempt), `delivering`, `delivered`, or
 * `dead` (retries exhausted; an operator or the application may replay it).
 */
export const deliveryStatuses = ['pending', 'delivering', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export function isDeliveryStatus(value: unknown): value is DeliveryStatus {
  return deliveryStatuses.some((status) => status === value);
}

/** Whether a webhook's callback answered its challenge: nothing is delivered until `verified`. */
export const verificationStatuses = ['verified', 'pending', 'failed'] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];

/** Bounds of a schedule: hourly and daily are the usual choices; a minute is the finest. */
export const scheduleLimits = { minIntervalSeconds: 60, maxIntervalSeconds: 7 * 86_400, maxEndpoints: 20 } as const;
