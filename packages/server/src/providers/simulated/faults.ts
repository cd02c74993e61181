/**
 * @module Injected faults as the simulated manufacturer cloud applies them: an unreachable vehicle,
 * one that will not wake, upstream failures, slow answers, the manufacturer's rate limiting, the
 * owner's account in a state the manufacturer refuses, remote access switched off, and a vehicle
 * offline for service. Physical faults (doors, hood, trunk, ignition, charger) are the vehicle's own
 * state and `legacy_integration` is answered by the make's handlers, so neither fails here.
 */
import { accountCodes, upstreamCodes, type AccountCode, type Fault, type FaultKind, type Intervention } from '../../simulator/index.js';
import type { ProviderMakeBehaviour } from './vehicle-context.js';
import { VehicleError } from '../vehicle-provider.js';

/** Faults only some makes have; a make's behaviour lists those its vehicles can have. */
const makeSpecificKinds: ReadonlySet<FaultKind> = new Set(['legacy_integration']);
const makeSpecificAccountCodes: ReadonlySet<AccountCode> = new Set(['VIRTUAL_KEY_REQUIRED']);

/** What decides whether a fault fits a vehicle. */
export interface FaultTarget {
  readonly plugIn: boolean;
  readonly behaviour: ProviderMakeBehaviour | undefined;
}

/** Why `fault` cannot be injected into the vehicle (a code that does not fit its kind, a fault its make or hardware cannot have), or null. */
export function faultProblem(fault: Fault, target: FaultTarget): string | null {
  const code = fault.code;
  if (fault.kind === 'upstream') {
    return code === undefined || upstreamCodes.some((candidate) => candidate === code) ? null : `an upstream fault takes one of ${upstreamCodes.join(', ')}`;
  }
  if (fault.kind === 'account') {
    const accountCode = accountCodes.find((candidate) => candidate === code);
    if (accountCode === undefined) return `an account fault takes one of ${accountCodes.join(', ')}`;
    if (makeSpecificAccountCodes.has(accountCode) && target.behaviour?.accountCodes?.includes(accountCode) !== true) return `this vehicle's make has no ${accountCode} account state`;
    return null;
  }
  if (code !== undefined) return 'only upstream and account faults take a code';
  if (makeSpecificKinds.has(fault.kind) && target.behaviour?.faultKinds?.includes(fault.kind) !== true) return `this vehicle's make has no ${fault.kind} fault`;
  if (fault.kind === 'charger_fault' && !target.plugIn) return 'this vehicle has no charge port';
  return null;
}

/** The fault in force at `now`, and since when. */
export interface ActiveFault {
  readonly fault: Fault;
  readonly since: number;
}

/** The latest fault intervention at or before `now`, unless it was cleared or has expired. */
export function activeFault(interventions: readonly Intervention[], now: number): ActiveFault | null {
  for (let index = interventions.length - 1; index >= 0; index--) {
    const item = interventions[index];
    if (item === undefined || item.at > now || item.action.kind !== 'fault') continue;
    const fault = item.action.fault;
    if (fault === null || (fault.until !== null && fault.until <= now)) return null;
    return { fault, since: item.at };
  }
  return null;
}

/** What a fault does to one request. */
export interface FaultEffect {
  /** Extra latency, ms (real time). */
  readonly delayMs: number;
  /** The request fails with this. */
  readonly error: VehicleError | null;
  /** Reads answer the data of this simulated instant (a vehicle that will not wake). */
  readonly dataTime: number | null;
}

const none: FaultEffect = { delayMs: 0, error: null, dataTime: null };

/**
 * Account states under which the manufacturer still shares data but refuses commands: a driver's
 * (not the owner's) account, and a vehicle without the application's virtual key.
 */
const commandOnlyAccountCodes: ReadonlySet<AccountCode> = new Set(['PERMISSION', 'VIRTUAL_KEY_REQUIRED']);

/** The account state an `account` fault puts the account in (a stored fault without a code: the generic account issue). */
export function accountCodeOf(fault: Fault): AccountCode {
  return accountCodes.find((code) => code === fault.code) ?? 'ACCOUNT_ISSUE';
}

/** Requests per vehicle per real minute, counted in this process (a manufacturer limits each client it sees). */
export class ManufacturerRateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  /** Counts a request; seconds to wait when it is over the limit, else null. */
  take(key: string, perMinute: number, realNow: number): number | null {
    const window = this.#windows.get(key);
    const current = window === undefined || realNow - window.start >= 60_000 ? { start: realNow, count: 0 } : window;
    current.count += 1;
    this.#windows.set(key, current);
    if (current.count <= perMinute) return null;
    return Math.max(1, Math.ceil((current.start + 60_000 - realNow) / 1000));
  }
}

/** The effect of `active` on a read or a command. */
export function faultEffect(active: ActiveFault | null, operation: 'read' | 'command', limiter: ManufacturerRateLimiter, key: string, realNow: number): FaultEffect {
  if (active === null) return none;
  const { fault, since } = active;
  switch (fault.kind) {
    case 'unreachable':
      return { ...none, error: new VehicleError('VEHICLE_STATE', 'UNREACHABLE', { message: 'The vehicle has no network connection.' }) };
    case 'asleep':
      return operation === 'read'
        ? { ...none, dataTime: since }
        : { ...none, error: new VehicleError('VEHICLE_STATE', 'ASLEEP', { message: 'The vehicle did not wake up.' }) };
    case 'upstream': {
      const code = upstreamCodes.find((candidate) => candidate === fault.code) ?? 'UNKNOWN_ISSUE';
      return { ...none, error: new VehicleError('UPSTREAM', code, code === 'RATE_LIMIT' ? { retryAfterSeconds: 60 } : {}) };
    }
    case 'slow':
      return { ...none, delayMs: fault.delayMs ?? 5_000 };
    case 'rate_limit': {
      const retryAfterSeconds = limiter.take(key, fault.requestsPerMinute ?? 0, realNow);
      return retryAfterSeconds === null ? none : { ...none, error: new VehicleError('UPSTREAM', 'RATE_LIMIT', { retryAfterSeconds }) };
    }
    case 'account': {
      const code = accountCodeOf(fault);
      return operation === 'read' && commandOnlyAccountCodes.has(code) ? none : { ...none, error: new VehicleError('CONNECTED_SERVICES_ACCOUNT', code) };
    }
    case 'remote_access_disabled':
      return { ...none, error: new VehicleError('VEHICLE_STATE', 'REMOTE_ACCESS_DISABLED', { message: 'Remote access is switched off in the vehicle.' }) };
    case 'offline_for_service':
      return { ...none, error: new VehicleError('VEHICLE_STATE', 'VEHICLE_OFFLINE_FOR_SERVICE', { message: 'The vehicle is installing a software update.' }) };
    case 'legacy_integration':
    case 'door_open':
    case 'hood_open':
    case 'trunk_open':
    case 'ignition_on':
    case 'charger_fault':
      return none;
  }
}
