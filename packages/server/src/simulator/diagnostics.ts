/**
 * @module Diagnostics: occasional trouble codes that appear and clear on a weekly schedule drawn
 * from the seed, and the system statuses they (and low tire pressure) raise. Closed forms of time:
 * any process computes the same codes, and the next change is found without stepping.
 */
import type { Powertrain } from './models/index.js';
import type { VehicleProfile } from './profile.js';
import { mixSeeds, Random } from './random.js';
import { TPMS_WARNING_SHARE, daysSinceInflation, lowTire, tirePressuresKpa } from './tires.js';
import { DAY_MS, HOUR_MS, weekIndex, weekStart } from './time.js';
import { exteriorTemperature } from './weather.js';

/** A trouble code the simulator raises, the system it affects and the powertrains it occurs on. */
interface TroubleCode {
  readonly code: string;
  readonly system: SystemId;
  readonly description: string;
  readonly powertrains: readonly Powertrain[];
}

const fuel: readonly Powertrain[] = ['ICE', 'HEV', 'PHEV'];
const electrified: readonly Powertrain[] = ['BEV', 'PHEV', 'HEV'];
const every: readonly Powertrain[] = ['BEV', 'PHEV', 'HEV', 'ICE'];

/** Systems a vehicle reports, in the order the status list shows them. */
export const systemIds = ['SYSTEM_TPMS', 'SYSTEM_AIRBAG', 'SYSTEM_MIL', 'SYSTEM_ABS', 'SYSTEM_LOW_VOLTAGE_BATTERY', 'SYSTEM_HIGH_VOLTAGE_BATTERY'] as const;
export type SystemId = (typeof systemIds)[number];

const troubleCodes: readonly TroubleCode[] = [
  { code: 'P0420', system: 'SYSTEM_MIL', description: 'Catalyst system efficiency below threshold', powertrains: fuel },
  { code: 'P0171', system: 'SYSTEM_MIL', description: 'System too lean (bank 1)', powertrains: fuel },
  { code: 'P0300', system: 'SYSTEM_MIL', description: 'Random or multiple cylinder misfire detected', powertrains: fuel },
  { code: 'P0128', system: 'SYSTEM_MIL', description: 'Coolant thermostat below regulating temperature', powertrains: fuel },
  { code: 'P302D', system: 'SYSTEM_MIL', description: 'Drive motor inverter performance', powertrains: electrified },
  { code: 'P0A80', system: 'SYSTEM_HIGH_VOLTAGE_BATTERY', description: 'Replace hybrid battery pack', powertrains: electrified },
  { code: 'P0AA6', system: 'SYSTEM_HIGH_VOLTAGE_BATTERY', description: 'High voltage system isolation fault', powertrains: electrified },
  { code: 'P0562', system: 'SYSTEM_LOW_VOLTAGE_BATTERY', description: 'System voltage low', powertrains: every },
  { code: 'C0035', system: 'SYSTEM_ABS', description: 'Left front wheel speed sensor circuit', powertrains: every },
  { code: 'B0001', system: 'SYSTEM_AIRBAG', description: 'Driver frontal stage 1 deployment control', powertrains: every },
  { code: 'U0100', system: 'SYSTEM_MIL', description: 'Lost communication with engine control module', powertrains: every },
];

/** One spell of a trouble code being active. */
export interface DtcOccurrence {
  readonly code: string;
  readonly system: SystemId;
  readonly description: string;
  readonly activeFrom: number;
  readonly activeUntil: number;
}

/** The trouble code (if any) that week `week` brings: at most one a week, active for 6 hours to 5 days. */
export function dtcOfWeek(profile: VehicleProfile, week: number): DtcOccurrence | undefined {
  const random = new Random(mixSeeds(profile.seed, week, 0xd7c));
  if (!random.chance(profile.dtcPropensity)) return undefined;
  const candidates = troubleCodes.filter((code) => code.powertrains.includes(profile.model.powertrain));
  const code = random.pick(candidates);
  const activeFrom = weekStart(week) + Math.floor(random.between(0, 7 * DAY_MS));
  const activeUntil = activeFrom + Math.floor(random.between(6 * HOUR_MS, 5 * DAY_MS));
  return { code: code.code, system: code.system, description: code.description, activeFrom, activeUntil };
}

/** Trouble codes active at `time`. */
export function activeDtcs(profile: VehicleProfile, time: number): DtcOccurrence[] {
  const week = weekIndex(time);
  const active: DtcOccurrence[] = [];
  for (const candidate of [week - 1, week]) {
    const occurrence = dtcOfWeek(profile, candidate);
    if (occurrence !== undefined && occurrence.activeFrom <= time && time < occurrence.activeUntil) active.push(occurrence);
  }
  return active;
}

/** Trouble-code spells that were active at some instant between `from` and `to`, oldest first. */
export function dtcsBetween(profile: VehicleProfile, from: number, to: number): DtcOccurrence[] {
  const found: DtcOccurrence[] = [];
  for (let week = weekIndex(from) - 1; week <= weekIndex(to); week++) {
    const occurrence = dtcOfWeek(profile, week);
    if (occurrence !== undefined && occurrence.activeFrom <= to && occurrence.activeUntil > from) found.push(occurrence);
  }
  return found;
}

/** DTC activations and clearances strictly after `after` and at or before `until`, in time order. */
export function dtcChanges(profile: VehicleProfile, after: number, until: number): { time: number; occurrence: DtcOccurrence; active: boolean }[] {
  const changes: { time: number; occurrence: DtcOccurrence; active: boolean }[] = [];
  for (let week = weekIndex(after) - 1; week <= weekIndex(until); week++) {
    const occurrence = dtcOfWeek(profile, week);
    if (occurrence === undefined) continue;
    if (occurrence.activeFrom > after && occurrence.activeFrom <= until) changes.push({ time: occurrence.activeFrom, occurrence, active: true });
    if (occurrence.activeUntil > after && occurrence.activeUntil <= until) changes.push({ time: occurrence.activeUntil, occurrence, active: false });
  }
  return changes.sort((a, b) => a.time - b.time);
}

/** One system's health. */
export interface SystemStatus {
  readonly systemId: SystemId;
  readonly status: 'OK' | 'ALERT';
  readonly description: string | null;
}

const tireNames: Readonly<Record<string, string>> = { frontLeft: 'Left front', frontRight: 'Right front', backLeft: 'Left rear', backRight: 'Right rear' };

/**
 * Every system's status at `time`. The TPMS is sampled on the hour (as the vehicle reports it), so
 * status changes happen on whole hours and cold mornings can raise a warning that clears by noon.
 */
export function systemStatuses(profile: VehicleProfile, time: number): SystemStatus[] {
  const hour = Math.floor(time / HOUR_MS) * HOUR_MS;
  const low = lowTire(profile, tirePressuresKpa(profile, hour, exteriorTemperature(profile.city, hour)));
  const dtcs = activeDtcs(profile, time);
  const relevant = systemIds.filter((id) => id !== 'SYSTEM_HIGH_VOLTAGE_BATTERY' || profile.model.powertrain !== 'ICE');
  return relevant.map((systemId): SystemStatus => {
    if (systemId === 'SYSTEM_TPMS' && low !== undefined) {
      return { systemId, status: 'ALERT', description: `${tireNames[low] ?? low} tire pressure low` };
    }
    const dtc = dtcs.find((occurrence) => occurrence.system === systemId);
    return dtc === undefined ? { systemId, status: 'OK', description: null } : { systemId, status: 'ALERT', description: `${dtc.code}: ${dtc.description}` };
  });
}

/** Systems whose status differs between two status lists. */
export function changedSystems(before: readonly SystemStatus[], after: readonly SystemStatus[]): SystemStatus[] {
  return after.filter((status) => {
    const previous = before.find((item) => item.systemId === status.systemId);
    return previous === undefined || previous.status !== status.status || previous.description !== status.description;
  });
}

/** Below this (°C) no weather in `profile.city` goes; bounds the TPMS warning without sampling. */
function coldestC(profile: VehicleProfile): number {
  return profile.city.meanC - profile.city.seasonalC - profile.city.dailyC - 5;
}

/** The earliest instant after `after` at which a tire could read low on the coldest day; infinity if none can this cycle. */
function earliestTpmsWarning(profile: VehicleProfile, after: number): number {
  const thermal = (coldestC(profile) + 273.15) / 293.15;
  const placard = profile.model.tirePressureKpa;
  const daysNow = daysSinceInflation(profile, after);
  let earliest = Number.POSITIVE_INFINITY;
  for (const leak of profile.tires.leakKpaPerDay) {
    const thresholdDays = (placard - (TPMS_WARNING_SHARE * placard) / thermal) / leak;
    if (thresholdDays >= profile.tires.inflationCycleDays) continue;
    earliest = Math.min(earliest, after + Math.max(0, thresholdDays - daysNow) * DAY_MS);
  }
  return earliest;
}

/**
 * Instants in (after, until] at which some system's status changes, with the systems that changed.
 * Trouble codes change when they activate or clear; the TPMS is only sampled on the hours when a
 * tire could possibly read low, so a healthy fleet costs no sampling at all.
 */
export function systemStatusChanges(profile: VehicleProfile, after: number, until: number): { time: number; changed: SystemStatus[] }[] {
  const candidates = new Set<number>(dtcChanges(profile, after, until).map((change) => change.time));
  const tpmsFrom = earliestTpmsWarning(profile, after);
  if (tpmsFrom <= until) {
    for (let hour = Math.floor(Math.max(after, tpmsFrom - HOUR_MS) / HOUR_MS + 1) * HOUR_MS; hour <= until; hour += HOUR_MS) candidates.add(hour);
  }
  const changes: { time: number; changed: SystemStatus[] }[] = [];
  let previous = systemStatuses(profile, after);
  for (const time of [...candidates].sort((a, b) => a - b)) {
    const current = systemStatuses(profile, time);
    const changed = changedSystems(previous, current);
    if (changed.length > 0) changes.push({ time, changed });
    previous = current;
  }
  return changes;
}
