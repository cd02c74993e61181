/** @module The `carport` command tree: serve, migrate, and application management, on the server's configuration. */
import { Command } from 'commander';
import { registerAppsCommands } from './commands/apps.js';
import { registerFleetCommands } from './commands/fleet.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerServeCommand } from './commands/serve.js';
import { registerWebhooksCommands } from './commands/webhooks.js';
import { addSettingFlags } from './config-from-flags.js';
import { announceDatabase } from './database-in-use.js';

/** Builds the command tree (exported for tests, which parse arguments without spawning a process). */
export function buildProgram(): Command {
  const program = addSettingFlags(new Command('carport'))
    .description('Carport: a self-hostable connected-vehicle API platform')
    .showHelpAfterError()
    .exitOverride()
    .hook('preAction', (_program, command) => {
      announceDatabase(command);
    });
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerAppsCommands(program);
  registerFleetCommands(program);
  registerWebhooksCommands(program);
  return program;
}

