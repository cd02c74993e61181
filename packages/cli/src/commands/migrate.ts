/** @module `carport migrate`: apply pending database migrations and report which ran. */
import type { Command } from 'commander';
import { openMigratedDatabase } from '@carport/server/core';
import { configFrom } from '../config-from-flags.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations')
    .action(async (_options: unknown, command: Command) => {
      const { store, applied } = await openMigratedDatabase(configFrom(command));
      try {
        const summary = applied.length === 0 ? 'already up to date' : `applied ${applied.join(', ')}`;
        process.stdout.write(`${store.dialect} database: ${summary}\n`);
      } finally {
        await store.close();
      }
    });
}
