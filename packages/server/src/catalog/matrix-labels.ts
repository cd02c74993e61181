/**
 * @module The labels the Compatibility API's matrix lists under `endpoints`, one per permission.
 *
 * The seeds' example pairs each label with exactly one permission, in the same position
 * ("EV battery" with `read_battery`, "EV start & stop charge" with `control_charge`, "Lock & unlock"
 * with `control_security`...), so a label names what its permission reaches on a model: every
 * endpoint that permission authorises, generic or make-specific. The seven labels of the example are
 * taken verbatim; the others are Carport's, written the same way (sentence case, "EV" for
 * charging features).
 */
import type { PermissionName } from './permissions.js';

/** The matrix label of every permission; the type makes a permission without a label fail to compile. */
export const matrixLabels: Readonly<Record<PermissionName, string>> = {
  read_alerts: 'Alerts',
  read_battery: 'EV battery',
  read_charge: 'EV charging status',
  read_charge_locations: 'EV charging locations',
  read_charge_records: 'EV charge records',
  read_charge_events: 'EV charging events',
  read_climate: 'Climate',
  read_compass: 'Compass',
  read_diagnostics: 'Diagnostics',
  read_engine_oil: 'Engine oil life',
  read_extended_vehicle_info: 'Extended vehicle info',
  read_fuel: 'Fuel tank',
  read_location: 'Location',
  read_odometer: 'Odometer',
  read_security: 'Lock status',
  read_service_history: 'Service history',
  read_speedometer: 'Speedometer',
  read_thermometer: 'Temperatures',
  read_tires: 'Tire pressure',
  read_user_profile: 'User profile',
  read_vehicle_info: 'Vehicle attributes',
  read_vin: 'VIN',
  control_charge: 'EV start & stop charge',
  control_climate: 'Climate control',
  control_navigation: 'Send destination',
  control_security: 'Lock & unlock',
  control_pin: 'PIN to Drive',
  control_trunk: 'Trunk & frunk',
};

/** Case-insensitive alphabetical order, the order in which the seeds' example lists its labels. */
function byLabel(left: PermissionName, right: PermissionName): number {
  const a = matrixLabels[left].toLowerCase();
  const b = matrixLabels[right].toLowerCase();
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Permissions in the matrix's order: by label, so `endpoints` and `permissions` run in parallel as
 * in the seeds' example (`read_battery`, `read_charge`, `control_charge`, `read_location`...).
 * @example matrixOrder(['read_odometer', 'control_charge', 'read_battery']) // ['read_battery', 'control_charge', 'read_odometer']
 */
export function matrixOrder(permissions: Iterable<PermissionName>): PermissionName[] {
  return [...new Set(permissions)].sort(byLabel);
}
