/** @module Clock times and weekdays as the schedule endpoints write them (`HH:mm`, `MONDAY`), and back. */

/** Weekday names, index 0 Sunday as the simulator counts. */
export const weekdayNames = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;

/** Minutes after midnight of `HH:mm`. */
export function clockTimeMinutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** `HH:mm` of minutes after midnight (wrapping around the day). */
export function clockTimeOf(minutes: number): string {
  const wrapped = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
}

/** The weekday index of a name, or undefined. */
export function weekdayIndex(name: unknown): number | undefined {
  const index = weekdayNames.findIndex((day) => day === name);
  return index < 0 ? undefined : index;
}
