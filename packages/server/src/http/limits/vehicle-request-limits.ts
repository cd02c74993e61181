/**
 * @module The Vehicle API's limit step: after authentication, every request is counted once against
 * its application (and, on `/vehicles/{id}/...`, its vehicle) and answered 429/430 when over, or
 * 430 when the application's plan lacks a feature the route needs.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/services.js';
import { apiVersionPrefix } from '../../catalog/operations/index.js';
import { callerApplicationIdOf } from '../vehicle-api/require-access-token.js';
import { refusalError, rateLimitHeaders } from '../../limits/limit-answers.js';
import { routeFeatures } from './route-features.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * `per-path`: the route counts itself, once per path it serves (batch), by calling
     * {@link enforceRequestLimits} with the path count; the automatic count of one is skipped.
     */
    requestLimits?: 'per-path';
  }
}

/** Spread into the route config of a route that calls {@link enforceRequestLimits} itself (batch). */
export const perPathRequestLimits = { requestLimits: 'per-path' } as const;

/** Routes under this URL name one vehicle (`:id`), so the vehicle's own limits apply too. */
const vehicleRoutePrefix = `${apiVersionPrefix}/vehicles/:id`;

// Requests already counted, so a per-path route that forgot to count can be caught in the log.
const counted = new WeakSet<FastifyRequest>();

/** The application's vehicle id a request's route names, or null for routes about no one vehicle. */
export function vehicleIdOf(request: FastifyRequest): string | null {
  const url = request.routeOptions.url ?? '';
  if (url !== vehicleRoutePrefix && !url.startsWith(`${vehicleRoutePrefix}/`)) return null;
  const params = request.params;
  if (typeof params !== 'object' || params === null || !('id' in params)) return null;
  return typeof params.id === 'string' ? params.id : null;
}

/**
 * Counts `cost` requests (1, or a batch's path count) for the authenticated caller: throws the
 * catalog's 430 or 429 error when a limit refuses them or the plan lacks a feature the route needs
 * (nothing is counted then), else sets the `RateLimit-*` headers.
 * @example
 * // In the batch route, whose options include `config: perPathRequestLimits`:
 * await enforceRequestLimits(request, reply, context, request.body.requests.length);
 */
export async function enforceRequestLimits(request: FastifyRequest, reply: FastifyReply, context: AppContext, cost: number): Promise<void> {
  const applicationId = callerApplicationIdOf(request);
  counted.add(request);
  const decision = await context.limiter.checkRequest({ applicationId, vehicleId: vehicleIdOf(request), cost, features: routeFeatures(request) });
  if (!decision.admitted) throw refusalError(decision, cost);
  if (decision.report !== null) reply.headers(rateLimitHeaders(decision.report));
}

/**
 * Adds the limit step to every route of the Vehicle API scope. Register it after the access-token
 * step: hooks run in the order they were added, and the step needs the caller's application.
 */
export function registerVehicleRequestLimits(scope: FastifyInstance, context: AppContext): void {
  scope.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.requestLimits === 'per-path') return;
    await enforceRequestLimits(request, reply, context, 1);
  });
  scope.addHook('onResponse', (request, reply, done) => {
    if (request.routeOptions.config.requestLimits === 'per-path' && reply.statusCode < 400 && !counted.has(request)) {
      request.log.error({ route: request.routeOptions.url }, 'a per-path route answered without counting its paths against the request limits');
    }
    done();
  });
}
