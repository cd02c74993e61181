/**
 * @module Simulated local time. Instants are epoch milliseconds; each vehicle lives at a fixed UTC
 * offset (its home city's standard time; daylight saving is ignored so a day is always 24 hours).
 */

import { DAY_MS, HOUR_MS, MINUTE_MS, WEEK_MS } from '../catalog/durations.js';

export { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, WEEK_MS } from '../catalog/durations.js';

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

// Durations are vocabulary the CLI, settings and the admin API share: the catalog declares them.
export { DURATION_FORMS, MAX_DURATION_MS, MAX_DURATION_TEXT, parseDuration } from '../catalog/durations.js';
