/** `carport emulate tesla` and `carport emulate nio` run an emulated cloud, prints where it is and how to point Carport at it, and stops on SIGTERM. */
import { describe, expect, it } from 'vitest';
import { startCli } from './run-cli.js';

interface ListedVehicle {
  readonly vin: string;
  readonly display_name: string;
}

describe('carport emulate tesla', () => {
  it('prints its URLs, accounts and the settings for Carport, serves them, and stops on SIGTERM', async () => {
    const child = startCli(['emulate', 'tesla', '--port', '0'], {});
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const printed = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('CARPORT_SIMULATED_MAKES')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
      resolve(code);
    }));
    await printed;
    const origin = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1] ?? '';
    const listed = (await (await fetch(`${origin}/_emulator/accounts`)).json()) as { accounts: { email: string; vehicles: ListedVehicle[] }[] };
    expect(listed.accounts.map((account) => account.email)).toEqual(['owner1@tesla.emulator.carport.example', 'owner2@tesla.emulator.carport.example', 'owner3@tesla.emulator.carport.example']);
    const accountLines = listed.accounts.map(({ email, vehicles: [vehicle] }) => `  ${email}  ${vehicle?.display_name ?? ''}  VIN ${vehicle?.vin ?? ''}`);
    expect(stdout).toBe(
      [
        `Emulated Tesla cloud listening on ${origin}`,
        `  authorize: ${origin}/oauth2/v3/authorize`,
        `  token:     ${origin}/oauth2/v3/token`,
        `  Fleet API: ${origin}/api/1/vehicles`,
        `  control:   ${origin}/_emulator/accounts (faults: POST /_emulator/faults)`,
        '',
        'Accounts (password tesla-emulator):',
        ...accountLines,
        '',
        'Point Carport at it (live Teslas then link through the emulated login):',
        '  CARPORT_TESLA_CLIENT_ID=carport-emulated-client',
        '  CARPORT_TESLA_CLIENT_SECRET=carport-emulated-secret',
        `  CARPORT_TESLA_AUTH_URL=${origin}`,
        `  CARPORT_TESLA_FLEET_API_URL_NA=${origin}`,
        '  CARPORT_SIMULATED_MAKES=<every make but TESLA> (or CARPORT_SIMULATED_MODES=test,simulated)',
        '',
      ].join('\n'),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

interface ListedNio {
  readonly vin: string;
  readonly model_type: string;
}

describe('carport emulate nio', () => {
  it('prints its URLs, accounts and the settings for Carport, serves them, and stops on SIGTERM', async () => {
    const child = startCli(['emulate', 'nio', '--port', '0'], {});
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const printed = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('CARPORT_SIMULATED_MAKES')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
      resolve(code);
    }));
    await printed;
    const origin = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1] ?? '';
    const listed = (await (await fetch(`${origin}/_emulator/accounts`)).json()) as { accounts: { email: string; vehicles: ListedNio[] }[] };
    expect(listed.accounts.map((account) => account.email)).toEqual(['owner1@nio.emulator.carport.example', 'owner2@nio.emulator.carport.example', 'owner3@nio.emulator.carport.example']);
    const accountLines = listed.accounts.map(({ email, vehicles: [vehicle] }) => `  ${email}  NIO ${vehicle?.model_type ?? ''}  VIN ${vehicle?.vin ?? ''}`);
    expect(stdout).toBe(
      [
        `Emulated NIO open platform listening on ${origin}`,
        `  authorize:   ${origin}/oauth2/authorize`,
        `  token:       ${origin}/oauth2/token`,
        `  vehicle API: ${origin}/api/v1/vehicles`,
        `  control:     ${origin}/_emulator/accounts (faults: POST /_emulator/faults, events: POST /_emulator/events)`,
        '',
        'Accounts (password nio-emulator):',
        ...accountLines,
        '',
        'Point Carport at it (live NIOs then link through the emulated login):',
        '  CARPORT_NIO_CLIENT_ID=carport-emulated-nio-client',
        '  CARPORT_NIO_CLIENT_SECRET=carport-emulated-nio-secret',
        `  CARPORT_NIO_AUTH_URL=${origin}`,
        `  CARPORT_NIO_API_URL=${origin}`,
        '  CARPORT_SIMULATED_MAKES=<every make but NIO> (or CARPORT_SIMULATED_MODES=test,simulated)',
        '',
      ].join('\n'),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
