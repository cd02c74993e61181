/** @module `carport fleet`: the operator's view of the simulated fleet, on the database a server would share. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FleetOperator, createLogger, createServices, createSimulatedProvider, loadConfig } from '@carport/server';
import { databaseLine, runBuiltCli, runCli } from './run-cli.js';

const secretKey = 'cli-test-secret-key-0123456789abcdefghij';

/** A data directory holding a migrated database, as a server's first start leaves it (read-only commands need one). */
async function freshEnv(): Promise<Record<string, string>> {
  const env = { CARPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'carport-fleet-')), CARPORT_SECRET_KEY: secretKey, CARPORT_SIM_FLEET_SIZE: '44' };
  await (await createServices(loadConfig({ env }), { logger: createLogger('silent') })).close();
  return env;
}

async function json<T>(args: readonly string[], env: Record<string, string>): Promise<T> {
  const result = await runCli(args, env);
  expect(result.stderr).toBe(databaseLine(env));
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}

interface Listing {
  clock: { simulatedNow: string; accelerationFactor: number };
  total: number;
  vehicles: { key: string; vin: string; powertrain: string; status: string; owner: string }[];
}

describe('carport fleet', () => {
  it('lists the fleet and its demo owners, shows a vehicle and advances simulated time', async () => {
    const env = await freshEnv();
    const listing = await json<Listing>(['fleet', 'list', '--limit', '5', '--json'], env);
    expect(listing.total).toBe(44);
    expect(listing.vehicles).toHaveLength(5);
    expect(listing.vehicles[0]).toMatchObject({ owner: 'acura.owner1@demo.carport.example' });
    const accounts = await json<{ email: string; make: string; vins: string[] }[]>(['fleet', 'accounts', '--json'], env);
    expect(accounts).toHaveLength(44);
    expect(accounts[0]).toEqual({ email: 'acura.owner1@demo.carport.example', make: 'ACURA', vins: [listing.vehicles[0]?.vin] });
    const shown = await json<{ vin: string; capabilities: string[] }>(['fleet', 'show', listing.vehicles[0]?.vin ?? '', '--json'], env);
    expect(shown.vin).toBe(listing.vehicles[0]?.vin);
    expect(shown.capabilities).toContain('getOdometer');
    const before = Date.parse(listing.clock.simulatedNow);
    const advanced = await json<{ simulatedNow: string }>(['fleet', 'advance', '2h', '--json'], env);
    const moved = Date.parse(advanced.simulatedNow) - before;
    expect(moved).toBeGreaterThanOrEqual(2 * 3_600_000);
    expect(moved).toBeLessThan(2 * 3_600_000 + 60_000);
    const text = await runCli(['fleet', 'list', '--make', 'tesla'], env);
    expect(text.stdout).toMatch(/^simulated time .* \(x1\); 1 of 1 vehicles\nkey +model +status/);
  });

  it('plugs, unplugs and injects faults, which a server process on the same database then sees', async () => {
    const env = await freshEnv();
    const listing = await json<Listing>(['fleet', 'list', '--limit', '44', '--json'], env);
    const bev = listing.vehicles.find((vehicle) => vehicle.powertrain === 'BEV' && vehicle.status !== 'DRIVING' && vehicle.status !== 'CHARGING');
    if (bev === undefined) throw new Error('no parked BEV');
    const shown = await json<{ charge: { isPluggedIn: boolean } }>(['fleet', 'show', bev.vin, '--json'], env);
    if (shown.charge.isPluggedIn) await json(['fleet', 'unplug', bev.vin, '--json'], env);
    const plugged = await json<{ charge: { isPluggedIn: boolean } }>(['fleet', 'plug', bev.vin, '--dc', '--power-kw', '120', '--json'], env);
    expect(plugged.charge.isPluggedIn).toBe(true);
    const faulted = await json<{ fault: string; faultDetails: { until: number } }>(['fleet', 'fault', bev.vin, 'unreachable', '--for', '10m', '--json'], env);
    expect(faulted.fault).toBe('unreachable');

    // A server process opening the same database sees the CLI's interventions.
    const config = loadConfig({ env });
    const services = await createServices(config, { logger: createLogger('silent') });
    const provider = createSimulatedProvider({ config, interventions: services.repositories.simulatorInterventions, now: () => new Date(), logger: createLogger('silent') });
    try {
      const seen = await new FleetOperator(provider).show({ vehicle: bev.key });
      expect(seen).toMatchObject({ fault: 'unreachable', charge: { isPluggedIn: true } });
      const [outcome] = await provider.read({ make: bev.key.split('/')[1] ?? '', mode: 'live', providerVehicleId: bev.vin }, [{ endpointId: 'getOdometer' }]);
      expect(outcome).toMatchObject({ ok: false, error: { type: 'VEHICLE_STATE', code: 'UNREACHABLE' } });
    } finally {
      await provider.stop();
      await services.close();
    }

    const cleared = await json<{ fault: string | null; charge: { isPluggedIn: boolean } }>(['fleet', 'fault', bev.vin, 'clear', '--json'], env);
    expect(cleared.fault).toBeNull();
    const unplugged = await json<{ charge: { isPluggedIn: boolean } }>(['fleet', 'unplug', bev.vin, '--json'], env);
    expect(unplugged.charge.isPluggedIn).toBe(false);
  });

  it('explains what it refuses', async () => {
    const env = await freshEnv();
    const unknown = await runCli(['fleet', 'show', 'NOT-A-VIN'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(databaseLine(env) + 'carport: NOT-A-VIN is neither a Vehicle API id, a vehicle key nor a VIN\n');
    const kind = await runCli(['fleet', 'fault', '5YJ3E1EA7KF317000', 'gremlins'], env);
    expect(kind.code).toBe(1);
    expect(kind.stderr).toContain(
      'fault kind must be one of unreachable, asleep, upstream, slow, rate_limit, account, remote_access_disabled, offline_for_service, '
      + 'legacy_integration, door_open, hood_open, trunk_open, ignition_on, charger_fault or clear',
    );
    const codeless = await runCli(['fleet', 'fault', '5YJ3E1EA7KF317000', 'account', '--mode', 'simulated'], env);
    expect(codeless.code).toBe(1);
    expect(codeless.stderr).toContain('an account fault takes one of ACCOUNT_ISSUE, AUTHENTICATION_FAILED');
  });

  it('advances simulated time by at most 366 days at once', async () => {
    const env = await freshEnv();
    const tooFar = await runCli(['fleet', 'advance', '367d'], env);
    expect(tooFar.code).toBe(1);
    expect(tooFar.stderr).toBe(databaseLine(env) + 'carport: 367d is not a duration: write a number followed by one of the units ms, s, m, h, d, w (e.g. 90s, 15m, 2h, 3d, 1w), at most 366d\n');
  });

  it('lists vehicles connected in test and simulated mode, and says how to see the next page', async () => {
    const env = await freshEnv();
    // What Connect stores when owners connect a test-mode and a simulated Tesla.
    const services = await createServices(loadConfig({ env }), { logger: createLogger('silent') });
    try {
      await services.repositories.vehicles.create({ make: 'TESLA', mode: 'test', providerVehicleId: '5YJ3E1EA7KF317000.compatible', vin: '5YJ3E1EA7KF317000' });
      await services.repositories.vehicles.create({ make: 'TESLA', mode: 'simulated', providerVehicleId: '5YJ3E1EA7KF317000', vin: '5YJ3E1EA7KF317000' });
    } finally {
      await services.close();
    }
    const built = async <T>(args: readonly string[]): Promise<T> => {
      const result = await runBuiltCli(args, env);
      expect(result.stderr).toBe(databaseLine(env));
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout) as T;
    };
    const test = await built<Listing>(['fleet', 'list', '--mode', 'test', '--json']);
    expect({ total: test.total, keys: test.vehicles.map(({ key }) => key) }).toEqual({ total: 1, keys: ['test/TESLA/5YJ3E1EA7KF317000.compatible'] });
    const all = await built<Listing>(['fleet', 'list', '--offset', '44', '--json']);
    expect({ total: all.total, keys: all.vehicles.map(({ key }) => key) }).toEqual({ total: 46, keys: ['test/TESLA/5YJ3E1EA7KF317000.compatible', 'simulated/TESLA/5YJ3E1EA7KF317000'] });

    const page = await runBuiltCli(['fleet', 'list', '--mode', 'live', '--limit', '3'], env);
    expect(page.code).toBe(0);
    expect(page.stdout).toMatch(/^simulated time \S+ \(x1\); 3 of 44 vehicles\nkey +model[^\n]*\n(live\/[^\n]*\n){3}more: carport fleet list --mode live --offset 3 --limit 3\n$/);
    const last = await runBuiltCli(['fleet', 'list', '--offset', '44'], env);
    expect(last.stdout).not.toContain('more:');
  }, 300_000);

  it('takes durations with their unit only, saying which forms it accepts', async () => {
    const env = await freshEnv();
    const accepted = 'write a number followed by one of the units ms, s, m, h, d, w (e.g. 90s, 15m, 2h, 3d, 1w), at most 366d';
    expect(await runBuiltCli(['fleet', 'advance', '10'], env)).toEqual({ code: 1, stdout: '', stderr: `${databaseLine(env)}carport: 10 is not a duration: ${accepted}\n` });
    expect(await runBuiltCli(['fleet', 'fault', '5YJ3E1EA7KF317000', 'unreachable', '--mode', 'simulated', '--for', '15'], env)).toEqual({
      code: 1,
      stdout: '',
      stderr: `${databaseLine(env)}carport: 15 is not a duration: ${accepted}\n`,
    });
    const advanced = await runBuiltCli(['fleet', 'advance', '90s', '--json'], env);
    expect(advanced.code).toBe(0);
    expect(JSON.parse(advanced.stdout)).toMatchObject({ accelerationFactor: 1 });
    expect((await runBuiltCli(['fleet', 'advance', 'fortnight'], env)).stderr).toBe(`${databaseLine(env)}carport: fortnight is not a duration: ${accepted}\n`);
  }, 300_000);

  it("puts a vehicle's connected-services account in a state the manufacturer refuses", async () => {
    const env = await freshEnv();
    const faulted = await json<{ fault: string; faultDetails: { kind: string; code: string } }>(
      ['fleet', 'fault', '5YJ3E1EA7KF317000', 'account', '--code', 'subscription', '--mode', 'simulated', '--json'], env,
    );
    expect(faulted).toMatchObject({ fault: 'account', faultDetails: { kind: 'account', code: 'SUBSCRIPTION' } });
  });
});
