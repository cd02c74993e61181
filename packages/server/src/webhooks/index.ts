/** @module Public face of the webhooks part: what the HTTP module, the CLI and embedders use. */
export { CallbackSender, isAcknowledged, type CallbackOutcome, type CallbackRequest } from './callback-sender.js';
export { checkCallbackUrl } from './callback-url-policy.js';
export { listDeliveries, listDeliveryRecords, replayDelivery, showDelivery, InvalidCursorError, type DeliveryListing, type DeliveryQuery, type DeliveryRecordPage } from './delivery-log.js';
export { DeliveryWorker, DELIVERY_ATTEMPT_HEADER, DELIVERY_ID_HEADER } from './delivery-worker.js';
export { EventIntake } from './event-intake.js';
export { WebhookScheduler, slotStart } from './scheduler.js';
export { SIGNATURE_HEADER, TIMESTAMPED_SIGNATURE_HEADER, signBody, timestampedSignature, verifyTimestampedSignature } from './signing.js';
export { endSubscriptionsForConnection, subscribeConnection, unsubscribeVehicle, type SubscribeOutcome } from './subscriptions.js';
export type { WebhookChanges, WebhookInput, WebhookProblem, Validated } from './validate-webhook.js';
export { verifyWebhook } from './verification.js';
export { createWebhook, deleteWebhook, reverifyWebhook, showWebhook, updateWebhook, type ApplicationGone, type PlanWithoutWebhooks, type WebhookAdminDeps } from './webhook-admin.js';
export { startWebhookRuntime, type WebhookRuntime } from './webhook-runtime.js';
export { webhookSettingsFrom, type WebhookSettings } from './webhook-settings.js';
export { webhookView, deliveryView, deliveryEventTime, type DeliveryDetailView, type DeliveryView, type WebhookDetailView, type WebhookView } from './views.js';
