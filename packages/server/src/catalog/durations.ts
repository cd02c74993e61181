/**
 * @module Durations as people write them (`90s`, `15m`, `2h`, `3d`, `1w`), declared once: the units,
 * the grammar (also as a schema pattern) and the parser that the simulator, the admin API, settings
 * and the CLI share.
 */

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** Milliseconds of each unit, in the order messages list them. */
export const durationUnitMs = { ms: 1, s: SECOND_MS, m: MINUTE_MS, h: HOUR_MS, d: DAY_MS, w: WEEK_MS } as const;
export type DurationUnit = keyof typeof durationUnitMs;
export const durationUnits = Object.keys(durationUnitMs) as readonly DurationUnit[];

function isDurationUnit(value: string): value is DurationUnit {
  return Object.hasOwn(durationUnitMs, value);
}

/** The grammar as a JSON Schema pattern: a decimal amount, optionally followed by a unit. */
export const durationPattern = `^\\d+(\\.\\d+)?\\s*(${durationUnits.join('|')})?$`;
/** The same grammar, capturing the amount and the unit. */
const durationExpression = new RegExp(`^(\\d+(?:\\.\\d+)?)\\s*(${durationUnits.join('|')})?$`);

/** The forms {@link parseDuration} accepts with `unitRequired`, as messages and docs state them. */
export const DURATION_FORMS = `a number followed by one of the units ${durationUnits.join(', ')} (e.g. 90s, 15m, 2h, 3d, 1w)`;

/**
 * The longest duration {@link parseDuration} accepts: simulated time moves on (and a fault lasts)
 * at most a leap year at once, enough to see the seasons pass while every vehicle's state after the
 * jump is still computed in bounded time.
 */
export const MAX_DURATION_MS = 366 * DAY_MS;

/** {@link MAX_DURATION_MS} as an operator writes it, for messages. */
export const MAX_DURATION_TEXT = `${MAX_DURATION_MS / DAY_MS}d`;

/** A duration split into its parts, before any bound is applied. */
export interface DurationText {
  readonly amount: number;
  /** The unit written, or undefined for a bare number. */
  readonly unit: DurationUnit | undefined;
  /** The amount had no fractional part. */
  readonly whole: boolean;
}

/** Splits `90s` into 90 and `s`; undefined when the text does not follow the grammar. */
export function readDurationText(text: string): DurationText | undefined {
  const match = durationExpression.exec(text.trim());
  if (match === null) return undefined;
  const [, amount = '', unit] = match;
  if (unit !== undefined && !isDurationUnit(unit)) return undefined;
  return { amount: Number(amount), unit, whole: !amount.includes('.') };
}

/** Milliseconds of a read duration; a bare number counts seconds. */
export function durationTextMs(duration: DurationText): number {
  return Math.round(duration.amount * durationUnitMs[duration.unit ?? 's']);
}

/**
 * Parses a duration such as `90s`, `15m`, `2h`, `3d` or `1w` (or a bare number of seconds, unless
 * `unitRequired`: a person typing `10` may mean minutes) into milliseconds; undefined when
 * malformed, not positive or longer than {@link MAX_DURATION_MS}.
 */
export function parseDuration(text: string, options: { readonly unitRequired?: boolean } = {}): number | undefined {
  const duration = readDurationText(text);
  if (duration === undefined || (duration.unit === undefined && options.unitRequired === true)) return undefined;
  const value = durationTextMs(duration);
  return value > 0 && value <= MAX_DURATION_MS ? value : undefined;
}
