/**
 * @module The command scenarios of the provider conformance suite: for each catalog command, a
 * request and the later read that must show its effect. Written against the catalog only, so any
 * provider is held to the same expectations; a command no read can observe names that reason.
 */
import type { EndpointId } from '../../src/catalog/endpoints/index.js';
import type { CommandRequest } from '../../src/providers/vehicle-provider.js';

/** What a scenario needs before it runs. */
export type Precondition = 'parked' | 'plugged-in';

/** One step: a command, then a read whose body must satisfy `expect`. */
export interface ScenarioStep {
  readonly command: CommandRequest;
  /** Reads (in order of preference) that observe the effect; the first the vehicle declares is used. */
  readonly observedBy: readonly EndpointId[];
  /** The body of the observing read must match this (partial deep equality). */
  readonly expect: (observer: EndpointId) => unknown;
  /** The command's query, taken from a read's body (a location the vehicle itself reported). */
  readonly queryFrom?: { readonly endpointId: EndpointId; readonly pick: (body: unknown) => Readonly<Record<string, unknown>> };
}

/** A command endpoint's scenario, or the reason none can exist. */
export type CommandScenario =
  | { readonly precondition: Precondition; readonly steps: readonly ScenarioStep[] }
  | { readonly unobservable: string };

const lockStatus = (isLocked: boolean) => () => ({ isLocked });
const chargeState = (state: string) => (observer: EndpointId) =>
  observer === 'audiGetChargeStatus' ? { chargingStatus: state } : { state };
const socLimit = (limit: number) => (observer: EndpointId) => (observer === 'getChargeLimit' ? { limit } : { socLimit: limit });
const chargeObservers: readonly EndpointId[] = ['getChargeStatus', 'teslaGetChargeStatus', 'nioGetChargeStatus', 'audiGetChargeStatus'];
const limitObservers: readonly EndpointId[] = ['getChargeLimit', 'teslaGetChargeStatus', 'nioGetChargeStatus', 'audiGetChargeStatus'];

function firstChargingLocation(body: unknown): Readonly<Record<string, unknown>> {
  const locations = (body as { chargingLocations?: { location?: Record<string, unknown> }[] }).chargingLocations;
  return locations?.[0]?.location ?? {};
}

/** Scenarios by command endpoint id. */
export const commandScenarios: Readonly<Partial<Record<EndpointId, CommandScenario>>> = {
  lockUnlock: {
    precondition: 'parked',
    steps: [
      { command: { endpointId: 'lockUnlock', body: { action: 'UNLOCK' } }, observedBy: ['getLockStatus'], expect: lockStatus(false) },
      { command: { endpointId: 'lockUnlock', body: { action: 'LOCK' } }, observedBy: ['getLockStatus'], expect: lockStatus(true) },
    ],
  },
  setChargeLimit: {
    precondition: 'parked',
    steps: [
      { command: { endpointId: 'setChargeLimit', body: { limit: 0.65 } }, observedBy: limitObservers, expect: socLimit(0.65) },
      { command: { endpointId: 'setChargeLimit', body: { limit: '0.9' } }, observedBy: limitObservers, expect: socLimit(0.9) },
    ],
  },
  controlCharge: {
    precondition: 'plugged-in',
    steps: [
      { command: { endpointId: 'controlCharge', body: { action: 'START' } }, observedBy: chargeObservers, expect: chargeState('CHARGING') },
      { command: { endpointId: 'controlCharge', body: { action: 'STOP' } }, observedBy: chargeObservers, expect: chargeState('NOT_CHARGING') },
    ],
  },
  sendDestination: { unobservable: 'no catalog endpoint reads the navigation destination back' },
  teslaSetPinToDrive: { unobservable: 'no catalog endpoint reads PIN to Drive back' },
  teslaClearPinToDrive: { unobservable: 'no catalog endpoint reads PIN to Drive back' },
  teslaControlChargePort: {
    precondition: 'parked',
    steps: [
      { command: { endpointId: 'teslaControlChargePort', body: { action: 'OPEN' } }, observedBy: ['teslaGetChargeStatus'], expect: () => ({ chargePortOpen: true }) },
    ],
  },
  teslaControlFrunk: {
    precondition: 'parked',
    steps: [
      {
        command: { endpointId: 'teslaControlFrunk', body: { action: 'OPEN' } },
        observedBy: ['getLockStatus'],
        expect: () => ({ storage: [{ type: 'front', status: 'OPEN' }, { type: 'rear', status: 'CLOSED' }] }),
      },
    ],
  },
  teslaControlTrunk: {
    precondition: 'parked',
    steps: [
      {
        command: { endpointId: 'teslaControlTrunk', body: { action: 'OPEN' } },
        observedBy: ['getLockStatus'],
        expect: () => ({ storage: [{ type: 'front', status: 'CLOSED' }, { type: 'rear', status: 'OPEN' }] }),
      },
    ],
  },
  teslaSetCabinClimate: {
    precondition: 'parked',
    steps: [
      { command: { endpointId: 'teslaSetCabinClimate', body: { action: 'START', temperature: 21 } }, observedBy: ['teslaGetCabinClimate'], expect: () => ({ status: 'ON', temperature: 21 }) },
      { command: { endpointId: 'teslaSetCabinClimate', body: { action: 'SET', temperature: 19 } }, observedBy: ['teslaGetCabinClimate'], expect: () => ({ status: 'ON', temperature: 19 }) },
      { command: { endpointId: 'teslaSetCabinClimate', body: { action: 'STOP' } }, observedBy: ['teslaGetCabinClimate'], expect: () => ({ status: 'OFF', temperature: 19 }) },
    ],
  },
  teslaSetDefroster: {
    precondition: 'parked',
    steps: [{ command: { endpointId: 'teslaSetDefroster', body: { action: 'START' } }, observedBy: ['teslaGetDefroster'], expect: () => ({ frontStatus: 'ON', rearStatus: 'ON' }) }],
  },
  teslaSetSteeringHeater: {
    precondition: 'parked',
    steps: [{ command: { endpointId: 'teslaSetSteeringHeater', body: { action: 'START' } }, observedBy: ['teslaGetSteeringHeater'], expect: () => ({ status: 'ON' }) }],
  },
  teslaSetChargeAmmeter: {
    precondition: 'plugged-in',
    steps: [{ command: { endpointId: 'teslaSetChargeAmmeter', body: { amperage: 16 } }, observedBy: ['teslaGetChargeStatus'], expect: () => ({ amperageRequested: 16 }) }],
  },
  teslaSetChargeSchedule: {
    precondition: 'parked',
    steps: [
      {
        command: { endpointId: 'teslaSetChargeSchedule', body: { type: 'START_TIME', enable: true, time: '23:30' } },
        observedBy: ['teslaGetChargeSchedule'],
        expect: () => ({ startTime: { enabled: true, time: '23:30' }, departureTime: { enabled: false } }),
      },
    ],
  },
  nissanSetChargeSchedule: {
    precondition: 'parked',
    steps: [
      {
        command: { endpointId: 'nissanSetChargeSchedule', body: { chargeSchedules: [{ start: '08:00', end: '12:00', days: ['MONDAY', 'FRIDAY'] }] } },
        observedBy: ['nissanGetChargeSchedule'],
        expect: () => ({ chargeSchedules: [{ start: '08:00', end: '12:00', days: ['MONDAY', 'FRIDAY'] }] }),
      },
    ],
  },
  // The location must be one the vehicle reports, so the query comes from its own GET.
  fordSetChargeScheduleByLocation: {
    precondition: 'parked',
    steps: [
      {
        command: {
          endpointId: 'fordSetChargeScheduleByLocation',
          body: { chargingLocation: { chargeLimit: 0.9, chargingWindows: { weekday: [{ start: '17:00', end: '06:00' }], weekend: [] } } },
        },
        observedBy: ['fordGetChargeScheduleByLocation'],
        expect: () => ({ chargingLocations: [{ chargeLimit: 0.9, chargingSchedules: { weekday: [{ start: '17:00', end: '06:00' }], weekend: [] } }] }),
        queryFrom: { endpointId: 'fordGetChargeScheduleByLocation', pick: firstChargingLocation },
      },
    ],
  },
};
