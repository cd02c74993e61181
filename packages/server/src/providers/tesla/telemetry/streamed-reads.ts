/**
 * @module Catalog reads answered from streamed fields, in metric units, dated by the oldest field
 * they use (the answer is only as fresh as that). A read whose fields have not all streamed is not
 * answered here: the provider asks the Fleet API instead.
 */
import type { EndpointId } from '../../../catalog/endpoints/index.js';
import type { TelemetrySample } from '../../../store/index.js';

const KM_PER_MILE = 1.609344;
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

type Values = ReadonlyMap<string, unknown>;

interface StreamedRead {
  readonly fields: readonly string[];
  /** The body, or null when a value is not of the type the field has. */
  readonly body: (values: Values) => unknown;
}

function number(values: Values, field: string): number | null {
  const value = values.get(field);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function chargeStatus(values: Values): unknown {
  const state = values.get('DetailedChargeState');
  const word = typeof state === 'string' ? state.replace(/^DetailedChargeState/, '') : null;
  if (word === 'Charging' || word === 'Starting') return { isPluggedIn: true, state: 'CHARGING' };
  if (word === 'Complete') return { isPluggedIn: true, state: 'FULLY_CHARGED' };
  if (word === 'Stopped' || word === 'NoPower') return { isPluggedIn: true, state: 'NOT_CHARGING' };
  if (word === 'Disconnected') return { isPluggedIn: false, state: 'NOT_CHARGING' };
  return null;
}

const streamedReads: Readonly<Partial<Record<EndpointId, StreamedRead>>> = {
  getBatteryLevel: {
    fields: ['BatteryLevel', 'RatedRange'],
    body: (values) => {
      const level = number(values, 'BatteryLevel');
      const range = number(values, 'RatedRange');
      return level === null || range === null ? null : { percentRemaining: round(level / 100, 3), range: round(round(range * KM_PER_MILE, 2), 1) };
    },
  },
  getChargeLimit: {
    fields: ['ChargeLimitSoc'],
    body: (values) => {
      const limit = number(values, 'ChargeLimitSoc');
      return limit === null ? null : { limit: round(limit / 100, 2) };
    },
  },
  getChargeStatus: { fields: ['DetailedChargeState'], body: chargeStatus },
  getOdometer: {
    fields: ['Odometer'],
    body: (values) => {
      const miles = number(values, 'Odometer');
      return miles === null ? null : { distance: round(miles * KM_PER_MILE, 2) };
    },
  },
  getLocation: {
    fields: ['Location'],
    body: (values) => {
      const location = values.get('Location');
      if (typeof location !== 'object' || location === null || !('latitude' in location) || !('longitude' in location)) return null;
      const { latitude, longitude } = location;
      return typeof latitude === 'number' && typeof longitude === 'number' ? { latitude, longitude } : null;
    },
  },
};

/** The streamed answer to a read, or null when the stream cannot answer it. */
export function streamedRead(endpointId: EndpointId, samples: readonly TelemetrySample[]): { readonly body: unknown; readonly recordedAt: Date } | null {
  const read = streamedReads[endpointId];
  if (read === undefined) return null;
  const used = read.fields.map((field) => samples.find((sample) => sample.field === field));
  if (used.some((sample) => sample === undefined)) return null;
  const present = used.filter((sample): sample is TelemetrySample => sample !== undefined);
  const body = read.body(new Map(present.map((sample) => [sample.field, sample.value])));
  if (body === null) return null;
  return { body, recordedAt: new Date(Math.min(...present.map((sample) => Date.parse(sample.createdAt)))) };
}

/** The fields Carport asks a vehicle to stream, every one some read or event uses. */
export const streamedFields: readonly string[] = [...new Set([...Object.values(streamedReads).flatMap((read) => read.fields), 'DetailedChargeState', 'Locked', 'EstBatteryRange'])];
