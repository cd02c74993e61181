/** @module The one command path: checks the vehicle can take the command, converts units, and asks its provider. */
import { findMake } from '../catalog/makes.js';
import { quantityUnits, unitFieldsByEndpoint, type UnitSystem } from '../catalog/units.js';
import type { CatalogEndpoint } from '../catalog/endpoints/index.js';
import { OutOfRangeError, VehicleError, incapableError, isVehicleError } from '../providers/vehicle-provider.js';
import type { ConnectionRecord } from '../store/index.js';
import { bodyInUnitSystem, bodyToMetric, valueInUnitSystem } from './convert-units.js';
import { vehicleOfConnection } from './vehicle-of-connection.js';
import type { VehicleDataServices } from './vehicle-data-services.js';

export interface CommandInput {
  readonly body: unknown;
  readonly query: Readonly<Record<string, unknown>>;
  readonly unitSystem: UnitSystem;
  /** For make-specific endpoints: the make the URL names (lower case). */
  readonly routeMake: string | undefined;
}

/**
 * What one command came to: the success body in the requested units, the vehicle's (or its
 * provider's) refusal as the catalog pair it names, or a value outside what the vehicle accepts,
 * with the limits in the client's units.
 */
export type CommandOutcome =
  | { readonly kind: 'executed'; readonly body: unknown }
  | { readonly kind: 'refused'; readonly refusal: VehicleError }
  | { readonly kind: 'out-of-range'; readonly refusal: OutOfRangeError };

/**
 * Sends one command to a connected vehicle. Rejects with a `StoreInconsistencyError` when the
 * grant's vehicle is gone from the store, and with whatever else the provider throws.
 */
export async function executeVehicleCommand(context: Pick<VehicleDataServices, 'repositories' | 'providers'>, connection: ConnectionRecord, endpoint: CatalogEndpoint, input: CommandInput): Promise<CommandOutcome> {
  try {
    return { kind: 'executed', body: await sendCommand(context, connection, endpoint, input) };
  } catch (error) {
    if (isVehicleError(error)) return { kind: 'refused', refusal: error };
    if (error instanceof OutOfRangeError) return { kind: 'out-of-range', refusal: error };
    throw error;
  }
}

/** The success body; throws the provider's refusals (`VehicleError`, `OutOfRangeError` in the client's units). */
async function sendCommand(context: Pick<VehicleDataServices, 'repositories' | 'providers'>, connection: ConnectionRecord, endpoint: CatalogEndpoint, input: CommandInput): Promise<unknown> {
  const vehicle = await vehicleOfConnection(context.repositories, connection);
  if (input.routeMake !== undefined && findMake(vehicle.make)?.pathSegment !== input.routeMake) throw new VehicleError('COMPATIBILITY', 'MAKE_NOT_COMPATIBLE');
  const ref = { make: vehicle.make, mode: vehicle.mode, providerVehicleId: vehicle.providerVehicleId };
  const provider = context.providers.forVehicle(vehicle);
  const providerVehicle = provider === undefined ? null : await provider.getVehicle(ref);
  if (provider === undefined || providerVehicle === null) throw new VehicleError('CONNECTED_SERVICES_ACCOUNT', 'VEHICLE_MISSING');
  const endpointId = endpoint.id;
  if (!providerVehicle.capabilities.has(endpointId)) throw incapableError(providerVehicle, endpointId);
  const units = unitFieldsByEndpoint[endpointId];
  const result = await provider.execute(ref, { endpointId, body: bodyToMetric(input.body, units?.body, input.unitSystem), query: input.query }).catch((error: unknown) => {
    // The vehicle's limits are metric; the client sent (and reads) its own units.
    const quantity = error instanceof OutOfRangeError ? units?.body?.[error.field] : undefined;
    if (!(error instanceof OutOfRangeError) || quantity === undefined) throw error;
    throw new OutOfRangeError(error.field, {
      minimum: valueInUnitSystem(error.minimum, quantity, input.unitSystem),
      maximum: valueInUnitSystem(error.maximum, quantity, input.unitSystem),
      unit: quantityUnits[quantity][input.unitSystem],
    });
  });
  return bodyInUnitSystem(result, units?.response, input.unitSystem);
}
