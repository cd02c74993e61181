/** @module A provider's `VehicleError` as the API's catalog error, with `Retry-After` when the provider knows when to retry. */
import { VehicleError } from '../../providers/vehicle-provider.js';
import { ApiError } from '../api-error.js';

/** Rethrows provider refusals as catalog errors; anything else propagates unchanged (a 500). */
export function asApiError(error: unknown): unknown {
  if (!(error instanceof VehicleError)) return error;
  const headers = error.retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(error.retryAfterSeconds) };
  return new ApiError(error.type, error.code, headers === undefined ? {} : { headers });
}
