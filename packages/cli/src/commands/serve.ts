/** @module `carport serve`: run the platform until SIGTERM. */
import type { Command } from 'commander';
import { sourcesFrom } from '../config-from-flags.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the Carport server (takes the port first; migrates the database; creates a demo application on first start)')
    .action(async (_options: unknown, command: Command) => {
      // The HTTP server is loaded only for this command: every other command runs on the core entry.
      const { installShutdownHandlers, launchServer } = await import('@carport/server');
      const server = await launchServer(sourcesFrom(command));
      installShutdownHandlers(server, server.app.carport.config);
    });
}
