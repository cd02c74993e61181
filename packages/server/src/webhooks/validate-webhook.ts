/** @module Validates webhook definitions (create and update) into what the store keeps, naming every problem at once. */
import type { WebhookAddressClass } from '../config/setting-parsers.js';
import type { VehicleMode, WebhookPatch, WebhookRecord } from '../store/index.js';
import { checkCallbackUrl } from './callback-url-policy.js';
import { vehicleModes } from '../catalog/vehicle-modes.js';
import { isVehicleEventType, vehicleEventTypes, webhookKinds, type WebhookKind } from '../catalog/webhook-vocabulary.js';
import { endpointForPath, scheduleLimits, triggerConfig, triggerOf, type WebhookTrigger } from './webhook-definition.js';

/** One invalid field and why. */
export interface WebhookProblem {
  readonly field: string;
  readonly message: string;
}

/** A validation result. */
export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly WebhookProblem[] };

/** The kind-specific fields, as clients send them. */
export interface TriggerFields {
  /** `eventBased`: the event types to deliver. */
  readonly eventTypes?: readonly string[];
  /** `scheduled`: seconds between deliveries. */
  readonly intervalSeconds?: number;
  /** `scheduled`: vehicle endpoint paths whose data each delivery carries, e.g. `/battery`. */
  readonly endpoints?: readonly string[];
}

/** A new webhook as a client describes it. */
export interface WebhookInput extends TriggerFields {
  readonly name: string;
  readonly callbackUrl: string;
  readonly kind: string;
  readonly mode: string;
  readonly enabled?: boolean;
}

/** Changes to a webhook; kind and mode are fixed once created (subscriptions depend on them). */
export interface WebhookChanges extends TriggerFields {
  readonly name?: string;
  readonly callbackUrl?: string;
  readonly enabled?: boolean;
}

/** A valid new webhook. */
export interface ValidWebhook {
  readonly name: string;
  readonly callbackUrl: string;
  readonly kind: WebhookKind;
  readonly mode: VehicleMode;
  readonly enabled: boolean;
  readonly trigger: WebhookTrigger;
}

const MAX_NAME_LENGTH = 100;

function checkName(name: string, problems: WebhookProblem[]): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > MAX_NAME_LENGTH) problems.push({ field: 'name', message: `must be 1 to ${MAX_NAME_LENGTH} characters` });
  return trimmed;
}

function checkUrl(url: string, mode: VehicleMode, allowed: readonly WebhookAddressClass[], problems: WebhookProblem[]): string {
  const checked = checkCallbackUrl(url, mode, allowed);
  if (checked.ok) return checked.url;
  problems.push({ field: 'callbackUrl', message: checked.problem });
  return url;
}

function checkTrigger(kind: WebhookKind, fields: TriggerFields, problems: WebhookProblem[]): WebhookTrigger {
  const misplaced = kind === 'eventBased' ? (['intervalSeconds', 'endpoints'] as const) : (['eventTypes'] as const);
  for (const field of misplaced) {
    if (fields[field] !== undefined) problems.push({ field, message: `applies only to ${kind === 'eventBased' ? 'scheduled' : 'eventBased'} webhooks` });
  }
  if (kind === 'eventBased') {
    const types = fields.eventTypes ?? [];
    if (types.length === 0) problems.push({ field: 'eventTypes', message: `must list at least one of ${vehicleEventTypes.join(', ')}` });
    const eventTypes = vehicleEventTypes.filter((type) => types.includes(type));
    types.forEach((type, index) => {
      if (!isVehicleEventType(type)) problems.push({ field: `eventTypes.${index}`, message: `must be one of ${vehicleEventTypes.join(', ')}` });
    });
    return { kind, eventTypes };
  }
  const { minIntervalSeconds, maxIntervalSeconds, maxEndpoints } = scheduleLimits;
  const intervalSeconds = fields.intervalSeconds ?? 0;
  if (!Number.isInteger(intervalSeconds) || intervalSeconds < minIntervalSeconds || intervalSeconds > maxIntervalSeconds) {
    problems.push({ field: 'intervalSeconds', message: `must be an integer from ${minIntervalSeconds} to ${maxIntervalSeconds}` });
  }
  const endpoints = [...new Set(fields.endpoints ?? [])];
  if (endpoints.length === 0 || endpoints.length > maxEndpoints) problems.push({ field: 'endpoints', message: `must list 1 to ${maxEndpoints} vehicle endpoint paths, e.g. /battery` });
  endpoints.forEach((path, index) => {
    if (endpointForPath(path) === undefined) problems.push({ field: `endpoints.${index}`, message: `${path} is not a vehicle GET endpoint (e.g. /battery, /odometer, /tesla/charge)` });
  });
  return { kind, intervalSeconds, endpoints };
}

function result<T>(value: T, problems: readonly WebhookProblem[]): Validated<T> {
  return problems.length === 0 ? { ok: true, value } : { ok: false, problems };
}

/** Validates a new webhook; `allowed` are the address ranges configuration lets callbacks reach. */
export function validateNewWebhook(input: WebhookInput, allowed: readonly WebhookAddressClass[]): Validated<ValidWebhook> {
  const problems: WebhookProblem[] = [];
  const name = checkName(input.name, problems);
  const kind = webhookKinds.find((known) => known === input.kind);
  if (kind === undefined) problems.push({ field: 'kind', message: `must be one of ${webhookKinds.join(', ')}` });
  const mode = vehicleModes.find((known) => known === input.mode);
  if (mode === undefined) problems.push({ field: 'mode', message: `must be one of ${vehicleModes.join(', ')}` });
  // A URL is judged for the mode it will serve; without a valid mode, judge it strictly.
  const callbackUrl = checkUrl(input.callbackUrl, mode ?? 'live', allowed, problems);
  const trigger = kind === undefined ? null : checkTrigger(kind, input, problems);
  if (kind === undefined || mode === undefined || trigger === null) return { ok: false, problems };
  return result({ name, callbackUrl, kind, mode, enabled: input.enabled ?? true, trigger }, problems);
}

/** Validates changes to `existing` into a store patch (a new URL clears the verification there). */
export function validateWebhookChanges(existing: WebhookRecord, changes: WebhookChanges, allowed: readonly WebhookAddressClass[]): Validated<WebhookPatch> {
  const problems: WebhookProblem[] = [];
  const patch: { -readonly [K in keyof WebhookPatch]: WebhookPatch[K] } = {};
  if (changes.name !== undefined) patch.name = checkName(changes.name, problems);
  if (changes.callbackUrl !== undefined) patch.callbackUrl = checkUrl(changes.callbackUrl, existing.mode, allowed, problems);
  if (changes.enabled !== undefined) patch.enabled = changes.enabled;
  const touchesTrigger = changes.eventTypes !== undefined || changes.intervalSeconds !== undefined || changes.endpoints !== undefined;
  const current = triggerOf(existing);
  const kind = webhookKinds.find((known) => known === existing.kind);
  if (touchesTrigger && kind !== undefined) {
    const base: TriggerFields = current === null ? {} : current.kind === 'eventBased' ? { eventTypes: current.eventTypes } : { intervalSeconds: current.intervalSeconds, endpoints: current.endpoints };
    const merged: TriggerFields = {
      ...base,
      ...(changes.eventTypes === undefined ? {} : { eventTypes: changes.eventTypes }),
      ...(changes.intervalSeconds === undefined ? {} : { intervalSeconds: changes.intervalSeconds }),
      ...(changes.endpoints === undefined ? {} : { endpoints: changes.endpoints }),
    };
    patch.config = triggerConfig(checkTrigger(kind, merged, problems));
  }
  return result(patch, problems);
}
