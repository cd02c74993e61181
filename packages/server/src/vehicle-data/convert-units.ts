/** @module Converts the unit-bearing fields of a body between metric (canonical) and imperial. */
import type { Quantity, UnitSystem } from '../catalog/units.js';

const kmPerMile = 1.609_344;
const litresPerGallon = 3.785_411_784;
const kpaPerPsi = 6.894_757;

/** Metric → imperial for each quantity. */
const toImperial: Readonly<Record<Quantity, (value: number) => number>> = {
  distance: (km) => km / kmPerMile,
  speed: (kmh) => kmh / kmPerMile,
  distanceRate: (kmh) => kmh / kmPerMile,
  volume: (litres) => litres / litresPerGallon,
  pressure: (kpa) => kpa / kpaPerPsi,
  temperature: (celsius) => (celsius * 9) / 5 + 32,
};

/** Imperial → metric, for request bodies. */
const toMetric: Readonly<Record<Quantity, (value: number) => number>> = {
  distance: (miles) => miles * kmPerMile,
  speed: (mph) => mph * kmPerMile,
  distanceRate: (mph) => mph * kmPerMile,
  volume: (gallons) => gallons * litresPerGallon,
  pressure: (psi) => psi * kpaPerPsi,
  temperature: (fahrenheit) => ((fahrenheit - 32) * 5) / 9,
};

/** Converted values keep two decimals: finer digits would be noise the vehicle never measured. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function convertAt(target: unknown, segments: readonly string[], convert: (value: number) => number): unknown {
  const [head, ...rest] = segments;
  if (head === undefined) return typeof target === 'number' ? round(convert(target)) : target;
  if (head === '[]') return Array.isArray(target) ? target.map((item: unknown) => convertAt(item, rest, convert)) : target;
  if (target === null || typeof target !== 'object' || Array.isArray(target)) return target;
  const record = target as Record<string, unknown>;
  return head in record ? { ...record, [head]: convertAt(record[head], rest, convert) } : record;
}

function segmentsOf(path: string): string[] {
  return path.split('.').flatMap((part) => (part.endsWith('[]') && part !== '[]' ? [part.slice(0, -2), '[]'] : [part]));
}

/** A response body (metric) in `system`; the input is never modified. */
export function bodyInUnitSystem(body: unknown, fields: Readonly<Record<string, Quantity>> | undefined, system: UnitSystem): unknown {
  if (system === 'metric' || fields === undefined) return body;
  return Object.entries(fields).reduce((current, [path, quantity]) => convertAt(current, segmentsOf(path), toImperial[quantity]), body);
}

/** A request body given in `system`, converted to metric for the provider. */
export function bodyToMetric(body: unknown, fields: Readonly<Record<string, Quantity>> | undefined, system: UnitSystem): unknown {
  if (system === 'metric' || fields === undefined) return body;
  return Object.entries(fields).reduce((current, [path, quantity]) => convertAt(current, segmentsOf(path), toMetric[quantity]), body);
}

/** One metric value in `system` (rounded as converted bodies are), e.g. a limit named in an error. */
export function valueInUnitSystem(value: number, quantity: Quantity, system: UnitSystem): number {
  return system === 'metric' ? value : round(toImperial[quantity](value));
}
