/** The Tesla scopes Carport asks for follow the application's permissions. */
import { describe, expect, it } from 'vitest';
import { teslaScopesFor } from '../../src/providers/tesla/index.js';

describe('Tesla scopes for Carport permissions', () => {
  it('asks for vehicle data, sign-in and refresh tokens always, and location or commands only when a permission needs them', () => {
    expect(teslaScopesFor(['read_odometer', 'read_battery'])).toEqual(['openid', 'offline_access', 'vehicle_device_data']);
    expect(teslaScopesFor(['read_location'])).toEqual(['openid', 'offline_access', 'vehicle_device_data', 'vehicle_location']);
    expect(teslaScopesFor(['control_charge'])).toEqual(['openid', 'offline_access', 'vehicle_device_data', 'vehicle_charging_cmds']);
    expect(teslaScopesFor(['control_security', 'read_vin'])).toEqual(['openid', 'offline_access', 'vehicle_device_data', 'vehicle_cmds']);
  });
});
