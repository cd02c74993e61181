/** @module What a webhook delivers: the trigger each of its two kinds stores, the endpoint data a schedule carries, and the permissions its deliveries need. */
import { findMakeByPathSegment } from '../catalog/makes.js';
import { isReadableVehicleData, type CatalogEndpoint } from '../catalog/endpoints/index.js';
import { eventTypePermissions, isVehicleEventType, type VehicleEventType } from '../catalog/webhook-vocabulary.js';
import type { WebhookRecord } from '../store/index.js';
import { resolveVehiclePath } from '../vehicle-data/resolve-vehicle-path.js';

// The words (kinds, event types, the permission each event needs, a schedule's bounds) are the catalog's.
export { eventTypePermissions, scheduleLimits, type WebhookKind } from '../catalog/webhook-vocabulary.js';

/** What triggers a webhook's deliveries, as stored in the webhook's `config`. */
export type WebhookTrigger =
  | { readonly kind: 'eventBased'; readonly eventTypes: readonly VehicleEventType[] }
  | { readonly kind: 'scheduled'; readonly intervalSeconds: number; readonly endpoints: readonly string[] };

/** The trigger of a stored webhook, or null when its kind or config is not one Carport writes. */
export function triggerOf(webhook: Pick<WebhookRecord, 'kind' | 'config'>): WebhookTrigger | null {
  const { config } = webhook;
  if (webhook.kind === 'eventBased') {
    const types = config.eventTypes;
    return Array.isArray(types) && types.every(isVehicleEventType) ? { kind: 'eventBased', eventTypes: types } : null;
  }
  if (webhook.kind === 'scheduled') {
    const { intervalSeconds, endpoints } = config;
    if (typeof intervalSeconds !== 'number' || !Array.isArray(endpoints) || !endpoints.every((path) => typeof path === 'string')) return null;
    return { kind: 'scheduled', intervalSeconds, endpoints };
  }
  return null;
}

/** The `config` object stored for a trigger. */
export function triggerConfig(trigger: WebhookTrigger): Record<string, unknown> {
  return trigger.kind === 'eventBased'
    ? { eventTypes: [...trigger.eventTypes] }
    : { intervalSeconds: trigger.intervalSeconds, endpoints: [...trigger.endpoints] };
}

/**
 * The catalog GET endpoint a scheduled path reads (`/odometer`, `/tesla/charge`, optionally with a
 * query), or undefined when no vehicle endpoint answers that path.
 */
export function endpointForPath(path: string): CatalogEndpoint | undefined {
  if (!path.startsWith('/')) return undefined;
  const bare = path.split('?', 1)[0] ?? '';
  const segment = bare.split('/').find((part) => part !== '') ?? '';
  const make = findMakeByPathSegment(segment)?.id ?? '';
  const resolution = resolveVehiclePath('GET', bare, make);
  return resolution.ok && isReadableVehicleData(resolution.endpoint) ? resolution.endpoint : undefined;
}

/** Permissions a vehicle's grant must hold for every delivery of this trigger (sorted, unique). */
export function requiredPermissions(trigger: WebhookTrigger): string[] {
  const permissions =
    trigger.kind === 'eventBased'
      ? trigger.eventTypes.map((type) => eventTypePermissions[type])
      : trigger.endpoints.map((path) => endpointForPath(path)?.permission ?? null);
  return [...new Set(permissions.filter((permission) => permission !== null))].sort();
}
