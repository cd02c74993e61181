/**
 * @module Injected faults as the simulated manufacturer cloud applies them: an unreachable vehicle,
 * one that will not wake, upstream failures, slow answers and the manufacturer's rate limiting.
 */
import type { Fault, Intervention } from '../../simulator/index.js';
import { VehicleError } from '../vehicle-provider.js';

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
      const code = fault.code ?? 'UNKNOWN_ISSUE';
      return { ...none, error: new VehicleError('UPSTREAM', code, code === 'RATE_LIMIT' ? { retryAfterSeconds: 60 } : {}) };
    }
    case 'slow':
      return { ...none, delayMs: fault.delayMs ?? 5_000 };
    case 'rate_limit': {
      const retryAfterSeconds = limiter.take(key, fault.requestsPerMinute ?? 0, realNow);
      return retryAfterSeconds === null ? none : { ...none, error: new VehicleError('UPSTREAM', 'RATE_LIMIT', { retryAfterSeconds }) };
    }
  }
}
