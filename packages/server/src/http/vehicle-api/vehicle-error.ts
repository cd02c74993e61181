/** @module A provider's refusals as the API's catalog errors, with `Retry-After` when the provider knows when to retry. */
import { OutOfRangeError, isVehicleError, type VehicleError } from '../../providers/vehicle-provider.js';
import { ApiError } from '../../catalog/api-error.js';

/** `15` or `15 °C`. */
function withUnit(value: number, unit: string): string {
  return unit === '' ? String(value) : `${value} ${unit}`;
}

/** The catalog error of a vehicle's or its provider's refusal. */
export function vehicleRefusalError(error: VehicleError): ApiError {
  const headers = error.retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(error.retryAfterSeconds) };
  return new ApiError(error.type, error.code, headers === undefined ? {} : { headers });
}

/** A value outside the vehicle's limits, as VALIDATION:PARAMETER naming them. */
export function outOfRangeError(error: OutOfRangeError): ApiError {
  // The seeds: an out-of-bounds value fails "with the upper and lower limits in the error response message".
  const range = `between ${withUnit(error.minimum, error.unit)} and ${withUnit(error.maximum, error.unit)}`;
  return new ApiError('VALIDATION', 'PARAMETER', {
    description: `\`${error.field}\` must be ${range}, the lower and upper limits this vehicle accepts.`,
    detail: [{ field: `body.${error.field}`, message: `must be ${range}` }],
  });
}

/** Rethrows provider refusals as catalog errors; anything else propagates unchanged (a 500). */
export function asApiError(error: unknown): unknown {
  if (error instanceof OutOfRangeError) return outOfRangeError(error);
  if (isVehicleError(error)) return vehicleRefusalError(error);
  return error;
}
