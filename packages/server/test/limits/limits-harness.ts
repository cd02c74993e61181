/** @module A test app with a controllable clock, probe routes behind the limit step, and grants on chosen plans. */
import type { FastifyInstance } from 'fastify';
import type { CarportModule } from '../../src/http/carport-module.js';
import { enforceRequestLimits, perPathRequestLimits, registerVehicleRequestLimits } from '../../src/http/limits/vehicle-request-limits.js';
import { accessOf, requireAccessToken } from '../../src/http/vehicle-api/require-access-token.js';
import { requireVehicleGrant } from '../../src/http/vehicle-api/require-vehicle-grant.js';
import type { VehicleMode } from '../../src/store/index.js';
import { seedWorld, type SeededWorld } from '../helpers/test-world.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

/** Routes that name a vehicle, registered the way the Vehicle API registers its own (auth, then limits). */
export const limitsProbeModule: CarportModule = {
  name: 'limits-probe',
  register(scope, context) {
    requireAccessToken(scope, context);
    registerVehicleRequestLimits(scope, context);
    scope.get<{ Params: { id: string } }>('/v2.0/vehicles/:id/limits-probe', async (request) => {
      await requireVehicleGrant(context, accessOf(request), request.params.id, null);
      return { ok: true };
    });
    scope.post<{ Params: { id: string }; Body: { paths: string[] } }>('/v2.0/vehicles/:id/limits-batch', { config: perPathRequestLimits }, async (request, reply) => {
      await enforceRequestLimits(request, reply, context, request.body.paths.length);
      return { counted: request.body.paths.length };
    });
    scope.post('/v2.0/vehicles/:id/limits-uncounted', { config: perPathRequestLimits }, () => ({ counted: 0 }));
  },
};

/** A test app whose clock the test moves. */
export interface LimitsApp extends TestApp {
  /** Moves the clock forward. */
  advance(milliseconds: number): void;
  /** Current clock reading, in milliseconds. */
  nowMs(): number;
}

/** Builds the app at `start` with the probe routes and `env` (e.g. `CARPORT_PLANS`). */
export async function buildLimitsApp(env: Record<string, string> = {}, start = '2026-11-22T10:00:00.000Z'): Promise<LimitsApp> {
  let current = Date.parse(start);
  const harness = await buildTestApp({ now: () => new Date(current), modules: [limitsProbeModule], env });
  return {
    ...harness,
    advance: (milliseconds) => {
      current += milliseconds;
    },
    nowMs: () => current,
  };
}

/** A grant of `vehicleCount` vehicles to a new application on `plan`; live vehicles unless `mode` says otherwise (plans bill only those). */
export async function grantOnPlan(app: FastifyInstance, plan: string, vehicleCount = 1, mode: VehicleMode = 'live'): Promise<SeededWorld> {
  return seedWorld(app.carport.repositories, { application: { plan }, vehicles: vehicleCount, mode });
}

/** GET with the grant's bearer token. */
export function getAs(app: FastifyInstance, grant: SeededWorld, url: string) {
  return app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${grant.accessToken}` } });
}

/** The three `RateLimit-*` headers of a response. */
export function rateLimitHeadersOf(response: { headers: Record<string, unknown> }): Record<string, unknown> {
  return {
    limit: response.headers['ratelimit-limit'],
    remaining: response.headers['ratelimit-remaining'],
    reset: response.headers['ratelimit-reset'],
    retryAfter: response.headers['retry-after'],
  };
}
