/** @module One command's access to the configured database: opened for the command, closed after it. */
import type { Command } from 'commander';
import { createLogger, createServices, type ApplicationRecord, type Services } from '@carport/server/core';
import { configFrom } from './config-from-flags.js';

/**
 * The services of a command's configuration, as the server builds them (same repositories, clock and
 * read cache). Nothing is started: providers and the limiter are built only if a command asks for them.
 * Only errors are logged, so a command's own output stays readable.
 */
export function openCommandServices(command: Command): Promise<Services> {
  return createServices(configFrom(command), { logger: createLogger('error') });
}

/** Runs `work` on the services of the command's configuration, closing them after. */
export async function withServices<T>(command: Command, work: (services: Services) => Promise<T>): Promise<T> {
  const services = await openCommandServices(command);
  try {
    return await work(services);
  } finally {
    await services.close();
  }
}

/** The application with this client id; throws a message naming it when there is none. */
export async function findApplication(services: Services, clientId: string): Promise<ApplicationRecord> {
  const application = await services.repositories.applications.findByClientId(clientId);
  if (application === null) throw new Error(`no application has client id ${clientId}`);
  return application;
}
