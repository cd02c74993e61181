/**
 * @module What an application's lifecycle state lets it do: the one place Connect and the Vehicle
 * API ask. Pure; the callers word the refusal in their own protocol.
 */
import { lifecycleStateDefinition, type LifecycleState } from '../catalog/application-lifecycle.js';
import { dataPackageOfPermission, type DataPackageId } from '../catalog/permissions.js';
import type { VehicleMode } from '../catalog/vehicle-modes.js';

/** What Connect needs to know about the application. */
export interface LifecycleStanding {
  readonly lifecycleState: LifecycleState;
  readonly lifecycleReason: string | null;
  readonly approvedDataPackages: readonly DataPackageId[];
}

const because = (reason: string | null): string => (reason === null ? '' : ` Reason: ${reason}`);

/**
 * Why Connect refuses to start in `mode` for `permissions`, or null when it may start. Before
 * release only test and simulated vehicles connect; once released, live Connect asks only for
 * permissions of the approved data packages.
 * @example connectRefusal({ lifecycleState: 'in_review', lifecycleReason: null, approvedDataPackages: [] }, 'live', ['read_vin'])
 * // 'The application is in state in_review: until it is released, Connect works in test and simulated mode only.'
 */
export function connectRefusal(standing: LifecycleStanding, mode: VehicleMode, permissions: readonly string[]): string | null {
  const { connect } = lifecycleStateDefinition(standing.lifecycleState);
  if (connect === 'none') return `The application is ${standing.lifecycleState} and cannot connect vehicles in any mode.${because(standing.lifecycleReason)}`;
  if (mode !== 'live') return null;
  if (connect === 'test-modes') return `The application is in state ${standing.lifecycleState}: until it is released, Connect works in test and simulated mode only.`;
  const outside = permissions.filter((permission) => {
    const dataPackage = dataPackageOfPermission(permission);
    return dataPackage === undefined || !standing.approvedDataPackages.includes(dataPackage);
  });
  if (outside.length === 0) return null;
  return `The scope asks for ${outside.join(', ')}, outside the application's approved data packages (${standing.approvedDataPackages.join(', ') || 'none'}).`;
}

/**
 * Why the Vehicle API refuses every request of an application in `state`, or null when it answers.
 * @example vehicleApiRefusal('suspended', 'unpaid invoices') // 'The application is suspended: its access to the Vehicle API is disabled. Reason: unpaid invoices'
 */
export function vehicleApiRefusal(state: LifecycleState, reason: string | null): string | null {
  if (lifecycleStateDefinition(state).vehicleApi) return null;
  return `The application is ${state}: its access to the Vehicle API is disabled.${because(reason)}`;
}
