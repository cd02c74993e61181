/**
 * @module Simulated local time. Instants are epoch milliseconds; each vehicle lives at a fixed UTC
 * offset (its home city's standard time; daylight saving is ignored so a day is always 24 hours).
 */

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** Index of the local calendar day containing `time` (day 0 is 1970-01-01 local). */
export function localDayIndex(time: number, utcOffsetMinutes: number): number {
  return Math.floor((time + utcOffsetMinutes * MINUTE_MS) / DAY_MS);
}

/** The instant local midnight begins day `dayIndex`. */
export function localDayStart(dayIndex: number, utcOffsetMinutes: number): number {
  return dayIndex * DAY_MS - utcOffsetMinutes * MINUTE_MS;
}

/** Local weekday of a day index: 0 Sunday ... 6 Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayIndex: number): number {
  return (((dayIndex + 4) % 7) + 7) % 7;
}

/** Saturday or Sunday. */
export function isWeekend(dayIndex: number): boolean {
  const weekday = weekdayOf(dayIndex);
  return weekday === 0 || weekday === 6;
}

/** Local hour of day as a fraction (13.5 is 13:30). */
export function localHourOfDay(time: number, utcOffsetMinutes: number): number {
  const local = time + utcOffsetMinutes * MINUTE_MS;
  return ((((local % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
}

/** Day of the year (0-based, 365-day years are close enough for a seasonal cycle). */
export function dayOfYear(time: number): number {
  const date = new Date(time);
  return Math.floor((time - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY_MS);
}

/** Index of the week containing `time`, weeks starting Monday 00:00 UTC. */
export function weekIndex(time: number): number {
  // 1970-01-05 was the first Monday.
  return Math.floor((time - 4 * DAY_MS) / WEEK_MS);
}

/** The instant week `index` begins (Monday 00:00 UTC). */
export function weekStart(index: number): number {
  return index * WEEK_MS + 4 * DAY_MS;
}

/** `HH:mm` of a local instant. */
export function localClockTime(time: number, utcOffsetMinutes: number): string {
  const minutes = Math.floor(localHourOfDay(time, utcOffsetMinutes) * 60 + 1e-9);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Minutes since midnight of an `HH:mm` clock time. */
export function clockTimeMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** The forms {@link parseDuration} accepts with `unitRequired`, as messages and docs state them. */
export const DURATION_FORMS = 'a number followed by one of the units ms, s, m, h, d, w (e.g. 90s, 15m, 2h, 3d, 1w)';

/**
 * The longest duration {@link parseDuration} accepts: simulated time moves on (and a fault lasts)
 * at most a leap year at once, enough to see the seasons pass while every vehicle's state after the
 * jump is still computed in bounded time.
 */
export const MAX_DURATION_MS = 366 * DAY_MS;

/** {@link MAX_DURATION_MS} as an operator writes it, for messages. */
export const MAX_DURATION_TEXT = `${MAX_DURATION_MS / DAY_MS}d`;

/**
 * Parses a duration such as `90s`, `15m`, `2h`, `3d` or `1w` (or a bare number of seconds, unless
 * `unitRequired`: a person typing `10` may mean minutes) into milliseconds; undefined when
 * malformed, not positive or longer than {@link MAX_DURATION_MS}.
 */
export function parseDuration(text: string, options: { readonly unitRequired?: boolean } = {}): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?$/.exec(text.trim());
  if (match === null || (match[2] === undefined && options.unitRequired === true)) return undefined;
  const amount = Number(match[1]);
  const unit = match[2] ?? 's';
  const unitMs: Readonly<Record<string, number>> = { ms: 1, s: SECOND_MS, m: MINUTE_MS, h: HOUR_MS, d: DAY_MS, w: WEEK_MS };
  const value = Math.round(amount * (unitMs[unit] ?? SECOND_MS));
  return value > 0 && value <= MAX_DURATION_MS ? value : undefined;
}
