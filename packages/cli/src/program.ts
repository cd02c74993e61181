/** @module The `carport` command tree: serve, migrate, and application management, on the server's configuration. */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerAccountsCommands } from './commands/accounts.js';
import { registerAppsCommands } from './commands/apps.js';
import { registerBudgetsCommand } from './commands/budgets.js';
import { registerEmulateCommands } from './commands/emulate.js';
import { registerFleetCommands } from './commands/fleet.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerLifecycleCommands } from './commands/lifecycle.js';
import { registerOperatorsCommands } from './commands/operators.js';
import { registerServeCommand } from './commands/serve.js';
import { registerTeslaCommands } from './commands/tesla.js';
import { registerWebhooksCommands } from './commands/webhooks.js';
import { addSettingFlags } from './config-from-flags.js';
import { formatHelpCommandsFirst } from './help-layout.js';

/** The version of the installed package (`src/` and `dist/` both sit next to its package.json). */
function packageVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const version = typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : undefined;
  return typeof version === 'string' ? version : 'unknown';
}
import { announceDatabase } from './database-in-use.js';

/** Builds the command tree (exported for tests, which parse arguments without spawning a process). */
export function buildProgram(): Command {
  const program = new Command('carport')
    .description('Carport: a self-hostable connected-vehicle API platform')
    .version(packageVersion(), '-v, --version', 'print the version')
    .configureHelp({ formatHelp: formatHelpCommandsFirst })
    .showHelpAfterError()
    .exitOverride()
    .hook('preAction', (_program, command) => {
      announceDatabase(command);
    });
  addSettingFlags(program.optionsGroup('Server settings (each flag overrides the environment variable named):'));
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerAppsCommands(program);
  registerLifecycleCommands(program);
  registerFleetCommands(program);
  registerBudgetsCommand(program);
  registerWebhooksCommands(program);
  registerEmulateCommands(program);
  registerAccountsCommands(program);
  registerOperatorsCommands(program);
  registerTeslaCommands(program);
  return program;
}
