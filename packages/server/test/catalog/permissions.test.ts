import { describe, it, expect } from 'vitest';
import {
  dataPackageCatalog,
  findPermission,
  groupByDataPackage,
  isPermissionName,
  permissionCatalog,
} from '../../src/catalog/permissions.js';
import { renderPermissionReference } from '../../src/docs/render-permission-reference.js';

/** The seeds' Permissions page (api-reference/permissions): [name, kind, description]. */
const seedPermissions: readonly (readonly [string, 'read' | 'control', string])[] = [
  ['read_alerts', 'read', 'Read alerts from the vehicle'],
  ['read_battery', 'read', "Read an EV's high voltage battery data"],
  ['read_charge', 'read', 'Read charging data'],
  ['read_charge_locations', 'read', 'Access previous charging locations and their associated charging configurations'],
  ['read_charge_records', 'read', 'Read charge records and associated billing information'],
  ['read_charge_events', 'read', 'Receive notifications for events associate with charging'],
  ['read_climate', 'read', "Read the status and settings of the vehicle's climate control system"],
  ['read_compass', 'read', 'Read the compass direction the vehicle is facing'],
  ['read_diagnostics', 'read', "Read a vehicle's system status and/or Diagnostic Trouble Codes"],
  ['read_engine_oil', 'read', 'Read vehicle engine oil health'],
  ['read_extended_vehicle_info', 'read', 'Read vehicle configuration information from a vehicle'],
  ['read_fuel', 'read', 'Read fuel tank level'],
  ['read_location', 'read', 'Access the vehicles location'],
  ['read_odometer', 'read', 'Retrieve total distance traveled'],
  ['read_security', 'read', 'Read the lock status of doors, windows, charging port, etc.'],
  ['read_service_history', 'read', "Read a vehicle's dealer service history"],
  ['read_speedometer', 'read', "Read a vehicle's speed"],
  ['read_thermometer', 'read', 'Read temperatures from inside and outside the vehicle'],
  ['read_tires', 'read', "Read a vehicle's tire status"],
  [
    'read_user_profile',
    'read',
    "Read the information associated with a users connected services account profile such as their email and phone number.",
  ],
  ['read_vehicle_info', 'read', 'Know make, model, and year'],
  ['read_vin', 'read', 'Read VIN'],
  ['control_charge', 'control', "Control a vehicle's charge state"],
  ['control_climate', 'control', "Set the status and settings of the vehicle's climate control system"],
  ['control_navigation', 'control', "Send commands to the vehicle's navigation system"],
  ['control_security', 'control', 'Lock or unlock the vehicle'],
  ['control_pin', 'control', 'Modify a PIN and enable the PIN to Drive feature for the vehicle.'],
  ['control_trunk', 'control', "Open a vehicle's trunk or frunk"],
];

/** NIO's packages (seed 000) and the ids Carport gives them. */
const nioPackages: readonly (readonly [string, string])[] = [
  ['vehicle_profile', 'Read Vehicle Profile'],
  ['location', 'Read Location Data'],
  ['vehicle_details', 'Read Vehicle Details'],
  ['charging_status', 'Read Charging Status'],
  ['control_charging', 'Control Charging'],
];

describe('permission catalog', () => {
  it.each(seedPermissions)('has %s (%s) with the seeds\' description', (name, kind, description) => {
    expect(isPermissionName(name)).toBe(true);
    expect(findPermission(name)).toMatchObject({ name, kind, description });
  });

  it('has no permission the seeds do not define', () => {
    expect(permissionCatalog.map((permission) => permission.name)).toEqual(seedPermissions.map(([name]) => name));
  });

  it('names kinds after the prefix', () => {
    for (const permission of permissionCatalog) {
      expect(permission.name.startsWith(`${permission.kind}_`), permission.name).toBe(true);
    }
  });

  it('rejects unknown and prefixed names', () => {
    expect(isPermissionName('read_everything')).toBe(false);
    expect(isPermissionName('required:read_vin')).toBe(false);
    expect(findPermission('read_everything')).toBeUndefined();
  });
});

describe('data packages', () => {
  const packageIds = dataPackageCatalog.map((dataPackage) => dataPackage.id);

  it.each(nioPackages)('includes NIO\'s %s titled "%s"', (id, title) => {
    expect(dataPackageCatalog.find((dataPackage) => dataPackage.id === id)?.title).toBe(title);
  });

  it('has unique ids and a description for every package', () => {
    expect(new Set(packageIds).size).toBe(packageIds.length);
    for (const dataPackage of dataPackageCatalog) {
      expect(dataPackage.description.trim(), dataPackage.id).not.toBe('');
    }
  });

  it('puts every permission in exactly one existing package, and leaves no package empty', () => {
    for (const permission of permissionCatalog) {
      expect(packageIds.filter((id) => id === permission.dataPackage), permission.name).toHaveLength(1);
    }
    for (const id of packageIds) {
      expect(permissionCatalog.some((permission) => permission.dataPackage === id), id).toBe(true);
    }
  });

  it('keeps reading and controlling in separate packages', () => {
    for (const id of packageIds) {
      const kinds = new Set(permissionCatalog.filter((p) => p.dataPackage === id).map((p) => p.kind));
      expect(kinds.size, id).toBe(1);
    }
  });

  it('groups requested permissions in package order, ignoring unknown names and duplicates', () => {
    const groups = groupByDataPackage(['control_charge', 'read_vin', 'read_charge', 'read_vin', 'nonsense', 'read_battery']);
    expect(groups.map((group) => group.dataPackage.id)).toEqual(['vehicle_profile', 'charging_status', 'control_charging']);
    expect(groups[1]?.permissions.map((permission) => permission.name)).toEqual(['read_battery', 'read_charge']);
    expect(groupByDataPackage([])).toEqual([]);
  });
});

describe('permission reference', () => {
  it('lists every package and permission, deterministically, ending with a newline', () => {
    const markdown = renderPermissionReference();
    for (const dataPackage of dataPackageCatalog) expect(markdown).toContain(dataPackage.title);
    for (const permission of permissionCatalog) expect(markdown).toContain(`\`${permission.name}\``);
    expect(markdown).toContain('`MERCEDES_BENZ`');
    expect(renderPermissionReference()).toBe(markdown);
    expect(markdown.endsWith('\n')).toBe(true);
  });
});
