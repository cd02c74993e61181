/**
 * The built `carport budgets`: each connected vehicle whose provider has manufacturer budgets (here
 * a live Tesla) with what is left today, the others left out, one vehicle by id or VIN, and an
 * unknown vehicle refused.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, createServices, loadConfig } from '@carport/server';
import { databaseLine, runBuiltCli } from './run-cli.js';

describe('carport budgets', () => {
  it('lists the Tesla budgets left today, whole and by vehicle, and refuses an unknown vehicle', { timeout: 300_000 }, async () => {
    const env = {
      CARPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'carport-budgets-')),
      CARPORT_SECRET_KEY: 'cli-budgets-secret-key-0123456789abcdef',
      CARPORT_DEMO_APP: 'false',
      CARPORT_TESLA_CLIENT_ID: 'tesla-client',
      CARPORT_TESLA_CLIENT_SECRET: 'tesla-secret',
      CARPORT_SIMULATED_MODES: 'test,simulated',
    };
    const services = await createServices(loadConfig({ env }), { logger: createLogger('silent') });
    let teslaId: string;
    try {
      const owner = await services.repositories.ownerAccounts.upsert({ make: 'TESLA', mode: 'live', providerAccountId: 'tesla-sub-1', email: 'owner@tesla.test' });
      const tesla = await services.repositories.vehicles.upsert({ make: 'TESLA', mode: 'live', providerVehicleId: 'tesla-sub-1:1001', ownerAccountId: owner.id, vin: '5YJ3E1EA7NF000001', model: 'Model 3', year: 2022, providerId: 'tesla' });
      teslaId = tesla.id;
      const simulatedOwner = await services.repositories.ownerAccounts.upsert({ make: 'BMW', mode: 'simulated', providerAccountId: 'simulated:driver@bmw.test', email: 'driver@bmw.test' });
      await services.repositories.vehicles.upsert({ make: 'BMW', mode: 'simulated', providerVehicleId: 'bmw-1', ownerAccountId: simulatedOwner.id, vin: 'WBA00000000000001', model: 'i4', year: 2023 });
    } finally {
      await services.close();
    }
    const resetsAt = (): string => new Date((Math.floor(Date.now() / 86_400_000) + 1) * 86_400_000).toISOString();
    const row = { vehicle: teslaId, vin: '5YJ3E1EA7NF000001', provider: 'tesla', data: '200/200', commands: '50/50', wakes: '15/15' };
    const all = await runBuiltCli(['budgets', '--json'], env);
    expect([all.code, all.stderr, JSON.parse(all.stdout)]).toEqual([0, databaseLine(env), [{ ...row, resetsAt: resetsAt() }]]);
    const one = await runBuiltCli(['budgets', '--vehicle', '5YJ3E1EA7NF000001', '--json'], env);
    expect([one.code, JSON.parse(one.stdout)]).toEqual([0, [{ ...row, resetsAt: resetsAt() }]]);
    const unknown = await runBuiltCli(['budgets', '--vehicle', 'no-such-vehicle'], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('no stored vehicle has the id or VIN "no-such-vehicle"');
  });
});
