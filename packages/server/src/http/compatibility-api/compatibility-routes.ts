/**
 * @module `GET /v2.0/compatibility` and `GET /v2.0/compatibility/matrix`: the catalog's routes, answered
 * from the compatibility module's pure functions.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  compatibilityByVin,
  compatibilityRequestProblems,
  DEFAULT_COUNTRY,
  spaceSeparated,
  vinProblemsFor,
  type CompatibilityProblem,
} from '../../compatibility/compatibility-by-vin.js';
import { compatibilityMatrix, matrixQueryProblems } from '../../compatibility/compatibility-matrix.js';
import { ApiError } from '../../catalog/api-error.js';
import { catalogOperation } from '../../catalog/operations/index.js';
import { catalogRoute } from '../catalog-route.js';

function refuse(problems: readonly CompatibilityProblem[]): ApiError {
  return new ApiError('VALIDATION', null, {
    description: problems.map((problem) => `\`${problem.field}\`: ${problem.message}.`).join(' '),
    detail: problems.map((problem) => ({ field: `query.${problem.field}`, message: problem.message })),
  });
}

/** A query value as sent, before the schema has checked it. */
function rawString(query: unknown, name: string): string | undefined {
  if (typeof query !== 'object' || query === null) return undefined;
  const value: unknown = Object.entries(query).find(([key]) => key === name)?.[1];
  return typeof value === 'string' ? value : undefined;
}

/** Registers both compatibility routes on `scope`. */
export function registerCompatibilityRoutes(scope: FastifyInstance): void {
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  routes.route({
    ...catalogRoute(catalogOperation('getCompatibilityByVin')),
    // Before the schema: its VIN pattern would only say "must match pattern", while the decoder names
    // the length, the characters, the model-year character or the check digit that is wrong.
    preValidation: (request, _reply, done) => {
      const vin = rawString(request.query, 'vin');
      const problems = vin === undefined ? [] : vinProblemsFor(vin, rawString(request.query, 'country') ?? DEFAULT_COUNTRY);
      done(problems.length > 0 ? refuse(problems.map((message) => ({ field: 'vin', message }))) : undefined);
    },
    // Synchronous: the answers are computed from in-memory catalogs; Fastify sends the returned value.
    handler: (request) => {
      const { vin, scope: requested, country = DEFAULT_COUNTRY } = request.query;
      const problems = compatibilityRequestProblems(vin, requested, country);
      if (problems.length > 0) throw refuse(problems);
      return compatibilityByVin({ vin, permissions: spaceSeparated(requested), country });
    },
  });

  routes.route({
    ...catalogRoute(catalogOperation('getCompatibilityMatrix')),
    handler: (request) => {
      const problems = matrixQueryProblems(request.query);
      if (problems.length > 0) throw refuse(problems);
      return compatibilityMatrix(request.query);
    },
  });
}
