/** @module Every vehicle command (`POST`/`PUT`/`DELETE /v2.0/vehicles/{id}/...`), with `Idempotency-Key` replay. */
import { createHash } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { executeVehicleCommand } from '../../vehicle-data/execute-vehicle-command.js';
import type { AppContext } from '../../app/services.js';
import { ApiError } from '../../catalog/api-error.js';
import { vehicleRoutes } from '../../catalog/operations/index.js';
import { catalogRoute } from '../catalog-route.js';
import { accessOf } from './require-access-token.js';
import { requireVehicleGrant } from './require-vehicle-grant.js';
import { unitSystemOf } from './unit-system-header.js';
import { asApiError } from './vehicle-error.js';

/** A key answers retries for a day, as the issue asks. */
const idempotencyTtlSeconds = 24 * 60 * 60;
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

export function registerVehicleCommandRoutes(scope: FastifyInstance, context: AppContext): void {
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  for (const route of vehicleRoutes('command')) {
    routes.route({
      ...catalogRoute(route.operation),
      handler: async (request, reply) => {
        const unitSystem = unitSystemOf(request);
        const access = accessOf(request);
        const connection = await requireVehicleGrant(context, access, request.params.id, route.endpoint.permission);
        const run = async (): Promise<unknown> => {
          try {
            return await executeVehicleCommand(context, connection, route.endpoint, { body: request.body, query: queryFields(request.query), unitSystem, routeMake: route.make });
          } catch (error) {
            throw asApiError(error);
          }
        };
        const send = (statusCode: number, body: unknown, headers: Record<string, string> = {}): FastifyReply => reply.code(statusCode).headers({ 'SC-Unit-System': unitSystem, ...headers }).send(body);
        const key = request.headers['idempotency-key'];
        if (key === undefined) return send(200, await run());
        if (typeof key !== 'string' || !keyPattern.test(key)) {
          throw new ApiError('VALIDATION', null, { detail: [{ field: 'headers.idempotency-key', message: 'must be 1 to 255 printable ASCII characters' }] });
        }
        const claim = await context.repositories.idempotency.claim(access.applicationId, key, fingerprint(request.method, request.url, request.body, unitSystem), idempotencyTtlSeconds);
        if (claim.status === 'replay') return send(claim.answer.statusCode, claim.answer.body, { 'Idempotent-Replayed': 'true' });
        if (claim.status !== 'claimed') {
          throw new ApiError('VALIDATION', null, {
            description: claim.status === 'mismatch' ? 'This Idempotency-Key was already used for a different request.' : 'A request with this Idempotency-Key is still being processed; retry later.',
            detail: [{ field: 'headers.idempotency-key', message: claim.status === 'mismatch' ? 'already used for a different request' : 'request still in progress' }],
          });
        }
        let body: unknown;
        try {
          body = await run();
          await context.repositories.idempotency.complete(access.applicationId, key, { statusCode: 200, body });
        } catch (error) {
          // A refused or failed command changed nothing on the vehicle, so a retry may send it again.
          await context.repositories.idempotency.release(access.applicationId, key);
          throw error;
        }
        return send(200, body);
      },
    });
  }
}
