/** @module The simulated fleet's settings: defaults, parsing, and what an invalid value is told. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';

const key = 'k'.repeat(40);

describe('simulator settings', () => {
  it('default to a real-time fleet of three vehicles per make, with the admin API off', () => {
    expect(loadConfig({ env: { CARPORT_SECRET_KEY: key } })).toMatchObject({
      simulatorSeed: 'carport', simulatorSpeed: 1, simulatorFleetSize: 132, simulatorLatencyMs: 50, adminToken: undefined,
    });
  });

  it('read the environment and flags', () => {
    const config = loadConfig({
      env: { CARPORT_SECRET_KEY: key, CARPORT_SIM_SEED: 'demo', CARPORT_SIM_SPEED: '60', CARPORT_ADMIN_TOKEN: 'a'.repeat(16) },
      flags: { 'sim-fleet-size': '1000', 'sim-latency-ms': '0', 'sim-speed': '0.5' },
    });
    expect(config).toMatchObject({ simulatorSeed: 'demo', simulatorSpeed: 0.5, simulatorFleetSize: 1000, simulatorLatencyMs: 0, adminToken: 'a'.repeat(16) });
  });

  it('refuse invalid values, saying what they accept', () => {
    let caught: unknown;
    try {
      loadConfig({ env: { CARPORT_SECRET_KEY: key, CARPORT_SIM_SPEED: 'fast', CARPORT_SIM_FLEET_SIZE: '100001', CARPORT_ADMIN_TOKEN: 'short' } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual([
      'CARPORT_SIM_SPEED="fast" is invalid: expected a number from 0.001 to 100000.',
      'CARPORT_SIM_FLEET_SIZE="100001" is invalid: expected an integer from 0 to 100000.',
      'CARPORT_ADMIN_TOKEN="short" is invalid: expected a random string of at least 16 characters (unset: the admin API is off).',
    ]);
  });
});
