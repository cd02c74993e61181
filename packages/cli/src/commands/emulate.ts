/**
 * @module `carport emulate tesla|nio [--port N]`: runs an emulated manufacturer cloud (login, token
 * endpoint, vehicle API) on this machine, prints its URLs, accounts and the settings that point
 * Carport's provider at it, and stops on SIGINT or SIGTERM.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { EMULATED_NIO_PASSWORD, EMULATED_TESLA_PASSWORD, EmulatedNioCloud, EmulatedTeslaCloud } from '@carport/emulators';

/** Where the emulated clouds listen unless told: next to Carport's own 8080. */
const DEFAULT_PORT = 8090;
const DEFAULT_NIO_PORT = 8091;

function portOf(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) > 65_535) throw new InvalidArgumentError('expected an integer from 0 to 65535');
  return Number(raw);
}

/** What `carport emulate tesla` prints: where the cloud listens, who can sign in, how to configure Carport. */
export function describeEmulatedTesla(cloud: EmulatedTeslaCloud): string {
  const lines = [
    `Emulated Tesla cloud listening on ${cloud.origin}`,
    `  authorize: ${cloud.origin}/oauth2/v3/authorize`,
    `  token:     ${cloud.origin}/oauth2/v3/token`,
    `  Fleet API: ${cloud.origin}/api/1/vehicles`,
    `  control:   ${cloud.origin}/_emulator/accounts (faults: POST /_emulator/faults)`,
    '',
    `Accounts (password ${EMULATED_TESLA_PASSWORD}):`,
    ...cloud.accounts.map((account) => {
      const vehicle = cloud.vehicleOf(account.email);
      return `  ${account.email}  ${vehicle.displayName}  VIN ${vehicle.vin}`;
    }),
    '',
    'Point Carport at it (live Teslas then link through the emulated login):',
    `  CARPORT_TESLA_CLIENT_ID=${cloud.clientId}`,
    `  CARPORT_TESLA_CLIENT_SECRET=${cloud.clientSecret}`,
    `  CARPORT_TESLA_AUTH_URL=${cloud.origin}`,
    `  CARPORT_TESLA_FLEET_API_URL_NA=${cloud.origin}`,
    '  CARPORT_SIMULATED_MAKES=<every make but TESLA> (or CARPORT_SIMULATED_MODES=test,simulated)',
  ];
  return `${lines.join('\n')}\n`;
}

/** What `carport emulate nio` prints: where the cloud listens, who can sign in, how to configure Carport. */
export function describeEmulatedNio(cloud: EmulatedNioCloud): string {
  const lines = [
    `Emulated NIO open platform listening on ${cloud.origin}`,
    `  authorize:   ${cloud.origin}/oauth2/authorize`,
    `  token:       ${cloud.origin}/oauth2/token`,
    `  vehicle API: ${cloud.origin}/api/v1/vehicles`,
    `  control:     ${cloud.origin}/_emulator/accounts (faults: POST /_emulator/faults, events: POST /_emulator/events)`,
    '',
    `Accounts (password ${EMULATED_NIO_PASSWORD}):`,
    ...cloud.accounts.map((account) => {
      const vehicle = cloud.vehicleOf(account.email);
      return `  ${account.email}  NIO ${vehicle.modelType}  VIN ${vehicle.vin}`;
    }),
    '',
    'Point Carport at it (live NIOs then link through the emulated login):',
    `  CARPORT_NIO_CLIENT_ID=${cloud.clientId}`,
    `  CARPORT_NIO_CLIENT_SECRET=${cloud.clientSecret}`,
    `  CARPORT_NIO_AUTH_URL=${cloud.origin}`,
    `  CARPORT_NIO_API_URL=${cloud.origin}`,
    '  CARPORT_SIMULATED_MAKES=<every make but NIO> (or CARPORT_SIMULATED_MODES=test,simulated)',
  ];
  return `${lines.join('\n')}\n`;
}

/** Closes `cloud` and exits on SIGINT or SIGTERM. */
function stopOnSignal(cloud: { close(): Promise<void> }): void {
  const stop = (): void => {
    cloud.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export function registerEmulateCommands(program: Command): void {
  const emulate = program.command('emulate').description("Run an emulated manufacturer cloud on this machine (the manufacturer's login, tokens and vehicle API)");
  emulate
    .command('tesla')
    .description('Emulated Tesla cloud: OAuth 2.0 login with PKCE, token endpoint and Fleet API, vehicles from the simulator')
    // `--port` and `--host` are also the server's own flags, which the root command parses wherever
    // they appear: the emulator reads them from there, with its own defaults.
    .option('--port <port>', `port to listen on (0: a free one; default ${DEFAULT_PORT})`)
    .option('--host <host>', 'address to bind (default 127.0.0.1)')
    .action(async (_options: unknown, command: Command) => {
      const all = command.optsWithGlobals<{ port?: string; host?: string }>();
      // A real car takes seconds to wake, and a lost refresh answer may be retried for a day.
      const cloud = await EmulatedTeslaCloud.start({ port: portOf(all.port ?? String(DEFAULT_PORT)), host: all.host ?? '127.0.0.1', wakeDelayMs: 3_000, refreshReuseGraceSeconds: 86_400 });
      process.stdout.write(describeEmulatedTesla(cloud));
      stopOnSignal(cloud);
    });
  emulate
    .command('nio')
    .description("Emulated NIO open platform: OAuth 2.0 login with PKCE whose scopes are NIO's data packages, token endpoint, vehicle API and change feed, vehicles from the simulator")
    .option('--port <port>', `port to listen on (0: a free one; default ${DEFAULT_NIO_PORT})`)
    .option('--host <host>', 'address to bind (default 127.0.0.1)')
    .action(async (_options: unknown, command: Command) => {
      const all = command.optsWithGlobals<{ port?: string; host?: string }>();
      const cloud = await EmulatedNioCloud.start({ port: portOf(all.port ?? String(DEFAULT_NIO_PORT)), host: all.host ?? '127.0.0.1' });
      process.stdout.write(describeEmulatedNio(cloud));
      stopOnSignal(cloud);
    });
}
