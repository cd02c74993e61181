/** @module Tesla's make-specific battery and charging reads: status, meters, completion, schedule, billing records. */
import type { EndpointId } from '../../../catalog/endpoints/index.js';
import { DC_EFFICIENCY, AC_EFFICIENCY, electricConsumptionFactor } from '../../../simulator/index.js';
import { chargeSessions, dateRange, sessionSite } from '../charge-sessions.js';
import { iso, notCharging, plugNotConnected, round, type ReadContext, type ReadHandler } from '../vehicle-context.js';

/** Tesla's schedule as its last command set it, or nothing scheduled. */
export interface TeslaSchedule {
  readonly departureTime: { readonly enabled: boolean; readonly time: string | null };
  readonly startTime: { readonly enabled: boolean; readonly time: string | null };
}

export const noTeslaSchedule: TeslaSchedule = { departureTime: { enabled: false, time: null }, startTime: { enabled: false, time: null } };

/** The amperes the plugged-in charger can supply (its power over the supply's volts and phases), or null unplugged. */
export function chargerMaxAmperes(reading: ReadContext['reading']): number | null {
  const charge = reading.charge();
  const supply = charge.supply;
  if (!charge.isPluggedIn || supply === null || reading.state.plug === null) return null;
  return (reading.state.plug.chargerKw * 1000) / (supply.volts * supply.phases);
}

/** The schedule in Tesla's form, from the raw settings its schedule command stored. */
export function teslaSchedule(context: Pick<ReadContext, 'reading'>): TeslaSchedule {
  const raw = context.reading.state.settings.chargeScheduleRaw;
  if (typeof raw === 'object' && raw !== null && 'departureTime' in raw && 'startTime' in raw) return raw as TeslaSchedule;
  return noTeslaSchedule;
}

function kmOf(context: ReadContext, kwh: number, temperatureC = 20): number {
  const whPerKm = context.profile.model.whPerKm * electricConsumptionFactor(temperatureC);
  return whPerKm > 0 ? (kwh * 1000) / whPerKm : 0;
}

const billingPageSize = 10;
const prices: Readonly<Record<string, { currency: string; perKwh: number; idle: number }>> = {
  US: { currency: 'USD', perKwh: 0.43, idle: 0 },
  CA: { currency: 'CAD', perKwh: 0.52, idle: 0 },
  EUROPE: { currency: 'EUR', perKwh: 0.55, idle: 0 },
};

export const teslaChargeReads: Readonly<Partial<Record<EndpointId, ReadHandler>>> = {
  teslaGetBattery: (context) => {
    const { reading } = context;
    const cold = reading.exteriorC < 0;
    return {
      heaterOn: cold && reading.state.charging,
      maxRangeChargeCounter: null,
      notEnoughPowerToHeat: cold && reading.stateOfCharge < 0.2,
      percentRemaining: round(reading.stateOfCharge, 3),
      percentRemainingUsable: round(Math.max(0, reading.stateOfCharge - 0.01), 3),
      range: round(reading.electricRangeKm, 1),
      rangeEstimated: round(reading.electricRangeKm * 0.95, 1),
      rangeIdeal: round(kmOf(context, reading.state.energyKwh), 1),
    };
  },
  teslaGetChargeStatus: (context) => {
    const { reading, profile } = context;
    const charge = reading.charge();
    const supply = charge.supply;
    const efficiency = charge.kind === 'DC' ? DC_EFFICIENCY : AC_EFFICIENCY;
    const plugged = charge.isPluggedIn;
    const amperageMaxVehicle = round(charge.maxAmperes, 0);
    const chargerAmperes = chargerMaxAmperes(reading);
    return {
      amperage: round(charge.amperes, 0),
      completionTime: charge.completionAt === null ? null : iso(charge.completionAt),
      wattage: round(charge.powerKw, 2),
      voltage: round(supply?.volts ?? 0, 0),
      isPluggedIn: plugged,
      state: charge.state,
      socLimit: charge.limit,
      amperageMaxVehicle,
      socLimitMax: 1,
      socLimitMin: 0.5,
      socLimitDefault: 0.8,
      amperageRequested: round(reading.state.settings.amperageLimit ?? amperageMaxVehicle, 0),
      energyAdded: round(charge.sessionAddedKwh, 2),
      rangeAddedRated: round(kmOf(context, charge.sessionAddedKwh), 3),
      rangeAddedIdeal: round(kmOf(context, charge.sessionAddedKwh), 3),
      chargeRate: round(kmOf(context, charge.powerKw * efficiency, reading.exteriorC), 1),
      connector: plugged ? (profile.region === 'EUROPE' ? 'IEC' : 'SAE') : '',
      fastChargerPresent: charge.kind === 'DC',
      fastChargerType: charge.kind === 'DC' ? 'Supercharger' : '',
      fastChargerBrand: charge.kind === 'DC' ? 'Tesla' : '',
      amperageMaxCharger: chargerAmperes === null ? null : round(chargerAmperes, 0),
      chargePortColor: plugged ? (charge.state === 'CHARGING' || charge.state === 'FULLY_CHARGED' ? 'Green' : 'Blue') : '',
      chargePortOpen: reading.openings().chargePort === 'OPEN',
      chargePortLatch: plugged ? 'Engaged' : 'Disengaged',
      chargerPhases: plugged && supply !== null ? supply.phases : null,
    };
  },
  teslaGetChargeCompletionTime: ({ reading }) => {
    const completion = reading.charge().completionAt;
    if (completion === null) throw notCharging();
    return { time: iso(completion) };
  },
  teslaGetChargeSchedule: teslaSchedule,
  teslaGetChargeVoltmeter: ({ reading }) => {
    const supply = reading.charge().supply;
    if (supply === null) throw plugNotConnected();
    return { voltage: round(supply.volts, 0) };
  },
  teslaGetChargeWattmeter: ({ reading }) => {
    const charge = reading.charge();
    if (charge.state !== 'CHARGING') throw notCharging();
    return { wattage: round(charge.powerKw, 2) };
  },
  teslaGetChargeAmmeter: ({ reading }) => {
    const charge = reading.charge();
    if (charge.state !== 'CHARGING') throw notCharging();
    return { amperage: round(charge.amperes, 1) };
  },
  teslaGetChargeBillingRecords: (context) => {
    const { from, to } = dateRange(context.query, context.reading.time, Number.POSITIVE_INFINITY);
    const price = prices[context.profile.region] ?? { currency: 'USD', perKwh: 0.43, idle: 0 };
    const sessions = chargeSessions(context, from, to).filter((session) => session.isPublic && session.kind === 'DC').reverse();
    // A batch path's query arrives as text; the Vehicle API's as a validated integer.
    const page = Math.max(1, Math.floor(Number(context.query.page ?? 1)) || 1);
    const slice = sessions.slice((page - 1) * billingPageSize, page * billingPageSize);
    return {
      records: slice.map((session) => ({
        chargeEnd: iso(session.end),
        chargeStart: iso(session.start),
        energyConsumed: round(session.deliveredKwh, 8),
        cost: { currency: price.currency, energy: String(Math.round(session.deliveredKwh * price.perKwh)), other: String(price.idle) },
        location: sessionSite(context, session),
        recordId: `GF${String(Math.floor(session.start / 1000)).slice(-9)}-3-${Math.floor(session.end / 1000)}`,
      })),
      hasMoreData: sessions.length > page * billingPageSize,
    };
  },
};
