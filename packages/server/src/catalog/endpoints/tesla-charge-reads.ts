/** @module Tesla make-specific reads of the battery and charging: status, meters, completion, schedule, billing. */
import { Type } from '@sinclair/typebox';
import type { EndpointDefinition } from '../types.js';
import { chargeCompletionResponse, chargeVoltmeterResponse } from './gm.js';
import { calendarDatePattern, clockTime, closedObject, dateTime, fraction, nullable } from './shared.js';

/** `{wattage}` of a charge wattmeter; NIO's wattmeter answers the same body. */
export const chargeWattmeterResponse = closedObject({
  wattage: Type.Number({ minimum: 0, description: 'The instant power measured by the vehicle (in kilowatts).' }),
});

function scheduleSetting(description: string, timeDescription: string) {
  return closedObject(
    {
      enabled: Type.Boolean({
        description: 'Indicates whether this schedule type is enabled or disabled. Only one of the two can be enabled at a time.',
      }),
      time: nullable(clockTime(timeDescription)),
    },
    { description },
  );
}

/** A Tesla charge schedule; the POST that sets one answers the same body. */
export const teslaChargeScheduleResponse = closedObject({
  departureTime: scheduleSetting(
    'The departure time configuration for the charging schedule.',
    'When plugged in, the vehicle may delay starting a charging session as long as it can reach its charge limit by this time in HH:mm.',
  ),
  startTime: scheduleSetting(
    'The start time configuration for the charging schedule.',
    'When plugged in, the vehicle will delay starting a charging session until this time in HH:mm.',
  ),
});

const nonNegative = (description: string) => Type.Number({ minimum: 0, description });
/** Fields Tesla's streaming (Telemetry) vehicles cannot report, so they may be null. */
const notStreamed = (description: string) => nullable(Type.Number({ description }));

const teslaRead = {
  method: 'GET',
  surface: 'vehicle',
  answeredBy: 'provider',
  makes: ['tesla'],
  request: {},
} as const;

export const teslaChargeReadEndpoints = [
  {
    ...teslaRead,
    id: 'teslaGetBattery',
    path: '/vehicles/{id}/{make}/battery',
    title: 'Tesla: Battery Status',
    description:
      'Returns all battery related data for a Tesla vehicle. `percentRemainingUsable` and `maxRangeChargeCounter` are not supported for streaming vehicles.',
    permission: 'read_battery',
    docPage: 'api-reference/tesla/get-battery',
    response: closedObject({
      heaterOn: nullable(Type.Boolean({ description: 'Indicates if the battery heater is on.' })),
      maxRangeChargeCounter: nullable(
        Type.Integer({ minimum: 0, description: 'The number of times the vehicle has been charged to 100% as reported by Tesla.' }),
      ),
      notEnoughPowerToHeat: nullable(Type.Boolean({ description: 'Indicates if there is enough power to heat the battery.' })),
      percentRemaining: fraction('The EV’s state of charge as a percentage.'),
      percentRemainingUsable: nullable(fraction('The EV’s usable state of charge as a percentage as reported by Tesla.')),
      range: nonNegative('The distance the vehicle can travel powered by its high voltage battery.'),
      rangeEstimated: nonNegative('The estimated remaining distance the vehicle can travel as determined by Tesla.'),
      rangeIdeal: nonNegative('The ideal remaining distance the vehicle can travel as determined by Tesla.'),
    }),
    examples: {
      response: {
        heaterOn: null,
        maxRangeChargeCounter: null,
        notEnoughPowerToHeat: true,
        percentRemaining: 0.3,
        percentRemainingUsable: 0.29,
        range: 40.5,
        rangeEstimated: 39.01,
        rangeIdeal: 40.5,
      },
    },
  },
  {
    ...teslaRead,
    id: 'teslaGetChargeStatus',
    path: '/vehicles/{id}/{make}/charge',
    title: 'Tesla: Charge Status',
    description:
      'Returns all charging related data for a Tesla vehicle. `rangeAddedRated`, `rangeAddedIdeal`, `chargeRate`, `amperageMaxCharger` and `chargePortColor` are not supported for streaming vehicles.',
    permission: 'read_charge',
    docPage: 'api-reference/tesla/get-charge',
    response: closedObject({
      amperage: nonNegative('The rate that the vehicle is charging at (in amperes).'),
      completionTime: nullable(dateTime('The time at which the vehicle expects to complete this charging session.')),
      wattage: nonNegative('The instant power measured by the vehicle (in kilowatts).'),
      voltage: nonNegative('The charging voltage measured by the vehicle (in volts).'),
      isPluggedIn: Type.Boolean({ description: 'Indicates if the vehicle is plugged in.' }),
      state: Type.String({ description: 'Indicates the charging status of the vehicle, e.g. `NOT_CHARGING`.' }),
      socLimit: fraction('The level at which the vehicle will stop charging and be considered fully charged as a percentage.'),
      amperageMaxVehicle: nonNegative('Indicates the max amperage the vehicle can request from the charger.'),
      socLimitMax: fraction('Indicates the max SoC limit that can be set.'),
      socLimitMin: fraction('Indicates the min SoC limit that can be set.'),
      socLimitDefault: fraction('Indicates the default SoC limit of the vehicle.'),
      amperageRequested: nonNegative('Indicates the amperage requested from the charger by the vehicle.'),
      energyAdded: nonNegative('Energy added in the current or most recent charging session (in kilowatt hours).'),
      rangeAddedRated: notStreamed('The rated range added in the current or most recent charging session (in kilometers).'),
      rangeAddedIdeal: notStreamed('The ideal range added in the current or most recent charging session (in kilometers).'),
      chargeRate: notStreamed('The rate of range added in the charging session (in kilometers added / hour).'),
      connector: Type.String({ description: 'Standard of the connector, e.g. SAE.' }),
      fastChargerPresent: Type.Boolean({ description: 'When charging, indicates if the vehicle is connected to a fast charger.' }),
      fastChargerType: Type.String({ description: 'Indicates the type of fast charger.' }),
      fastChargerBrand: Type.String({ description: 'Indicates the brand of fast charger.' }),
      amperageMaxCharger: notStreamed('Indicates the max amperage supported by the charger.'),
      chargePortColor: nullable(Type.String({ description: 'The indicator light color of the connector.' })),
      chargePortOpen: Type.Boolean({ description: 'Indicates if the charge port door is open.' }),
      chargePortLatch: Type.String({ description: 'Indicates the charge port latch status.' }),
      chargerPhases: nullable(Type.Integer({ minimum: 0, description: 'Indicates the charging phase.' })),
    }),
    examples: {
      response: {
        amperage: 0,
        completionTime: null,
        wattage: 0,
        voltage: 1,
        isPluggedIn: false,
        state: 'NOT_CHARGING',
        socLimit: 0.8,
        amperageMaxVehicle: 48,
        socLimitMax: 1,
        socLimitMin: 0.5,
        socLimitDefault: 0.8,
        amperageRequested: 48,
        energyAdded: 11.52,
        rangeAddedRated: 70.811,
        rangeAddedIdeal: 70.811,
        chargeRate: 0,
        connector: '',
        fastChargerPresent: false,
        fastChargerType: '',
        fastChargerBrand: '',
        amperageMaxCharger: 48,
        chargePortColor: '',
        chargePortOpen: false,
        chargePortLatch: 'Engaged',
        chargerPhases: null,
      },
    },
  },
  {
    ...teslaRead,
    id: 'teslaGetChargeCompletionTime',
    path: '/vehicles/{id}/{make}/charge/completion',
    title: 'Charge Completion Time',
    description:
      'When the vehicle is charging, returns the date and time when the vehicle is expected to reach its charge limit. When the vehicle is not charging, this endpoint results in a vehicle state error.',
    permission: 'read_charge',
    docPage: 'api-reference/tesla/get-charge-completion-time',
    response: chargeCompletionResponse,
    examples: { response: { time: '2022-01-13T22:52:55.358Z' } },
  },
  {
    ...teslaRead,
    id: 'teslaGetChargeBillingRecords',
    path: '/vehicles/{id}/{make}/charge/records/billing',
    title: 'Charge Billing Records',
    description:
      'Returns information about charging sessions for Tesla vehicles at public Tesla chargers including cost and charging site.',
    permission: 'read_charge_records',
    docPage: 'api-reference/tesla/get-charge-records-billing',
    request: {
      query: Type.Object({
        startDate: Type.Optional(
          Type.String({ pattern: calendarDatePattern, description: 'Date of the first record to return in YYYY-MM-DD format.' }),
        ),
        endDate: Type.Optional(
          Type.String({ pattern: calendarDatePattern, description: 'Date of the final record to return in YYYY-MM-DD format.' }),
        ),
        page: Type.Optional(
          Type.Integer({ minimum: 1, description: 'The page number to fetch from Tesla where page 1 contains the most recent records.' }),
        ),
      }),
    },
    response: closedObject({
      records: Type.Array(
        closedObject({
          chargeEnd: dateTime('The date and time of charging session end, formatted in ISO 8601 standard.'),
          chargeStart: dateTime('The date and time of charging session start, formatted in ISO 8601 standard.'),
          energyConsumed: Type.Number({ minimum: 0, description: 'Energy consumed in the charging session.' }),
          cost: closedObject(
            {
              currency: Type.String({ description: 'The currency code for the fees.' }),
              energy: Type.String({ description: 'Fees associated with charging the vehicle.' }),
              other: Type.String({ description: 'Fees associated with the session other than charging the vehicle, e.g. parking.' }),
            },
            { description: 'A cost breakout of the charging session.' },
          ),
          location: Type.String({ description: 'The name of the charging site.' }),
          recordId: Type.String({ description: 'Tesla’s id for this charging session.' }),
        }),
        { description: 'Billing records at public Tesla charging stations; an empty page does not mean later pages are empty.' },
      ),
      hasMoreData: Type.Boolean({ description: 'Indicates if there are any more records to fetch from Tesla for this vehicle.' }),
    }),
    // The seed's example lacks the comma after `energyConsumed`; otherwise verbatim.
    examples: {
      response: {
        records: [
          {
            chargeEnd: '2022-07-10T16:20:00.000Z',
            chargeStart: '2022-07-10T15:40:00.000Z',
            energyConsumed: 44.10293884,
            cost: { currency: 'USD', energy: '41', other: '41' },
            location: 'Los Gatos, CA',
            recordId: 'GF220075000028-3-1682903685',
          },
        ],
        hasMoreData: false,
      },
    },
  },
  {
    ...teslaRead,
    id: 'teslaGetChargeSchedule',
    path: '/vehicles/{id}/{make}/charge/schedule',
    title: 'Charge Schedule',
    description:
      "Returns the charging schedule of a vehicle. The response contains the start time and departure time of the vehicle's charging schedule.",
    permission: 'read_charge',
    docPage: 'api-reference/tesla/get-charge-schedule',
    response: teslaChargeScheduleResponse,
    examples: { response: { departureTime: { enabled: false, time: null }, startTime: { enabled: true, time: '18:30' } } },
  },
  {
    ...teslaRead,
    id: 'teslaGetChargeVoltmeter',
    path: '/vehicles/{id}/{make}/charge/voltmeter',
    title: 'Voltage',
    description:
      'When the vehicle is plugged in, returns the charging voltage measured by the vehicle. When the vehicle is not plugged in, this endpoint results in a vehicle state error.',
    permission: 'read_charge',
    docPage: 'api-reference/tesla/get-charge-voltmeter',
    response: chargeVoltmeterResponse,
    examples: { response: { voltage: 240 } },
  },
  {
    ...teslaRead,
    id: 'teslaGetChargeWattmeter',
    path: '/vehicles/{id}/{make}/charge/wattmeter',
    title: 'Wattage',
    description:
      'When the vehicle is charging, returns the instant charging wattage as measured by the vehicle. When the vehicle is not charging, this endpoint results in a vehicle state error.',
    permission: 'read_charge',
    docPage: 'api-reference/tesla/get-charge-wattmeter',
    response: chargeWattmeterResponse,
    examples: { response: { wattage: 3.5 } },
  },
  {
    ...teslaRead,
    id: 'teslaGetChargeAmmeter',
    path: '/vehicles/{id}/{make}/charge/ammeter',
    title: 'Amperage',
    description:
      'When the vehicle is charging, returns the amperage drawn by the vehicle from the charger. Named in the 2022 changelog beside its POST counterpart.',
    permission: 'read_charge',
    docPage: 'changelog/2022',
    // The changelog names this endpoint without a body; Carport answers like the voltmeter and wattmeter.
    response: closedObject({ amperage: Type.Number({ minimum: 0, description: 'The current drawn from the charger (in amperes).' }) }),
    examples: { response: { amperage: 48 } },
  },
] as const satisfies readonly EndpointDefinition[];
