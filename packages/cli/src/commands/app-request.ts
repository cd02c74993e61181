/** @module `carport apps request`: registers an application that asks for access, as a partner does (state `requested`, test modes only). */
import type { Command } from 'commander';
import { checkPartnerRequest, redirectUriProblem, requestAccess } from '@carport/server/core';
import { printRecord } from '../output.js';
import { withServices } from '../services.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface RequestOptions {
  name: string;
  redirectUri: string[];
  company: string;
  contactName: string;
  contactEmail: string;
  website?: string;
  intendedUse: string;
  dataPackage: string[];
  make: string[];
  region: string[];
  privacyPolicyUrl?: string;
  json: boolean;
}

export function registerRequestCommand(apps: Command): void {
  apps
    .command('request')
    .description('Register an application that requests access: it starts in state requested (test and simulated Connect only) until an operator releases it')
    .requiredOption('--name <name>', 'application name shown to owners on the consent screen')
    .option('--redirect-uri <uri>', 'registered redirect URI (repeat for several)', collect, [])
    .requiredOption('--company <company>', 'the company asking for access')
    .requiredOption('--contact-name <name>', 'whom the operator talks to')
    .requiredOption('--contact-email <email>', "the contact's email address")
    .option('--website <url>', "the company's website")
    .requiredOption('--intended-use <text>', 'what the integration does for vehicle owners')
    .option('--data-package <id>', 'a data package asked for (repeat; see docs/permissions.md)', collect, [])
    .option('--make <make>', 'a make the integration is for (repeat)', collect, [])
    .option('--region <region>', 'US, CA or EUROPE (repeat)', collect, [])
    .option('--privacy-policy-url <url>', "the integration's privacy policy")
    .option('--json', 'print exactly one JSON object', false)
    .action(async (options: RequestOptions, command: Command) => {
      const redirectProblems = options.redirectUri.map(redirectUriProblem).filter((problem) => problem !== null);
      const checked = checkPartnerRequest({
        company: options.company,
        contactName: options.contactName,
        contactEmail: options.contactEmail,
        website: options.website ?? null,
        intendedUse: options.intendedUse,
        dataPackages: options.dataPackage,
        makes: options.make,
        regions: options.region,
        privacyPolicyUrl: options.privacyPolicyUrl ?? null,
      });
      const problems = [...redirectProblems, ...(checked.ok ? [] : checked.problems.map((problem) => `${problem.field} ${problem.message}.`))];
      if (!checked.ok || problems.length > 0) throw new Error(problems.join(' '));
      const created = await withServices(command, (services) =>
        requestAccess(services.repositories, { name: options.name, redirectUris: options.redirectUri, requestedBy: 'cli' }, checked.request),
      );
      printRecord(
        {
          clientId: created.application.clientId,
          clientSecret: created.clientSecret,
          managementToken: created.managementToken,
          name: created.application.name,
          redirectUris: created.application.redirectUris,
          state: created.application.lifecycleState,
        },
        options.json,
      );
    });
}
