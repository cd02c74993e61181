/** @module `carport apps ...`: register applications and manage their credentials. */
import type { Command } from 'commander';
import { PLAN_CACHE_TTL_MS, parseScope, redirectUriProblem, resolvePlans, unknownPermissionsMessage, type Services } from '@carport/server/core';
import { printRecord, printTable } from '../output.js';
import { findApplication, withServices } from '../services.js';
import { registerConnectUrlCommand } from './app-connect-url.js';
import { registerRotateManagementTokenCommand } from './app-management-token.js';
import { registerShowCommand } from './app-show.js';
import { registerRequestCommand } from './app-request.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function requireKnownPlan(services: Services, plan: string): void {
  const plans = resolvePlans(services.config.planOverrides);
  if (!(plan in plans)) throw new Error(`unknown plan "${plan}"; known plans: ${Object.keys(plans).join(', ')}`);
}

/**
 * Refuses what Connect would refuse later, in Connect's words: a redirect URI it will not send an
 * owner to, a default scope naming unknown permissions.
 */
function requireValidRegistration(redirectUris: readonly string[], scope: readonly string[]): void {
  const problems = redirectUris.map(redirectUriProblem).filter((problem) => problem !== null);
  const parsed = parseScope(scope.join(' '));
  if (!parsed.ok) problems.push(unknownPermissionsMessage(parsed.unknown));
  if (problems.length > 0) throw new Error(problems.join(' '));
}

export function registerAppsCommands(program: Command): void {
  const apps = program.command('apps').description('Manage applications');

  apps
    .command('create')
    .description('Register an application; prints its client id, client secret and management token (shown once)')
    .requiredOption('--name <name>', 'application name shown to owners on the consent screen')
    .option('--redirect-uri <uri>', 'registered redirect URI (repeat for several)', collect, [])
    .option('--scope <permission>', 'default permission when a Connect URL names none (repeat for several)', collect, [])
    .option('--public', 'a public client (no secret kept safe): PKCE is then required', false)
    .option('--plan <plan>', 'the plan whose limits apply (see docs/limits.md)', 'free')
    .option('--requested', 'start in lifecycle state requested (test and simulated Connect only) instead of released with every data package', false)
    .option('--json', 'print exactly one JSON object', false)
    .action(async (options: { name: string; redirectUri: string[]; scope: string[]; public: boolean; plan: string; requested: boolean; json: boolean }, command: Command) => {
      requireValidRegistration(options.redirectUri, options.scope);
      const created = await withServices(command, (services) => {
        requireKnownPlan(services, options.plan);
        return services.repositories.applications.createApplication({
          name: options.name,
          redirectUris: options.redirectUri,
          defaultScope: options.scope,
          isPublic: options.public,
          plan: options.plan,
          createdBy: 'cli',
          ...(options.requested ? { lifecycleState: 'requested' as const, approvedDataPackages: [] } : {}),
        });
      });
      printRecord(
        {
          clientId: created.application.clientId,
          clientSecret: created.clientSecret,
          managementToken: created.managementToken,
          name: created.application.name,
          redirectUris: created.application.redirectUris,
        },
        options.json,
      );
    });

  registerRequestCommand(apps);

  apps
    .command('list')
    .description('List applications')
    .option('--json', 'print a JSON array', false)
    .action(async (options: { json: boolean }, command: Command) => {
      const list = await withServices(command, (services) => services.repositories.applications.list());
      printTable(
        list.map((application) => ({
          clientId: application.clientId,
          name: application.name,
          redirectUris: application.redirectUris,
          plan: application.plan,
          createdAt: application.createdAt,
        })),
        options.json,
      );
    });

  registerShowCommand(apps);
  registerConnectUrlCommand(apps);

  apps
    .command('set-plan')
    .description(`Move an application to another plan (running servers apply it within ${PLAN_CACHE_TTL_MS / 1000} s, with full rate buckets of the new plan)`)
    .argument('<clientId>', 'the application')
    .argument('<plan>', 'a plan name from docs/limits.md or CARPORT_PLANS')
    .action(async (clientId: string, plan: string, _options: unknown, command: Command) => {
      await withServices(command, async (services) => {
        requireKnownPlan(services, plan);
        const application = await findApplication(services, clientId);
        await services.repositories.applications.update(application.id, { plan });
      });
      // Rate buckets are kept per plan, so nothing but the stored plan needs changing here.
      process.stdout.write(`${clientId}: plan ${plan}; running servers apply it within ${PLAN_CACHE_TTL_MS / 1000} s, with full rate buckets of the new plan\n`);
    });

  for (const [name, suspended] of [['suspend', true], ['resume', false]] as const) {
    apps
      .command(name)
      .description(suspended ? 'Suspend an application: its API calls answer 430 BILLING:ACCOUNT_SUSPENDED' : 'Lift a suspension')
      .argument('<clientId>', 'the application')
      .action(async (clientId: string, _options: unknown, command: Command) => {
        await withServices(command, async (services) => {
          const application = await findApplication(services, clientId);
          await services.repositories.applications.setSuspended(application.id, suspended);
        });
        process.stdout.write(`${clientId}: ${suspended ? 'suspended' : 'active'}\n`);
      });
  }

  apps
    .command('rotate-secret')
    .description('Issue a new client secret for an application (the old one stops working at once)')
    .argument('<clientId>', 'the application to rotate')
    .option('--json', 'print exactly one JSON object', false)
    .action(async (clientId: string, options: { json: boolean }, command: Command) => {
      const clientSecret = await withServices(command, (services) => services.repositories.applications.rotateSecret(clientId));
      if (clientSecret === null) throw new Error(`no confidential application has client id ${clientId}`);
      printRecord({ clientId, clientSecret }, options.json);
    });

  registerRotateManagementTokenCommand(apps);
}
