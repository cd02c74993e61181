/**
 * @module Finished charging sessions of a simulated vehicle, recomputed from the start of the
 * simulation (nothing is stored), for the charge-record endpoints of BMW, MINI and Tesla.
 */
import { DAY_MS, type ChargeSessionRecord } from '../../simulator/index.js';
import type { ReadContext } from './vehicle-context.js';

/** Sessions that ended between `from` and `to` (inclusive), oldest first. */
export function chargeSessions(context: Pick<ReadContext, 'fleet' | 'key' | 'reading'>, from: number, to: number): ChargeSessionRecord[] {
  return context.fleet
    .history(context.key, context.reading.time)
    .flatMap((transition) => (transition.type === 'session_ended' ? [transition.session] : []))
    .filter((session) => session.end >= from && session.end <= to);
}

/**
 * The `startDate`/`endDate` query (YYYY-MM-DD, whole UTC days) as instants; a missing start goes
 * back `defaultDays` from `now` (infinity: no limit), a missing end is `now`.
 */
export function dateRange(query: Readonly<Record<string, unknown>>, now: number, defaultDays: number): { from: number; to: number } {
  const day = (value: unknown, end: boolean): number | undefined =>
    typeof value === 'string' ? Date.parse(`${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z`) : undefined;
  const from = day(query.startDate, false) ?? (Number.isFinite(defaultDays) ? now - defaultDays * DAY_MS : Number.NEGATIVE_INFINITY);
  return { from, to: Math.min(day(query.endDate, true) ?? now, now) };
}

/** A name for where a session took place. */
export function sessionSite(context: Pick<ReadContext, 'profile'>, session: ChargeSessionRecord): string {
  const city = context.profile.city.name;
  return session.isPublic ? `${city} fast charging hub` : `Home charger, ${city}`;
}
