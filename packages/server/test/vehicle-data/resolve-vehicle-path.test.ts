import { describe, expect, it } from 'vitest';
import { resolveVehiclePath } from '../../src/vehicle-data/resolve-vehicle-path.js';

function outcome(method: 'GET' | 'POST', path: string, make: string): string {
  const resolution = resolveVehiclePath(method, path, make);
  return resolution.ok ? resolution.endpoint.id : `${resolution.type}:${resolution.code ?? 'null'}`;
}

describe('resolveVehiclePath', () => {
  it.each([
    ['GET', '/odometer', 'TESLA', 'getOdometer'],
    ['GET', '/odometer/', 'FORD', 'getOdometer'],
    ['GET', '', 'FORD', 'getVehicleAttributes'],
    ['GET', '/battery/nominal_capacity', 'NISSAN', 'getNominalCapacity'],
    ['POST', '/charge', 'NIO', 'controlCharge'],
    ['GET', '/tesla/charge', 'TESLA', 'teslaGetChargeStatus'],
    ['GET', '/audi/charge', 'AUDI', 'audiGetChargeStatus'],
    ['GET', '/nio/charge', 'NIO', 'nioGetChargeStatus'],
    ['GET', '/chevrolet/charge/voltmeter', 'CHEVROLET', 'gmGetChargeVoltmeter'],
    ['GET', '/TESLA/charge', 'TESLA', 'PERMISSION:null'],
    ['GET', '/Tesla/compass', 'TESLA', 'PERMISSION:null'],
    ['GET', '/tesla/charge', 'AUDI', 'COMPATIBILITY:MAKE_NOT_COMPATIBLE'],
    ['GET', '/bmw/charge', 'BMW', 'RESOURCE_NOT_FOUND:PATH'],
    ['GET', '/tesla/no-such-thing', 'TESLA', 'RESOURCE_NOT_FOUND:PATH'],
    ['GET', '/no-such-thing', 'TESLA', 'RESOURCE_NOT_FOUND:PATH'],
    ['POST', '/odometer', 'TESLA', 'RESOURCE_NOT_FOUND:PATH'],
  ] as const)('%s %s on a %s vehicle → %s', (method, path, make, expected) => {
    expect(outcome(method, path, make)).toBe(expected);
  });
});
