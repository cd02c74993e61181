/**
 * @module The `Carport-Max-Age` request header: the oldest data, in whole seconds, the caller
 * accepts; a provider then answers data it already holds that is at most this old without asking
 * the manufacturer (and may wake a sleeping car for fresher data). Anything but a whole number of
 * seconds is a VALIDATION error.
 */
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../../catalog/api-error.js';

/** The longest maximum age accepted: a year, well past any data a provider keeps. */
const MAX_AGE_LIMIT_SECONDS = 31_536_000;

/** The maximum age a request accepts, or undefined when it sets none. */
export function maxAgeOf(request: FastifyRequest): number | undefined {
  const header = request.headers['carport-max-age'];
  if (header === undefined) return undefined;
  if (typeof header === 'string' && /^\d{1,9}$/.test(header) && Number(header) <= MAX_AGE_LIMIT_SECONDS) return Number(header);
  throw new ApiError('VALIDATION', null, {
    description: `Carport-Max-Age must be a whole number of seconds from 0 to ${MAX_AGE_LIMIT_SECONDS}.`,
    detail: [{ field: 'headers.carport-max-age', message: `must be a whole number of seconds from 0 to ${MAX_AGE_LIMIT_SECONDS}; got "${String(header)}"` }],
  });
}
