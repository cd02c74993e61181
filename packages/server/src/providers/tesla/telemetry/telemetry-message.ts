/**
 * @module One message of Tesla's fleet-telemetry MQTT dispatcher, as Carport reads it: the topic
 * `<prefix>/<vin>/v/<field>` names the vehicle and the field, the JSON payload
 * `{"value": ..., "createdAt": "<ISO>"}` carries the value and when the vehicle recorded it. A
 * message in any other form is not a vehicle value (the dispatcher also publishes alerts and
 * connectivity on other topics) and is left out.
 */
import type { TelemetrySample } from '../../../store/index.js';

/** The subscription filter for every vehicle's values under `prefix`. */
export function valueTopicFilter(prefix: string): string {
  return `${prefix}/+/v/+`;
}

/** The sample a message carries, or null when it is no well-formed vehicle value. */
export function sampleOf(prefix: string, topic: string, payload: Buffer): TelemetrySample | null {
  if (!topic.startsWith(`${prefix}/`)) return null;
  const parts = topic.slice(prefix.length + 1).split('/');
  const [vin, kind, field] = parts;
  if (parts.length !== 3 || vin === undefined || kind !== 'v' || field === undefined || !/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return null;
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null || !('value' in body) || !('createdAt' in body) || typeof body.createdAt !== 'string') return null;
  if (Number.isNaN(Date.parse(body.createdAt))) return null;
  return { vin, field, value: body.value, createdAt: new Date(body.createdAt).toISOString() };
}
