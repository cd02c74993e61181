/** @module What a webhook delivers: its two kinds, the events and endpoint data each carries, and the permissions that data needs. */
import { findMakeByPathSegment } from '../catalog/makes.js';
import type { EndpointDefinition } from '../catalog/types.js';
import type { VehicleEventType } from '../providers/vehicle-provider.js';
import type { WebhookRecord } from '../store/index.js';
import { resolveVehiclePath } from '../vehicle-data/resolve-vehicle-path.js';

/** `scheduled`: data of chosen endpoints at each interval. `eventBased`: vehicle events as they happen. */
export const webhookKinds = ['scheduled', 'eventBased'] as const;
export type WebhookKind = (typeof webhookKinds)[number];

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

/** Every event type an event-based webhook may ask for. */
export const webhookEventTypes = Object.keys(eventTypePermissions) as VehicleEventType[];

/** Bounds of a schedule: hourly and daily are the usual choices; a minute is the finest. */
export const scheduleLimits = { minIntervalSeconds: 60, maxIntervalSeconds: 7 * 86_400, maxEndpoints: 20 } as const;

/** What triggers a webhook's deliveries, as stored in the webhook's `config`. */
export type WebhookTrigger =
  | { readonly kind: 'eventBased'; readonly eventTypes: readonly VehicleEventType[] }
  | { readonly kind: 'scheduled'; readonly intervalSeconds: number; readonly endpoints: readonly string[] };

function isEventType(value: unknown): value is VehicleEventType {
  return typeof value === 'string' && Object.hasOwn(eventTypePermissions, value);
}

/** The trigger of a stored webhook, or null when its kind or config is not one Carport writes. */
export function triggerOf(webhook: Pick<WebhookRecord, 'kind' | 'config'>): WebhookTrigger | null {
  const { config } = webhook;
  if (webhook.kind === 'eventBased') {
    const types = config.eventTypes;
    return Array.isArray(types) && types.every(isEventType) ? { kind: 'eventBased', eventTypes: types } : null;
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
export function endpointForPath(path: string): EndpointDefinition | undefined {
  if (!path.startsWith('/')) return undefined;
  const bare = path.split('?', 1)[0] ?? '';
  const segment = bare.split('/').find((part) => part !== '') ?? '';
  const make = findMakeByPathSegment(segment)?.id ?? '';
  const resolution = resolveVehiclePath('GET', bare, make);
  return resolution.ok && resolution.endpoint.surface === 'vehicle' ? resolution.endpoint : undefined;
}

/** Permissions a vehicle's grant must hold for every delivery of this trigger (sorted, unique). */
export function requiredPermissions(trigger: WebhookTrigger): string[] {
  const permissions =
    trigger.kind === 'eventBased'
      ? trigger.eventTypes.map((type) => eventTypePermissions[type])
      : trigger.endpoints.map((path) => endpointForPath(path)?.permission ?? null);
  return [...new Set(permissions.filter((permission) => permission !== null))].sort();
}
