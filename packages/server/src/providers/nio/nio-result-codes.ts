/**
 * @module NIO's answers as catalog errors: the envelope's `result_code` (with the HTTP status when
 * the code is one Carport does not know) mapped to an error-catalog pair. An invalid or expired
 * token is not an error here: the caller renews the token once and retries.
 */
import { VehicleError } from '../vehicle-provider.js';

/** NIO refused the access token (expired or revoked): renew it, then try once more. */
export class NioUnauthorized extends Error {
  constructor() {
    super('NIO refused the access token');
    this.name = 'NioUnauthorized';
  }
}

/** When NIO's `Retry-After` names no usable number of seconds. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

function retryAfterOf(header: string | null): number {
  const seconds = Number(header);
  return header !== null && Number.isInteger(seconds) && seconds >= 0 ? seconds : DEFAULT_RETRY_AFTER_SECONDS;
}

/** Refusals of a charging command, by NIO result code. */
const refusals: Readonly<Record<string, VehicleError>> = {
  plug_not_connected: new VehicleError('VEHICLE_STATE', 'CHARGING_PLUG_NOT_CONNECTED', { message: 'The charging cable is not connected.' }),
  already_charging: new VehicleError('VEHICLE_STATE', 'CHARGING_IN_PROGRESS', { message: 'The vehicle is charging.' }),
  not_charging: new VehicleError('VEHICLE_STATE', 'NOT_CHARGING', { message: 'The vehicle is not charging.' }),
  battery_full: new VehicleError('VEHICLE_STATE', 'FULLY_CHARGED', { message: 'The vehicle is already charged to its limit.' }),
  charger_fault: new VehicleError('VEHICLE_STATE', 'CHARGE_FAULT', { message: 'The charger or cable reports a fault.' }),
  vehicle_in_motion: new VehicleError('VEHICLE_STATE', 'IN_MOTION', { message: 'The vehicle is moving.' }),
};

/** The result codes of a refused charging command (the provider treats some as already done). */
export type NioRefusalCode = 'plug_not_connected' | 'already_charging' | 'not_charging' | 'battery_full' | 'charger_fault' | 'vehicle_in_motion';

/** A failed answer: `result_code` other than `success`, its HTTP status, and NIO's `Retry-After`. */
export interface NioFailure {
  readonly status: number;
  readonly resultCode: string | null;
  readonly retryAfter: string | null;
}

/** The catalog error of a failed NIO answer, or NioUnauthorized when the token must be renewed. */
export function nioFailure({ status, resultCode, retryAfter }: NioFailure): VehicleError | NioUnauthorized {
  if (resultCode === 'invalid_token' || resultCode === 'token_expired' || status === 401) return new NioUnauthorized();
  if (resultCode === 'vehicle_offline' || status === 408) return new VehicleError('VEHICLE_STATE', 'UNREACHABLE', { message: 'The vehicle is offline; NIO could not reach it.' });
  if (resultCode === 'rate_limit_exceeded' || status === 429) return new VehicleError('UPSTREAM', 'RATE_LIMIT', { message: "NIO's rate limit for this application or vehicle is reached.", retryAfterSeconds: retryAfterOf(retryAfter) });
  if (resultCode === 'permission_denied' || status === 403) return new VehicleError('CONNECTED_SERVICES_ACCOUNT', 'PERMISSION', { message: 'NIO refused the request: the owner did not share the data package it needs.' });
  if (resultCode === 'vehicle_not_found' || status === 404) return new VehicleError('CONNECTED_SERVICES_ACCOUNT', 'VEHICLE_MISSING', { message: 'The vehicle is no longer in the NIO account.' });
  const refusal = resultCode === null ? undefined : refusals[resultCode];
  if (refusal !== undefined) return new VehicleError(refusal.type, refusal.code, { message: refusal.message });
  return new VehicleError('UPSTREAM', 'UNKNOWN_ISSUE', { message: `NIO answered HTTP ${status}${resultCode === null ? '' : ` with result code ${resultCode}`}.` });
}

export function nioInvalidData(message: string): VehicleError {
  return new VehicleError('UPSTREAM', 'INVALID_DATA', { message: `NIO answered data Carport cannot read: ${message}.` });
}
