/** @module Tesla's make-specific commands: charge port, trunks, PIN to Drive, climate, amperage, charge schedule. */
import type { EndpointId } from '../../../catalog/endpoints/index.js';
import type { ChargeSchedulePolicy } from '../../../simulator/index.js';
import { OutOfRangeError, VehicleError } from '../../vehicle-provider.js';
import { clockTimeMinutesOf } from '../schedule-times.js';
import { bodyOf, commandSucceeded, inMotion, plugNotConnected, round, type CommandHandler } from '../vehicle-context.js';
import { chargerMaxAmperes, teslaSchedule, type TeslaSchedule } from './tesla-charge-reads.js';

/** The cabin temperatures Teslas accept, °C. */
const CABIN_MIN_C = 15;
const CABIN_MAX_C = 28;

function refuse(message: string): VehicleError {
  return new VehicleError('VEHICLE_STATE', 'UNKNOWN', { message });
}

export const teslaCommands: Readonly<Partial<Record<EndpointId, CommandHandler>>> = {
  teslaControlChargePort: ({ request, reading }) => {
    const open = bodyOf(request).action === 'OPEN';
    if (!open && reading.charge().isPluggedIn) {
      throw new VehicleError('VEHICLE_STATE', 'CHARGING_PLUG_CONNECTED', { message: 'The charge port cannot close with a cable in it.' });
    }
    return { actions: [{ kind: 'charge_port', open }], body: commandSucceeded };
  },
  teslaControlFrunk: ({ request, reading }) => {
    if (reading.driving) throw inMotion();
    return { actions: [{ kind: 'storage', which: 'front', open: bodyOf(request).action === 'OPEN' }], body: commandSucceeded };
  },
  teslaControlTrunk: ({ request, reading }) => {
    if (reading.driving) throw inMotion();
    return { actions: [{ kind: 'storage', which: 'rear', open: bodyOf(request).action === 'OPEN' }], body: commandSucceeded };
  },
  teslaSetPinToDrive: ({ request }) => ({ actions: [{ kind: 'pin', pin: String(bodyOf(request).pin) }], body: commandSucceeded }),
  teslaClearPinToDrive: () => ({ actions: [{ kind: 'pin', pin: null }], body: commandSucceeded }),
  teslaSetCabinClimate: ({ request, reading }) => {
    const body = bodyOf(request);
    const temperature = typeof body.temperature === 'number' ? body.temperature : reading.state.settings.cabinTargetC;
    if (temperature < CABIN_MIN_C || temperature > CABIN_MAX_C) {
      throw new OutOfRangeError('temperature', { minimum: CABIN_MIN_C, maximum: CABIN_MAX_C });
    }
    const on = body.action === 'START' ? true : body.action === 'STOP' ? false : reading.state.climateOn;
    return {
      actions: [{ kind: 'climate', targetC: temperature, ...(body.action === 'SET' ? {} : { on }) }],
      body: { status: on ? 'ON' : 'OFF', temperature },
    };
  },
  teslaSetChargeAmmeter: ({ request, reading }) => {
    const charge = reading.charge();
    if (!charge.isPluggedIn) throw plugNotConnected();
    // Above what the charger (or the vehicle) supports, the seeds set the maximum and report it.
    const ceiling = Math.min(charge.maxAmperes, chargerMaxAmperes(reading) ?? Number.POSITIVE_INFINITY);
    const amperage = round(Math.min(Number(bodyOf(request).amperage), ceiling), 0);
    return { actions: [{ kind: 'amperage', amperes: amperage }], body: { message: `Successfully sent the following amperage: ${amperage}`, status: 'success' } };
  },
  teslaSetChargeSchedule: (context) => {
    const body = bodyOf(context.request);
    const current = teslaSchedule(context);
    const field = body.type === 'DEPARTURE_TIME' ? 'departureTime' : 'startTime';
    const other = field === 'startTime' ? 'departureTime' : 'startTime';
    const time = typeof body.time === 'string' ? body.time : current[field].time;
    const enable = body.enable === true;
    if (enable && time === null) throw refuse('A schedule needs a time before it can be enabled.');
    // Only one of the two can be enabled at a time: enabling one disables the other.
    const schedule: TeslaSchedule = {
      ...current,
      [field]: { enabled: enable, time },
      [other]: { ...current[other], enabled: enable ? false : current[other].enabled },
    };
    const { startTime, departureTime } = schedule;
    const policy: ChargeSchedulePolicy =
      startTime.enabled && startTime.time !== null ? { kind: 'startTime', minutes: clockTimeMinutesOf(startTime.time) }
        : departureTime.enabled && departureTime.time !== null ? { kind: 'departureTime', minutes: clockTimeMinutesOf(departureTime.time) }
          : { kind: 'none' };
    return { actions: [{ kind: 'charge_schedule', policy, raw: schedule }], body: schedule };
  },
  teslaSetDefroster: ({ request }) => {
    const action = bodyOf(request).action === 'START' ? 'START' : 'STOP';
    return { actions: [{ kind: 'defroster', on: action === 'START' }], body: { status: action } };
  },
  teslaSetSteeringHeater: ({ request }) => {
    const action = bodyOf(request).action === 'START' ? 'START' : 'STOP';
    return { actions: [{ kind: 'steering_heater', on: action === 'START' }], body: { status: action } };
  },
};
