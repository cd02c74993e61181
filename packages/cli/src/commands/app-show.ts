/** @module `carport apps show`: one application and the state of its credentials, never the secrets themselves. */
import type { Command } from 'commander';
import { printRecord } from '../output.js';
import { findApplication, withServices } from '../services.js';

export function registerShowCommand(apps: Command): void {
  apps
    .command('show')
    .description('Show an application: plan, redirect URIs, default scope, and whether its credentials are set (secrets are shown only when issued)')
    .argument('<clientId>', 'the application')
    .option('--json', 'print exactly one JSON object', false)
    .action(async (clientId: string, options: { json: boolean }, command: Command) => {
      const { application, standing, token } = await withServices(command, async (services) => {
        const found = await findApplication(services, clientId);
        return {
          application: found,
          standing: await services.repositories.applications.findPlanStanding(found.id),
          token: await services.repositories.applications.managementTokenStatus(found.id),
        };
      });
      if (token === null || standing === null) throw new Error(`no application has client id ${clientId}`);
      if (options.json) {
        printRecord(
          {
            clientId: application.clientId,
            name: application.name,
            plan: application.plan,
            suspendedAt: standing.suspendedAt,
            isPublic: application.isPublic,
            redirectUris: application.redirectUris,
            defaultScope: application.defaultScope,
            createdAt: application.createdAt,
            clientSecret: application.isPublic ? null : { rotatedAt: application.secretRotatedAt },
            managementToken: token,
          },
          true,
        );
        return;
      }
      // Secrets are stored hashed (the client secret) or only used to sign (the management token):
      // the way back from a lost one is a new one.
      printRecord(
        {
          name: application.name,
          clientId: application.clientId,
          plan: application.plan,
          status: standing.suspendedAt === null ? 'active' : `suspended since ${standing.suspendedAt}`,
          redirectUris: application.redirectUris,
          defaultScope: application.defaultScope.length === 0 ? '(none: a Connect URL must name its scope)' : application.defaultScope,
          createdAt: application.createdAt,
          clientSecret: application.isPublic
            ? 'none (a public client: Connect URLs carry a PKCE challenge)'
            : `set ${application.secretRotatedAt === null ? 'at creation' : `on ${application.secretRotatedAt}`}, shown only then; lost? carport apps rotate-secret ${application.clientId}`,
          managementToken: `${token.hint} issued ${token.issuedAt}; lost? carport apps rotate-management-token ${application.clientId}`,
          previousToken: token.previousValidUntil === null ? 'none' : `accepted until ${token.previousValidUntil}`,
        },
        false,
      );
    });
}
