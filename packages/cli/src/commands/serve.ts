/** @module `carport serve`: run the platform until SIGTERM. */
import type { Command } from 'commander';
import { installShutdownHandlers, startServer } from '@carport/server';
import { configFrom } from '../config-from-flags.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the Carport server (migrates the database first; creates a demo application on first start)')
    .action(async (_options: unknown, command: Command) => {
      const config = configFrom(command);
      const server = await startServer(config);
      installShutdownHandlers(server, config);
    });
}
