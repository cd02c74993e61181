/**
 * @module Ford and Lincoln: charge schedules by saved charging location (the home charger is the
 * saved location), and the seeds' note that a start command at a location with a schedule charges
 * to 100 %, which the charge limit then reports.
 */
import type { EndpointId } from '../../../catalog/endpoints/index.js';
import { distanceKm, type ChargeWindow } from '../../../simulator/index.js';
import { VehicleError } from '../../vehicle-provider.js';
import { clockTimeMinutesOf } from '../schedule-times.js';
import { bodyOf, commandSucceeded, round, type CommandHandler, type ProviderMakeBehaviour, type ReadContext, type ReadHandler } from '../vehicle-context.js';

interface HourWindow {
  readonly start: string;
  readonly end: string;
}

/** Ford's schedules at the home location, as its last command set them. */
interface FordSchedules {
  readonly chargeLimit: number;
  readonly weekday: readonly HourWindow[];
  readonly weekend: readonly HourWindow[];
}

/** A saved location this close to the vehicle's home is the home location. */
const SAME_PLACE_KM = 0.5;

function fordSchedules(context: Pick<ReadContext, 'reading'>): FordSchedules {
  const raw = context.reading.state.settings.chargeScheduleRaw;
  if (typeof raw === 'object' && raw !== null && 'weekday' in raw && 'weekend' in raw && 'chargeLimit' in raw) return raw as FordSchedules;
  return { chargeLimit: context.reading.state.chargeLimit, weekday: [], weekend: [] };
}

function windowsOf(list: unknown, days: readonly number[]): { raw: HourWindow[]; policy: ChargeWindow[] } {
  const raw = (Array.isArray(list) ? list : []).flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { start, end } = item as Record<string, unknown>;
    return typeof start === 'string' && typeof end === 'string' ? [{ start, end }] : [];
  });
  return { raw, policy: raw.map((window) => ({ days: [...days], startMinutes: clockTimeMinutesOf(window.start), endMinutes: clockTimeMinutesOf(window.end) })) };
}

export const fordReads: Readonly<Partial<Record<EndpointId, ReadHandler>>> = {
  fordGetChargeScheduleByLocation: (context) => {
    const schedules = fordSchedules(context);
    return {
      chargingLocations: [
        {
          chargeLimit: schedules.chargeLimit,
          chargingSchedules: { weekday: schedules.weekday.map(({ start, end }) => ({ start, end })), weekend: schedules.weekend.map(({ start, end }) => ({ start, end })) },
          location: { latitude: round(context.profile.home.latitude, 4), longitude: round(context.profile.home.longitude, 4) },
        },
      ],
    };
  },
};

export const fordCommands: Readonly<Partial<Record<EndpointId, CommandHandler>>> = {
  fordSetChargeScheduleByLocation: ({ request, profile }) => {
    const query = request.query ?? {};
    const location = { latitude: Number(query.latitude), longitude: Number(query.longitude) };
    if (!(distanceKm(location, profile.home) <= SAME_PLACE_KM)) {
      throw new VehicleError('VEHICLE_STATE', 'UNKNOWN', { message: 'The vehicle has no saved charging location there.' });
    }
    const saved = bodyOf(request).chargingLocation;
    const settings = typeof saved === 'object' && saved !== null ? (saved as Record<string, unknown>) : {};
    const windows = typeof settings.chargingWindows === 'object' && settings.chargingWindows !== null ? (settings.chargingWindows as Record<string, unknown>) : {};
    const weekday = windowsOf(windows.weekday, [1, 2, 3, 4, 5]);
    const weekend = windowsOf(windows.weekend, [0, 6]);
    const chargeLimit = Number(settings.chargeLimit);
    const raw: FordSchedules = { chargeLimit, weekday: weekday.raw, weekend: weekend.raw };
    const policyWindows = [...weekday.policy, ...weekend.policy];
    return {
      actions: [
        { kind: 'charge_limit', limit: chargeLimit },
        { kind: 'charge_schedule', policy: policyWindows.length === 0 ? { kind: 'none' } : { kind: 'windows', windows: policyWindows }, raw },
      ],
      body: commandSucceeded,
    };
  },
};

export const fordBehaviour: ProviderMakeBehaviour = {
  adaptActions(endpointId, actions, context) {
    const scheduled = context.reading.state.settings.chargeSchedule.kind === 'windows' && context.reading.state.parkedAtHome;
    if (endpointId !== 'controlCharge' || !scheduled) return actions;
    // A start at a location with a schedule ignores the limit and charges to full.
    return actions.map((action) => (action.kind === 'charge' && action.action === 'START' ? { ...action, limitOverride: 1 } : action));
  },
};
