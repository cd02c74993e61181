/** @module A provider's `VehicleError` as the API's catalog error, with `Retry-After` when the provider knows when to retry. */
import { OutOfRangeError, VehicleError } from '../../providers/vehicle-provider.js';
import { ApiError } from '../../catalog/api-error.js';

/** `15` or `15 °C`. */
function withUnit(value: number, unit: string): string {
  return unit === '' ? String(value) : `${value} ${unit}`;
}

/** Rethrows provider refusals as catalog errors; anything else propagates unchanged (a 500). */
export function asApiError(error: unknown): unknown {
  if (error instanceof OutOfRangeError) {
    // The seeds: an out-of-bounds value fails "with the upper and lower limits in the error response message".
    const range = `between ${withUnit(error.minimum, error.unit)} and ${withUnit(error.maximum, error.unit)}`;
    return new ApiError('VALIDATION', 'PARAMETER', {
      description: `\`${error.field}\` must be ${range}, the lower and upper limits this vehicle accepts.`,
      detail: [{ field: `body.${error.field}`, message: `must be ${range}` }],
    });
  }
  if (!(error instanceof VehicleError)) return error;
  const headers = error.retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(error.retryAfterSeconds) };
  return new ApiError(error.type, error.code, headers === undefined ? {} : { headers });
}
