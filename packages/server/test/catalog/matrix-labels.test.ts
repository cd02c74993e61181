/** @module The matrix labels: the seeds' seven verbatim, one distinct label per permission, ordered as the seeds order them. */
import { describe, expect, it } from 'vitest';
import { matrixLabels, matrixOrder } from '../../src/catalog/matrix-labels.js';
import { permissionCatalog } from '../../src/catalog/permissions.js';

describe('matrix labels', () => {
  it('take the seeds’ example labels verbatim for their permissions', () => {
    expect({
      read_battery: matrixLabels.read_battery,
      read_charge: matrixLabels.read_charge,
      control_charge: matrixLabels.control_charge,
      read_location: matrixLabels.read_location,
      control_security: matrixLabels.control_security,
      read_odometer: matrixLabels.read_odometer,
      read_tires: matrixLabels.read_tires,
    }).toEqual({
      read_battery: 'EV battery',
      read_charge: 'EV charging status',
      control_charge: 'EV start & stop charge',
      read_location: 'Location',
      control_security: 'Lock & unlock',
      read_odometer: 'Odometer',
      read_tires: 'Tire pressure',
    });
  });

  it('give every permission its own label', () => {
    const labels = permissionCatalog.map((permission) => matrixLabels[permission.name]);
    expect(new Set(labels).size).toBe(permissionCatalog.length);
  });

  it('order permissions as the seeds’ example does', () => {
    expect(matrixOrder(['read_tires', 'read_odometer', 'control_security', 'read_location', 'control_charge', 'read_charge', 'read_battery', 'read_odometer'])).toEqual(
      ['read_battery', 'read_charge', 'control_charge', 'read_location', 'control_security', 'read_odometer', 'read_tires'],
    );
  });
});
