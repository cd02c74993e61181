/**
 * @module The simulated fleet's operator routes: list and show vehicles, advance simulated time,
 * plug, unplug, inject faults (the cloud's, the owner's account's, or the vehicle's own: doors, hood,
 * trunk, ignition, charger) and swap batteries, as `carport fleet` does from the command line.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { FleetOperatorError, type FleetOperator, type VehicleSelector } from '../../providers/simulated/index.js';
import { durationPattern, MAX_DURATION_TEXT, parseDuration } from '../../catalog/durations.js';
import { vehicleModeSchema } from '../../catalog/vehicle-modes.js';
import { accountCodes, faultKinds, upstreamCodes } from '../../simulator/index.js';
import { ApiError } from '../../catalog/api-error.js';
import { asApiError } from '../vehicle-api/vehicle-error.js';

const modes = vehicleModeSchema();
const vehicleParams = Type.Object({
  vehicle: Type.String({ minLength: 1, description: 'The Vehicle API id an application sees, a vehicle key (`mode/MAKE/id`, URL-encoded) or a VIN.' }),
});
const selectorQuery = Type.Object({ mode: Type.Optional(modes), make: Type.Optional(Type.String({ pattern: '^[A-Z_]+$' })) });
const listQuery = Type.Object({
  mode: Type.Optional(modes),
  make: Type.Optional(Type.String({ pattern: '^[A-Z_]+$' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});
const durationText = Type.String({ pattern: durationPattern, description: `e.g. \`90s\`, \`15m\`, \`2h\`, \`3d\`; at most \`${MAX_DURATION_TEXT}\`.` });
const advanceBody = Type.Object({ by: durationText });
const plugBody = Type.Object({
  charger: Type.Optional(Type.Union([Type.Literal('AC'), Type.Literal('DC')])),
  powerKw: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })),
});
const faultBody = Type.Object({
  kind: Type.Union(faultKinds.map((kind) => Type.Literal(kind))),
  code: Type.Optional(Type.Union([...upstreamCodes, ...accountCodes].map((code) => Type.Literal(code)), { description: '`upstream`: an `UPSTREAM` code; `account`: a `CONNECTED_SERVICES_ACCOUNT` code.' })),
  delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 120_000 })),
  requestsPerMinute: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  for: Type.Optional(durationText),
});
const swapBody = Type.Object({ batteryVariant: Type.Integer({ minimum: 0 }), stateOfCharge: Type.Number({ minimum: 0, maximum: 1 }) });

type Params = Static<typeof vehicleParams>;
type SelectorQuery = Static<typeof selectorQuery>;

function selector(params: Params, query: SelectorQuery): VehicleSelector {
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
  routes.get('/admin/fleet', { schema: { querystring: listQuery } }, async (request) =>
    operate(async () => ({ clock: await operator.clock(), ...(await operator.list(request.query)) })),
  );
  routes.get('/admin/fleet/accounts', async () => operate(async () => ({ accounts: await operator.accounts() })));
  routes.get('/admin/fleet/vehicles/:vehicle', { schema: { params: vehicleParams, querystring: selectorQuery } }, async (request) =>
    operate(() => operator.show(selector(request.params, request.query))),
  );
  routes.post('/admin/fleet/advance', { schema: { body: advanceBody } }, async (request) => operate(() => operator.advance(milliseconds(request.body.by, 'body.by'))));
  routes.post('/admin/fleet/vehicles/:vehicle/plug', { schema: { params: vehicleParams, querystring: selectorQuery, body: Type.Optional(plugBody) } }, async (request) => {
    const body = request.body ?? {};
    return operate(() => operator.plug(selector(request.params, request.query), body.charger ?? 'AC', body.powerKw));
  });
  routes.post('/admin/fleet/vehicles/:vehicle/unplug', { schema: { params: vehicleParams, querystring: selectorQuery } }, async (request) =>
    operate(() => operator.unplug(selector(request.params, request.query))),
  );
  routes.post('/admin/fleet/vehicles/:vehicle/fault', { schema: { params: vehicleParams, querystring: selectorQuery, body: faultBody } }, async (request) => {
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
    return operate(() => operator.fault(selector(request.params, request.query), fault));
  });
  routes.delete('/admin/fleet/vehicles/:vehicle/fault', { schema: { params: vehicleParams, querystring: selectorQuery } }, async (request) =>
    operate(() => operator.fault(selector(request.params, request.query), null)),
  );
  routes.post('/admin/fleet/vehicles/:vehicle/swap', { schema: { params: vehicleParams, querystring: selectorQuery, body: swapBody } }, async (request) =>
    operate(() => operator.swap(selector(request.params, request.query), request.body.batteryVariant, request.body.stateOfCharge)),
  );
}
