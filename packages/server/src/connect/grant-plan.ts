/** @module What each of an owner's vehicles can be granted for a requested scope, and whether it qualifies at all. */
import type { ProviderVehicle } from '../providers/vehicle-provider.js';
import type { RequestedScope } from './requested-scope.js';
import { grantablePermissions } from './vehicle-permissions.js';

/** One vehicle on the grant screen. */
export interface VehicleChoice {
  readonly vehicle: ProviderVehicle;
  /** Requested permissions this vehicle supports: what approving grants. */
  readonly grantable: readonly string[];
  /** `required:` permissions it lacks; a vehicle with any cannot be connected. */
  readonly missingRequired: readonly string[];
}

/** Plans the grant for each vehicle, in the provider's order. */
export function planGrant(scope: RequestedScope, vehicles: readonly ProviderVehicle[]): VehicleChoice[] {
  return vehicles.map((vehicle) => {
    const supported = grantablePermissions(vehicle.capabilities);
    return {
      vehicle,
      grantable: scope.permissions.filter((permission) => supported.has(permission)),
      missingRequired: scope.required.filter((permission) => !supported.has(permission)),
    };
  });
}

/**
 * The requested permissions at least one connectable vehicle supports: all the consent screen lists,
 * since a permission no chosen vehicle can give "would not show up" (the seed's words).
 */
export function offeredPermissions(scope: RequestedScope, choices: readonly VehicleChoice[]): readonly string[] {
  const offered = new Set(choices.filter(isCompatible).flatMap((choice) => choice.grantable));
  return scope.permissions.filter((permission) => offered.has(permission));
}

/** True when the vehicle can be connected under this scope. */
export function isCompatible(choice: VehicleChoice): boolean {
  return choice.missingRequired.length === 0 && choice.grantable.length > 0;
}
