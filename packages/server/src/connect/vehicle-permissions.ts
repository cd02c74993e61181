/** @module Which permissions a vehicle can honour, derived from its declared capabilities (never a hand-kept list). */
import { endpointCatalog } from '../catalog/endpoints/index.js';
import { permissionCatalog } from '../catalog/permissions.js';

/**
 * Permissions that guard no endpoint but an event stream; a vehicle supports them when it supports the
 * permission whose data the events describe (charging events need charge data).
 */
const eventPermissions: Readonly<Record<string, string>> = { read_charge_events: 'read_charge' };

/** Permissions about the owner's account, not the vehicle: any vehicle can grant them. */
const accountPermissions: readonly string[] = permissionCatalog.flatMap((permission) => ('accountLevel' in permission ? [permission.name] : []));

/** The permissions a vehicle with these capabilities (endpoint ids) supports. */
export function supportedPermissions(capabilities: ReadonlySet<string>): Set<string> {
  const supported = new Set<string>();
  for (const endpoint of endpointCatalog) {
    if (endpoint.permission !== null && capabilities.has(endpoint.id)) supported.add(endpoint.permission);
  }
  for (const [permission, source] of Object.entries(eventPermissions)) if (supported.has(source)) supported.add(permission);
  return supported;
}

/**
 * What connecting a vehicle with these capabilities can grant: what it supports, plus the account
 * permissions. A vehicle that supports nothing (an incompatible one) cannot be connected at all, so
 * it grants no account permission either.
 */
export function grantablePermissions(capabilities: ReadonlySet<string>): Set<string> {
  const grantable = supportedPermissions(capabilities);
  if (capabilities.size > 0) for (const permission of accountPermissions) grantable.add(permission);
  return grantable;
}
