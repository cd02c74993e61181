/**
 * @module `carport apps connect-url`: the Connect URL an owner opens to connect vehicles to an
 * application, built as the server builds the demo application's and checked as Connect will check it.
 */
import type { Command } from 'commander';
import { connectUrl, validateAuthorizeRequest } from '@carport/server/core';
import { findApplication, withServices } from '../services.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface ConnectUrlOptions {
  readonly scope: string[];
  readonly mode: string;
  readonly make?: string;
  readonly redirectUri?: string;
}

export function registerConnectUrlCommand(apps: Command): void {
  apps
    .command('connect-url')
    .description("Print a Connect URL for an application (checked as Connect checks it when an owner opens it)")
    .argument('<clientId>', 'the application')
    .option('--scope <permission>', "a permission to ask for, `required:` first when a vehicle must support it (repeat for several; default the application's default scope)", collect, [])
    .option('--mode <mode>', 'live, test or simulated: which vehicles owners connect', 'live')
    .option('--make <make>', "skip brand selection: the make's id, e.g. TESLA")
    .option('--redirect-uri <uri>', 'one of the registered redirect URIs (default the first)')
    .action(async (clientId: string, options: ConnectUrlOptions, command: Command) => {
      const url = await withServices(command, async (services) => {
        const application = await findApplication(services, clientId);
        const redirectUri = options.redirectUri ?? application.redirectUris[0] ?? '';
        const scope = options.scope.length > 0 ? options.scope : application.defaultScope;
        const built = connectUrl(services.config.connectUrl, application.clientId, redirectUri, scope, options.mode, {
          ...(options.make === undefined ? {} : { make: options.make.toUpperCase() }),
        });
        // Connect's own validation, so a URL this prints is one Connect accepts, and a refusal reads as it would there.
        const checked = await validateAuthorizeRequest(Object.fromEntries(new URL(built).searchParams), services.repositories.applications, new Date());
        if (checked.kind !== 'flow') throw new Error(checked.message);
        return built;
      });
      process.stdout.write(`${url}\n`);
    });
}
