/** @module `carport operators`: operator accounts, who sign in to the same dashboard with the operator flag. */
import type { Command } from 'commander';
import { withServices } from '../services.js';
import { commandAccounts } from './account-links.js';

export function registerOperatorsCommands(program: Command): void {
  const operators = program.command('operators').description('Manage operator accounts of the dashboard');
  operators
    .command('create')
    .description('Create an operator account (or make an existing account an operator) and print a one-time link to set its password')
    .requiredOption('--email <email>', 'the operator’s email address')
    .action(async (options: { email: string }, command: Command) => {
      const outcome = await withServices(command, (services) => commandAccounts(services).createOperator(options.email));
      if (!outcome.ok) throw new Error(outcome.problems.email ?? 'the operator could not be created');
      const { account, link, created } = outcome.value;
      process.stdout.write(`${created ? 'created operator' : 'made operator'} ${account.email}\nset the password (link valid for 3 days, once): ${link}\n`);
    });
}
