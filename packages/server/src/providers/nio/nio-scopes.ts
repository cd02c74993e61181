/**
 * @module NIO's OAuth scopes: one per data package of the NIO Vehicle API. The catalog groups every
 * permission into a data package whose first five are NIO's own, so the scopes Carport asks NIO
 * for are the packages of the permissions the application asks for: the owner consents to the
 * same packages on Connect's screen and on NIO's.
 */
import { findPermission } from '../../catalog/permissions.js';

/** NIO's scopes, in the order NIO lists its data packages. */
export const nioScopes = ['vehicle_profile', 'location', 'vehicle_details', 'charging_status', 'control_charging'] as const;
export type NioScope = (typeof nioScopes)[number];

function isNioScope(value: string): value is NioScope {
  return (nioScopes as readonly string[]).includes(value);
}

/**
 * The NIO scopes for Carport permissions. The profile is always asked for: the vehicle list names
 * each car by its virtual vehicle ID, which that package holds.
 * @example nioScopesFor(['read_odometer', 'control_charge']) // ['vehicle_profile', 'vehicle_details', 'control_charging']
 */
export function nioScopesFor(permissions: readonly string[]): NioScope[] {
  const wanted = new Set<string>(['vehicle_profile']);
  for (const permission of permissions) {
    const dataPackage = findPermission(permission)?.dataPackage;
    if (dataPackage !== undefined) wanted.add(dataPackage);
  }
  return nioScopes.filter((scope) => wanted.has(scope) && isNioScope(scope));
}
