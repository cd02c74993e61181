/** @module `carport serve`: run the platform until SIGTERM. */
import type { Command } from 'commander';
import { installShutdownHandlers, launchServer } from '@carport/server';
import { sourcesFrom } from '../config-from-flags.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the Carport server (takes the port first; migrates the database; creates a demo application on first start)')
    .action(async (_options: unknown, command: Command) => {
      const server = await launchServer(sourcesFrom(command));
      installShutdownHandlers(server, server.app.carport.config);
    });
}
