/**
 * @module The built `carport fleet` on vehicles an owner connected through Connect in test and
 * simulated mode: addressed by the Vehicle API id, the VIN or the key, each command a new process on
 * the server's SQLite database, and a restarted server sees what they did.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectThroughConnect } from './connect-over-http.js';
import { databaseLine, runBuiltCli } from './run-cli.js';
import { freePort, serveCarport, type ServedCarport } from './served-carport.js';

const redirectUri = 'https://app.example/callback';

interface Details {
  key: string;
  vin: string;
  status: string;
  fault: string | null;
  charge: { isPluggedIn: boolean } | null;
}

/** One vehicle as the application and the operator name it. */
interface Named {
  readonly apiId: string;
  readonly vin: string;
  readonly key: string;
  readonly accessToken: string;
}

describe('carport fleet on vehicles connected through Connect', () => {
  it('plugs, unplugs, faults, advances and shows them by Vehicle API id, VIN and key, across restarts', async () => {
    const env = { CARPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'carport-fleet-connected-')), CARPORT_SECRET_KEY: 'cli-fleet-connected-secret-0123456789abcdef', CARPORT_DEMO_APP: 'false' };
    const cli = async <T>(args: readonly string[]): Promise<T> => {
      const result = await runBuiltCli(args, env);
      expect(result.stderr).toBe(databaseLine(env));
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout) as T;
    };
    const app = await cli<{ clientId: string; clientSecret: string }>(['apps', 'create', '--name', 'Fleet tools', '--redirect-uri', redirectUri, '--json']);
    const port = await freePort();

    /** An owner connects their Tesla(s) in `mode`; answers the first vehicle as the application sees it. */
    const connect = async (server: ServedCarport, mode: 'test' | 'simulated', email: string): Promise<Omit<Named, 'vin' | 'key'>> => {
      const query = new URLSearchParams({ response_type: 'code', client_id: app.clientId, redirect_uri: redirectUri, scope: 'read_vehicle_info read_vin read_charge control_charge', mode, state: mode });
      const landed = await connectThroughConnect(`${server.origin}/oauth/authorize?${query.toString()}`, { make: 'TESLA', email, password: 'any password' });
      const tokens = await fetch(`${server.origin}/oauth/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: landed.searchParams.get('code') ?? '', redirect_uri: redirectUri }),
      });
      const accessToken = ((await tokens.json()) as { access_token: string }).access_token;
      const listed = (await (await fetch(`${server.origin}/v2.0/vehicles`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { vehicles: string[] };
      return { apiId: listed.vehicles[0] ?? '', accessToken };
    };

    const first = await serveCarport(env, port);
    const simulatedConnection = await connect(first, 'simulated', 'fleet.sim@example.com');
    const testConnection = await connect(first, 'test', 'fleet.test@example.com');
    // The simulated vehicle's VIN in test mode too (Smartcar's `<VIN>@compatible.smartcar.com`): one VIN, connected in two modes.
    const vinRead = await fetch(`${first.origin}/v2.0/vehicles/${simulatedConnection.apiId}/vin`, { headers: { authorization: `Bearer ${simulatedConnection.accessToken}` } });
    const simulatedVin = ((await vinRead.json()) as { vin: string }).vin;
    await connect(first, 'test', `${simulatedVin.toLowerCase()}@compatible.smartcar.com`);
    expect(await first.stop()).toBe(0);

    // Nothing runs now: every command below is a new process on the database the server left.
    const named = async (connection: Omit<Named, 'vin' | 'key'>, mode: string): Promise<Named> => {
      const shown = await cli<Details>(['fleet', 'show', connection.apiId, '--json']);
      // A test-mode vehicle is its make's test vehicle, named `<VIN>.compatible` by the provider.
      expect(shown.key).toBe(mode === 'test' ? `test/TESLA/${shown.vin}.compatible` : `simulated/TESLA/${shown.vin}`);
      return { ...connection, vin: shown.vin, key: shown.key };
    };
    const simulated = await named(simulatedConnection, 'simulated');
    const test = await named(testConnection, 'test');

    const before = await cli<{ simulatedNow: string }>(['fleet', 'advance', '1m', '--json']);
    const advanced = await cli<{ simulatedNow: string }>(['fleet', 'advance', '30m', '--json']);
    expect(Date.parse(advanced.simulatedNow) - Date.parse(before.simulatedNow)).toBeGreaterThanOrEqual(30 * 60_000);

    // Time moves on only before the cars are plugged in: the simulated owners keep their routines,
    // and one driving off to work between the last plug and the restarted server's read would
    // unplug the car whatever the commands did.
    for (const vehicle of [simulated, test]) {
      const byVin = vehicle === simulated ? ['--mode', 'simulated'] : [];
      let shown = await cli<Details>(['fleet', 'show', vehicle.key, '--json']);
      // The simulated owners drive on their own: wait (in simulated time) for the car to park.
      for (let hours = 0; shown.status === 'DRIVING' && hours < 12; hours += 2) {
        await cli(['fleet', 'advance', '2h', '--json']);
        shown = await cli<Details>(['fleet', 'show', vehicle.apiId, '--json']);
      }
      if (shown.charge?.isPluggedIn === true) expect(await cli<Details>(['fleet', 'unplug', vehicle.vin, ...byVin, '--json'])).toMatchObject({ key: vehicle.key, charge: { isPluggedIn: false } });
      expect(await cli<Details>(['fleet', 'plug', vehicle.apiId, '--json'])).toMatchObject({ key: vehicle.key, charge: { isPluggedIn: true } });
      expect(await cli<Details>(['fleet', 'fault', vehicle.key, 'unreachable', '--for', '10m', '--json'])).toMatchObject({ key: vehicle.key, fault: 'unreachable' });
      expect(await cli<Details>(['fleet', 'fault', vehicle.vin, 'clear', ...byVin, '--json'])).toMatchObject({ key: vehicle.key, fault: null });
      expect(await cli<Details>(['fleet', 'unplug', vehicle.key, '--json'])).toMatchObject({ key: vehicle.key, charge: { isPluggedIn: false } });
      expect(await cli<Details>(['fleet', 'plug', vehicle.vin, ...byVin, '--json'])).toMatchObject({ key: vehicle.key, charge: { isPluggedIn: true } });
    }

    const ambiguous = await runBuiltCli(['fleet', 'show', simulated.vin], env);
    expect(ambiguous).toEqual({
      code: 1,
      stdout: '',
      stderr: `${databaseLine(env)}carport: ${simulated.vin} names 2 vehicles: ${simulated.key}, test/TESLA/${simulated.vin}.compatible; name one by its key (or give its mode)\n`,
    });
    const unknownId = '0b7c5f0e-8f5e-4c8e-9d7a-3f1e2d4c5b6a';
    expect(await runBuiltCli(['fleet', 'plug', unknownId], env)).toEqual({ code: 1, stdout: '', stderr: `${databaseLine(env)}carport: no vehicle was ever connected with the Vehicle API id ${unknownId}\n` });

    // A restarted server answers the application with what the commands did.
    const restarted = await serveCarport(env, port);
    try {
      for (const vehicle of [simulated, test]) {
        const charge = await fetch(`${restarted.origin}/v2.0/vehicles/${vehicle.apiId}/charge`, { headers: { authorization: `Bearer ${vehicle.accessToken}` } });
        expect(charge.status).toBe(200);
        expect(await charge.json()).toMatchObject({ isPluggedIn: true });
      }
    } finally {
      expect(await restarted.stop()).toBe(0);
    }
  }, 600_000);
});
