/**
 * @module The admin API's fleet routes (`/admin/fleet...`): the operator's view of the simulated
 * fleet, served only where `CARPORT_ADMIN_TOKEN` is set. They carry no operation ids or summaries
 * in the OpenAPI document, which lists them only for an instance that serves them.
 */
import { Type } from '@sinclair/typebox';
import { durationPattern, MAX_DURATION_TEXT } from '../durations.js';
import { errorCodesOf } from '../errors.js';
import { faultKinds } from '../fault-kinds.js';
import { vehicleModeSchema } from '../vehicle-modes.js';
import { operationById, type OperationDefinition } from './operation.js';

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
const faultCodes = [...errorCodesOf('UPSTREAM'), ...errorCodesOf('CONNECTED_SERVICES_ACCOUNT')];
const faultBody = Type.Object({
  kind: Type.Union(faultKinds.map((kind) => Type.Literal(kind))),
  code: Type.Optional(Type.Union(faultCodes.map((code) => Type.Literal(code)), { description: '`upstream`: an `UPSTREAM` code; `account`: a `CONNECTED_SERVICES_ACCOUNT` code.' })),
  delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 120_000 })),
  requestsPerMinute: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  for: Type.Optional(durationText),
});
const swapBody = Type.Object({ batteryVariant: Type.Integer({ minimum: 0 }), stateOfCharge: Type.Number({ minimum: 0, maximum: 1 }) });

const vehicle = '/admin/fleet/vehicles/:vehicle';
const budgetQuery = Type.Object({ vehicle: Type.Optional(Type.String({ minLength: 1, description: "Carport's vehicle id or the VIN." })) });

/** Every fleet route, in the order the admin module registers them. */
export const adminFleetOperations = [
  { id: 'listFleet', method: 'GET', url: '/admin/fleet', schema: { querystring: listQuery } },
  { id: 'listFleetAccounts', method: 'GET', url: '/admin/fleet/accounts', schema: {} },
  { id: 'showFleetVehicle', method: 'GET', url: vehicle, schema: { params: vehicleParams, querystring: selectorQuery } },
  { id: 'advanceFleetClock', method: 'POST', url: '/admin/fleet/advance', schema: { body: advanceBody } },
  // Plugging in needs no body: the charger defaults to AC at the vehicle's own rate.
  { id: 'plugVehicle', method: 'POST', url: `${vehicle}/plug`, schema: { params: vehicleParams, querystring: selectorQuery, body: Type.Optional(plugBody) } },
  { id: 'unplugVehicle', method: 'POST', url: `${vehicle}/unplug`, schema: { params: vehicleParams, querystring: selectorQuery } },
  { id: 'injectFault', method: 'POST', url: `${vehicle}/fault`, schema: { params: vehicleParams, querystring: selectorQuery, body: faultBody } },
  { id: 'clearFault', method: 'DELETE', url: `${vehicle}/fault`, schema: { params: vehicleParams, querystring: selectorQuery } },
  { id: 'swapBattery', method: 'POST', url: `${vehicle}/swap`, schema: { params: vehicleParams, querystring: selectorQuery, body: swapBody } },
  // Not the simulated fleet's: what is left today of manufacturers' per-vehicle budgets.
  { id: 'listUpstreamBudgets', method: 'GET', url: '/admin/upstream-budgets', schema: { querystring: budgetQuery } },
] as const satisfies readonly OperationDefinition[];

/** The fleet route with this id, typed by its schemas. */
export function adminFleetOperation<Id extends (typeof adminFleetOperations)[number]['id']>(id: Id): Extract<(typeof adminFleetOperations)[number], { readonly id: Id }> {
  return operationById(adminFleetOperations, id);
}
