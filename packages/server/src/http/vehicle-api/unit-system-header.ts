/** @module The `SC-Unit-System` request header: metric (default) or imperial, anything else a VALIDATION error. */
import type { FastifyRequest } from 'fastify';
import { unitSystems, type UnitSystem } from '../../catalog/units.js';
import { ApiError } from '../../catalog/api-error.js';

/** The unit system a request asks for. */
export function unitSystemOf(request: FastifyRequest): UnitSystem {
  const header = request.headers['sc-unit-system'];
  if (header === undefined || header === '') return 'metric';
  const found = unitSystems.find((system) => system === header);
  if (found === undefined) {
    throw new ApiError('VALIDATION', null, {
      description: 'SC-Unit-System must be metric or imperial.',
      detail: [{ field: 'headers.sc-unit-system', message: `must be metric or imperial; got "${String(header)}"` }],
    });
  }
  return found;
}
