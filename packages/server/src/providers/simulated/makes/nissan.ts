/**
 * @module Nissan: charge schedules of MyNISSAN EVs (times in UTC, converted to the vehicle's local
 * windows, not changeable mid-charge), and the seeds' note that only START charge commands work in the US.
 */
import type { EndpointId } from '../../../catalog/endpoints/index.js';
import type { ChargeWindow } from '../../../simulator/index.js';
import { VehicleError } from '../../vehicle-provider.js';
import { clockTimeMinutesOf, weekdayIndex } from '../schedule-times.js';
import { bodyOf, commandSucceeded, type CommandHandler, type ProviderMakeBehaviour, type ReadHandler } from '../vehicle-context.js';

interface NissanSchedule {
  readonly start: string;
  readonly end: string;
  readonly days: readonly string[];
}

function schedulesOf(value: unknown): NissanSchedule[] {
  return (Array.isArray(value) ? value : []).flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { start, end, days } = item as Record<string, unknown>;
    if (typeof start !== 'string' || typeof end !== 'string' || !Array.isArray(days)) return [];
    return [{ start, end, days: days.filter((day): day is string => typeof day === 'string') }];
  });
}

/** A UTC schedule as a local window: the offset may move the start into the previous or next day. */
function localWindow(schedule: NissanSchedule, utcOffsetMinutes: number): ChargeWindow {
  const start = clockTimeMinutesOf(schedule.start) + utcOffsetMinutes;
  const shift = Math.floor(start / 1440);
  const days = schedule.days.flatMap((day) => {
    const index = weekdayIndex(day);
    return index === undefined ? [] : [(((index + shift) % 7) + 7) % 7];
  });
  return { days, startMinutes: ((start % 1440) + 1440) % 1440, endMinutes: (((clockTimeMinutesOf(schedule.end) + utcOffsetMinutes) % 1440) + 1440) % 1440 };
}

export const nissanReads: Readonly<Partial<Record<EndpointId, ReadHandler>>> = {
  nissanGetChargeSchedule: ({ reading }) => ({
    chargeSchedules: schedulesOf(reading.state.settings.chargeScheduleRaw).map(({ start, end, days }) => ({ start, end, days: [...days] })),
  }),
};

export const nissanCommands: Readonly<Partial<Record<EndpointId, CommandHandler>>> = {
  nissanSetChargeSchedule: ({ request, profile }) => {
    const schedules = schedulesOf(bodyOf(request).chargeSchedules);
    const windows = schedules.map((schedule) => localWindow(schedule, profile.city.utcOffsetMinutes));
    return {
      actions: [{ kind: 'charge_schedule', policy: windows.length === 0 ? { kind: 'none' } : { kind: 'windows', windows }, raw: schedules }],
      body: commandSucceeded,
    };
  },
};

export const nissanBehaviour: ProviderMakeBehaviour = {
  checkCommand(endpointId, context) {
    if (endpointId === 'controlCharge' && context.profile.region === 'US' && bodyOf(context.request).action === 'STOP') {
      throw new VehicleError('COMPATIBILITY', 'VEHICLE_NOT_CAPABLE', { message: 'Nissan vehicles in the US only accept START charge commands.' });
    }
    // A Nissan EV's charge timers apply to the next session: it refuses to change them while a charge runs.
    if (endpointId === 'nissanSetChargeSchedule' && context.scene.charging) {
      throw new VehicleError('VEHICLE_STATE', 'CHARGING_IN_PROGRESS', { message: 'Charge timers cannot change while the vehicle is charging.' });
    }
  },
};
