/**
 * @module `carport apps rotate-management-token`: a new management token, with the old one still
 * accepted for a grace window so scripts and webhook receivers can switch over without an outage.
 */
import type { Command } from 'commander';
import { durationMs } from '../durations.js';
import { printRecord } from '../output.js';
import { findApplication, withServices } from '../services.js';

/** `0` ends the old token at once (a leaked token); anything else is a duration with its unit. */
function graceMs(text: string): number {
  return text.trim() === '0' ? 0 : durationMs(text);
}

export function registerRotateManagementTokenCommand(apps: Command): void {
  apps
    .command('rotate-management-token')
    .description('Issue a new management token; the old one keeps working (Management API, webhook signatures) for the grace period')
    .argument('<clientId>', 'the application')
    .option('--grace <duration>', 'how long the old token keeps working, e.g. 1h, 7d; 0 ends it at once (for a leaked token)', '24h')
    .option('--json', 'print exactly one JSON object', false)
    .action(async (clientId: string, options: { grace: string; json: boolean }, command: Command) => {
      const grace = graceMs(options.grace);
      const rotated = await withServices(command, async (services) => {
        const application = await findApplication(services, clientId);
        const managementToken = await services.repositories.applications.rotateManagementToken(application.id, { graceMs: grace });
        const status = await services.repositories.applications.managementTokenStatus(application.id);
        if (managementToken === null || status === null) throw new Error(`no application has client id ${clientId}`);
        return { clientId, managementToken, previousValidUntil: status.previousValidUntil };
      });
      printRecord(rotated, options.json);
      if (options.json) return;
      process.stdout.write(
        rotated.previousValidUntil === null
          ? '\nThe old token stopped working now: webhook requests are signed with the new one.\n'
          : `\nThe old token keeps working until ${rotated.previousValidUntil}. Until then SC-Signature is still signed with it and\n`
            + 'Carport-Signature carries a v1 for each token; give your receivers the new token before then (docs/webhooks.md).\n',
      );
    });
}
