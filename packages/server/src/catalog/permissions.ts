/** @module Permissions (`read_*`, `control_*`) and the data packages an owner consents to them in. */
import type { DataPackageDefinition, PermissionDefinition } from './types.js';

/**
 * The consent screen's packages, in the order it shows them. The first five are NIO's, with NIO's
 * titles; the rest group the remaining permissions the same way. Reading and controlling stay in
 * separate packages, as NIO keeps "Read Charging Status" apart from "Control Charging", so an owner
 * can share data without handing over commands.
 */
export const dataPackageCatalog = [
  { id: 'vehicle_profile', title: 'Read Vehicle Profile',
    description: "Your vehicle's make, model, year, VIN and configuration, such as its color and equipment." },
  { id: 'location', title: 'Read Location Data',
    description: 'Where your vehicle is and which direction it is facing.' },
  { id: 'vehicle_details', title: 'Read Vehicle Details',
    description: 'Whether your vehicle is locked, its mileage, speed and fuel level, and the temperatures and climate settings inside and outside it.' },
  { id: 'charging_status', title: 'Read Charging Status',
    description: "Your vehicle's battery level and capacity, whether it is plugged in or charging, its charge limit and schedule, and alerts when charging starts or stops." },
  { id: 'control_charging', title: 'Control Charging',
    description: 'Start and stop charging, and change charging settings such as the charge limit, schedules, charging current and the charge port door.' },
  { id: 'charging_history', title: 'Read Charging History',
    description: 'Your past charging sessions with their costs, and the places where you charge with the settings you use there.' },
  { id: 'diagnostics', title: 'Read Diagnostics & Maintenance',
    description: "Warning lights and fault codes, the health of your vehicle's systems, oil life, tire pressures and its dealer service history." },
  { id: 'account_profile', title: 'Read Account Profile',
    description: "The contact details in your vehicle maker's account, such as your email address and phone number." },
  { id: 'control_climate', title: 'Control Climate',
    description: 'Turn heating, cooling, the defroster and the steering wheel heater on or off and change their settings.' },
  { id: 'control_security', title: 'Control Security & Access',
    description: "Lock and unlock your vehicle, open its trunk or frunk, and set or clear its PIN to Drive." },
  { id: 'control_navigation', title: 'Control Navigation',
    description: "Send a destination to your vehicle's navigation system." },
] as const satisfies readonly DataPackageDefinition[];

/** Id of a data package, e.g. `charging_status`. */
export type DataPackageId = (typeof dataPackageCatalog)[number]['id'];

/** Every data package id, in consent-screen order. */
export const dataPackageIds: readonly DataPackageId[] = dataPackageCatalog.map((entry) => entry.id);

/** Narrows text (a request field, a stored value) to a data package id. */
export function isDataPackageId(value: unknown): value is DataPackageId {
  return dataPackageIds.some((id) => id === value);
}

/**
 * The data package a permission belongs to; undefined for an unknown name.
 * @example dataPackageOfPermission('read_odometer') // 'vehicle_details'
 */
export function dataPackageOfPermission(name: string): DataPackageId | undefined {
  return permissionCatalog.find((permission) => permission.name === name)?.dataPackage;
}

/** Every permission of the seeds' Permissions page, in its order; descriptions as the seeds give them. */
export const permissionCatalog = [
  { name: 'read_alerts', kind: 'read', dataPackage: 'diagnostics', description: 'Read alerts from the vehicle' },
  { name: 'read_battery', kind: 'read', dataPackage: 'charging_status', description: "Read an EV's high voltage battery data" },
  { name: 'read_charge', kind: 'read', dataPackage: 'charging_status', description: 'Read charging data' },
  { name: 'read_charge_locations', kind: 'read', dataPackage: 'charging_history',
    description: 'Access previous charging locations and their associated charging configurations' },
  { name: 'read_charge_records', kind: 'read', dataPackage: 'charging_history',
    description: 'Read charge records and associated billing information' },
  // Live charging notifications describe the current session, so they sit with the status, not the history.
  { name: 'read_charge_events', kind: 'read', dataPackage: 'charging_status',
    description: 'Receive notifications for events associate with charging' },
  { name: 'read_climate', kind: 'read', dataPackage: 'vehicle_details',
    description: "Read the status and settings of the vehicle's climate control system" },
  // The heading is only meaningful next to the position, and reveals as much about the owner's movements.
  { name: 'read_compass', kind: 'read', dataPackage: 'location', description: 'Read the compass direction the vehicle is facing' },
  { name: 'read_diagnostics', kind: 'read', dataPackage: 'diagnostics',
    description: "Read a vehicle's system status and/or Diagnostic Trouble Codes" },
  { name: 'read_engine_oil', kind: 'read', dataPackage: 'diagnostics', description: 'Read vehicle engine oil health' },
  { name: 'read_extended_vehicle_info', kind: 'read', dataPackage: 'vehicle_profile',
    description: 'Read vehicle configuration information from a vehicle' },
  { name: 'read_fuel', kind: 'read', dataPackage: 'vehicle_details', description: 'Read fuel tank level' },
  { name: 'read_location', kind: 'read', dataPackage: 'location', description: 'Access the vehicles location' },
  { name: 'read_odometer', kind: 'read', dataPackage: 'vehicle_details', description: 'Retrieve total distance traveled' },
  { name: 'read_security', kind: 'read', dataPackage: 'vehicle_details',
    description: 'Read the lock status of doors, windows, charging port, etc.' },
  { name: 'read_service_history', kind: 'read', dataPackage: 'diagnostics', description: "Read a vehicle's dealer service history" },
  // NIO lists "Vehicle Driving Status" under vehicle details.
  { name: 'read_speedometer', kind: 'read', dataPackage: 'vehicle_details', description: "Read a vehicle's speed" },
  { name: 'read_thermometer', kind: 'read', dataPackage: 'vehicle_details',
    description: 'Read temperatures from inside and outside the vehicle' },
  { name: 'read_tires', kind: 'read', dataPackage: 'diagnostics', description: "Read a vehicle's tire status" },
  { name: 'read_user_profile', kind: 'read', dataPackage: 'account_profile', accountLevel: true,
    description: "Read the information associated with a users connected services account profile such as their email and phone number." },
  { name: 'read_vehicle_info', kind: 'read', dataPackage: 'vehicle_profile', description: 'Know make, model, and year' },
  { name: 'read_vin', kind: 'read', dataPackage: 'vehicle_profile', description: 'Read VIN' },
  { name: 'control_charge', kind: 'control', dataPackage: 'control_charging', description: "Control a vehicle's charge state" },
  { name: 'control_climate', kind: 'control', dataPackage: 'control_climate',
    description: "Set the status and settings of the vehicle's climate control system" },
  { name: 'control_navigation', kind: 'control', dataPackage: 'control_navigation',
    description: "Send commands to the vehicle's navigation system" },
  { name: 'control_security', kind: 'control', dataPackage: 'control_security', description: 'Lock or unlock the vehicle' },
  { name: 'control_pin', kind: 'control', dataPackage: 'control_security',
    description: 'Modify a PIN and enable the PIN to Drive feature for the vehicle.' },
  { name: 'control_trunk', kind: 'control', dataPackage: 'control_security', description: "Open a vehicle's trunk or frunk" },
] as const satisfies readonly (PermissionDefinition & { readonly dataPackage: DataPackageId })[];

/** A permission name of the catalog, e.g. `read_odometer`. */
export type PermissionName = (typeof permissionCatalog)[number]['name'];

const permissionsByName: ReadonlyMap<string, PermissionDefinition> = new Map(
  permissionCatalog.map((permission): [string, PermissionDefinition] => [permission.name, permission]),
);

/**
 * Narrows a string (a scope entry, a stored grant) to a known permission name. A `required:` prefix
 * is not stripped: callers parse the Connect scope syntax first.
 * @example isPermissionName('read_vin') // true
 */
export function isPermissionName(value: string): value is PermissionName {
  return permissionsByName.has(value);
}

/**
 * The definition of a permission, or undefined for an unknown name.
 * @example findPermission('control_charge')?.dataPackage // 'control_charging'
 */
export function findPermission(name: string): PermissionDefinition | undefined {
  return permissionsByName.get(name);
}

/** One package of the consent screen with the requested permissions it holds. */
export interface DataPackageGroup {
  readonly dataPackage: DataPackageDefinition;
  readonly permissions: readonly PermissionDefinition[];
}

/**
 * Groups permissions into their data packages for the consent screen: packages in catalog order, each
 * with its requested permissions in catalog order, packages with none left out. Unknown names and
 * duplicates are ignored, since the scope is validated before the screen is drawn.
 * @example groupByDataPackage(['read_vin', 'read_charge']).map((g) => g.dataPackage.id)
 * // ['vehicle_profile', 'charging_status']
 */
export function groupByDataPackage(permissionNames: Iterable<string>): DataPackageGroup[] {
  const requested = new Set(permissionNames);
  return dataPackageCatalog
    .map((dataPackage) => ({
      dataPackage,
      permissions: permissionCatalog.filter(
        (permission) => permission.dataPackage === dataPackage.id && requested.has(permission.name),
      ),
    }))
    .filter((group) => group.permissions.length > 0);
}
