/**
 * @module Numbers a request sends must be finite. `1e309` parses (JSON.parse, and the validator's
 * coercion of query strings) to Infinity, which JSON Schema's `integer` and `minimum` accept, so
 * without this a page offset of `1e309` reached the database and a charge limit could be Infinity.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../catalog/api-error.js';

/** A query value the validator would coerce to a number that is not finite. */
const overflowingNumber = /^[+-]?(infinity|(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)$/i;

function isNonFiniteNumeral(value: string): boolean {
  return overflowingNumber.test(value.trim()) && !Number.isFinite(Number(value));
}

/** The VALIDATION error for a non-finite number at `field` (e.g. `query.offset`, `body.limit`). */
export function nonFiniteNumberError(field: string): ApiError {
  return new ApiError('VALIDATION', null, { detail: [{ field, message: 'must be a finite number' }] });
}

/** JSON.parse reviver: refuses a number literal too large to be finite. */
export function refuseNonFiniteNumbers(key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) throw nonFiniteNumberError(key === '' ? 'body' : `body.${key}`);
  return value;
}

/** Refuses query parameters that spell a number too large to be finite, before validation coerces them. */
export function refuseNonFiniteQueryNumbers(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const query = request.query;
    if (query !== null && typeof query === 'object') {
      for (const [name, value] of Object.entries(query as Record<string, unknown>)) {
        const values = Array.isArray(value) ? value : [value];
        if (values.some((item) => typeof item === 'string' && isNonFiniteNumeral(item))) {
          done(nonFiniteNumberError(`query.${name}`));
          return;
        }
      }
    }
    done();
  });
}
