/** @module Every vehicle command (`POST`/`PUT`/`DELETE /v2.0/vehicles/{id}/...`), with `Idempotency-Key` replay. */
import { createHash } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { executeVehicleCommand } from '../../vehicle-data/execute-vehicle-command.js';
import { executeIdempotentCommand, type IdempotentCommandOutcome } from '../../vehicle-data/execute-idempotent-command.js';
import type { AppContext } from '../../app/services.js';
import { ApiError } from '../../catalog/api-error.js';
import type { UnitSystem } from '../../catalog/units.js';
import { vehicleRoutes } from '../../catalog/operations/index.js';
import { catalogRoute } from '../catalog-route.js';
import { accessOf, unknownAccessTokenError } from './require-access-token.js';
import { requireVehicleGrant } from './require-vehicle-grant.js';
import { unitSystemOf } from './unit-system-header.js';
import { upstreamBudgetHeaders } from './upstream-budget-header.js';
import { observeUse } from './observe-use.js';
import { outOfRangeError, vehicleRefusalError } from './vehicle-error.js';

const keyPattern = /^[\x21-\x7e]{1,255}$/;

/**
 * The validated query as the command path reads it. Each command declares its own query schema (most
 * none), so this route, shared by all of them, knows only that Fastify parsed an object.
 */
function queryFields(query: unknown): Readonly<Record<string, unknown>> {
  return typeof query === 'object' && query !== null ? Object.fromEntries(Object.entries(query)) : {};
}

function fingerprint(method: string, url: string, body: unknown, unitSystem: string): string {
  return createHash('sha256').update(JSON.stringify([method, url.split('?')[0], body ?? null, unitSystem])).digest('hex');
}

/** `headers.idempotency-key` refused as VALIDATION, saying why. */
function keyRefusal(description: string | undefined, message: string): ApiError {
  return new ApiError('VALIDATION', null, { ...(description === undefined ? {} : { description }), detail: [{ field: 'headers.idempotency-key', message }] });
}

/** The one place a command's outcome becomes a response. */
function renderCommand(reply: FastifyReply, unitSystem: UnitSystem, outcome: IdempotentCommandOutcome): FastifyReply {
  const send = (statusCode: number, body: unknown, headers: Record<string, string> = {}): FastifyReply => reply.code(statusCode).headers({ 'SC-Unit-System': unitSystem, ...headers }).send(body);
  switch (outcome.kind) {
    case 'executed':
      return send(200, outcome.body);
    case 'replayed':
      return send(outcome.answer.statusCode, outcome.answer.body, { 'Idempotent-Replayed': 'true' });
    case 'refused':
      throw vehicleRefusalError(outcome.refusal);
    case 'out-of-range':
      throw outOfRangeError(outcome.refusal);
    case 'key-reused':
      throw keyRefusal('This Idempotency-Key was already used for a different request.', 'already used for a different request');
    case 'key-in-progress':
      throw keyRefusal('A request with this Idempotency-Key is still being processed; retry later.', 'request still in progress');
    case 'application-gone':
      // Its tokens went with it: answered as they will be from now on.
      throw unknownAccessTokenError();
    default:
      return outcome satisfies never;
  }
}

export function registerVehicleCommandRoutes(scope: FastifyInstance, context: AppContext): void {
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  for (const route of vehicleRoutes('command')) {
    routes.route({
      ...catalogRoute(route.operation),
      handler: async (request, reply) => {
        const unitSystem = unitSystemOf(request);
        const connection = await requireVehicleGrant(context, accessOf(request), request.params.id, route.endpoint.permission);
        const input = { body: request.body, query: queryFields(request.query), unitSystem, routeMake: route.make };
        const key = request.headers['idempotency-key'];
        if (key !== undefined && (typeof key !== 'string' || !keyPattern.test(key))) throw keyRefusal(undefined, 'must be 1 to 255 printable ASCII characters');
        const outcome =
          key === undefined
            ? await executeVehicleCommand(context, connection, route.endpoint, input)
            : await executeIdempotentCommand(context, connection, route.endpoint, input, { key, fingerprint: fingerprint(request.method, request.url, request.body, unitSystem) });
        // Stated on refusals too (set before rendering, which throws them).
        reply.headers(await upstreamBudgetHeaders(context, connection));
        if (outcome.kind === 'executed') {
          await context.repositories.lifecycle.observe(connection.applicationId, 'command_sent');
          await observeUse(context, connection.applicationId, route.endpoint);
        }
        return renderCommand(reply, unitSystem, outcome);
      },
    });
  }
}
