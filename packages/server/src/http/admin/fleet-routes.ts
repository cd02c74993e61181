/**
 * @module The simulated fleet's operator routes: list and show vehicles, advance simulated time,
 * plug, unplug, inject faults (the cloud's, the owner's account's, or the vehicle's own: doors, hood,
 * trunk, ignition, charger) and swap batteries, as `carport fleet` does from the command line.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { FleetOperatorError, type FleetOperator, type VehicleSelector } from '../../providers/simulated/index.js';
import { MAX_DURATION_TEXT, parseDuration } from '../../catalog/durations.js';
import { adminFleetOperation } from '../../catalog/operations/index.js';
import { ApiError } from '../../catalog/api-error.js';
import { operationRoute } from '../catalog-route.js';
import { asApiError } from '../vehicle-api/vehicle-error.js';

/** The vehicle a route names, and the mode and make that tell apart vehicles sharing a name. */
interface SelectorParts {
  readonly params: { readonly vehicle: string };
  readonly query: { readonly mode?: VehicleSelector['mode']; readonly make?: string };
}

function selector({ params, query }: SelectorParts): VehicleSelector {
  return { vehicle: params.vehicle, ...(query.mode === undefined ? {} : { mode: query.mode }), ...(query.make === undefined ? {} : { make: query.make }) };
}

/** Runs an operator call, answering its refusals in the catalog's shape (an ambiguous name is a parameter to change). */
async function operate<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof FleetOperatorError) {
      throw error.reason === 'not_found'
        ? new ApiError('RESOURCE_NOT_FOUND', 'PATH', { description: error.message })
        : new ApiError('VALIDATION', 'PARAMETER', { description: error.message, detail: [{ field: 'vehicle', message: error.message }] });
    }
    throw asApiError(error);
  }
}

function milliseconds(text: string, field: string): number {
  const value = parseDuration(text);
  if (value === undefined) throw new ApiError('VALIDATION', 'PARAMETER', { detail: [{ field, message: `a positive duration of at most ${MAX_DURATION_TEXT}, such as 15m or 2h` }] });
  return value;
}

/** Registers the fleet routes on the admin scope. */
export function registerFleetRoutes(scope: FastifyInstance, operator: FleetOperator): void {
  // Each handler's params, query and body are typed by the schemas that validate them.
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  routes.route({
    ...operationRoute(adminFleetOperation('listFleet')),
    handler: async (request) => operate(async () => ({ clock: await operator.clock(), ...(await operator.list(request.query)) })),
  });
  routes.route({ ...operationRoute(adminFleetOperation('listFleetAccounts')), handler: async () => operate(async () => ({ accounts: await operator.accounts() })) });
  routes.route({ ...operationRoute(adminFleetOperation('showFleetVehicle')), handler: async (request) => operate(() => operator.show(selector(request))) });
  routes.route({
    ...operationRoute(adminFleetOperation('advanceFleetClock')),
    handler: async (request) => operate(() => operator.advance(milliseconds(request.body.by, 'body.by'))),
  });
  routes.route({
    ...operationRoute(adminFleetOperation('plugVehicle')),
    handler: async (request) => {
      const body = request.body ?? {};
      return operate(() => operator.plug(selector(request), body.charger ?? 'AC', body.powerKw));
    },
  });
  routes.route({ ...operationRoute(adminFleetOperation('unplugVehicle')), handler: async (request) => operate(() => operator.unplug(selector(request))) });
  routes.route({
    ...operationRoute(adminFleetOperation('injectFault')),
    handler: async (request) => {
      const { body } = request;
      const clock = await operator.clock();
      const until = body.for === undefined ? null : Date.parse(clock.simulatedNow) + milliseconds(body.for, 'body.for');
      const fault = {
        kind: body.kind,
        ...(body.code === undefined ? {} : { code: body.code }),
        ...(body.delayMs === undefined ? {} : { delayMs: body.delayMs }),
        ...(body.requestsPerMinute === undefined ? {} : { requestsPerMinute: body.requestsPerMinute }),
        until,
      };
      return operate(() => operator.fault(selector(request), fault));
    },
  });
  routes.route({ ...operationRoute(adminFleetOperation('clearFault')), handler: async (request) => operate(() => operator.fault(selector(request), null)) });
  routes.route({
    ...operationRoute(adminFleetOperation('swapBattery')),
    handler: async (request) => operate(() => operator.swap(selector(request), request.body.batteryVariant, request.body.stateOfCharge)),
  });
}
