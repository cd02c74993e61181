/** @module `carport accounts`: dashboard accounts as an operator at the console sees them (reset links). */
import type { Command } from 'commander';
import { withServices } from '../services.js';
import { commandAccounts } from './account-links.js';

export function registerAccountsCommands(program: Command): void {
  const accounts = program.command('accounts').description('Manage developer accounts of the dashboard');
  accounts
    .command('reset-link')
    .description('Print a one-time link (valid for one hour) that sets a new password for a dashboard account')
    .argument('<email>', 'the account’s email address')
    .action(async (email: string, _options: unknown, command: Command) => {
      const link = await withServices(command, (services) => commandAccounts(services).resetLinkFor(email));
      if (link === null) throw new Error(`no dashboard account has the email ${email}`);
      process.stdout.write(`${link}\n`);
    });
}
