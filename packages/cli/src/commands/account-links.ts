/** @module The dashboard accounts a command works on, with one-time links printed rather than sent. */
import { DeveloperAccounts, type Services } from '@carport/server/core';

/** The accounts layer for a command: the command prints each link itself, so nothing is sent or logged. */
export function commandAccounts(services: Services): DeveloperAccounts {
  return new DeveloperAccounts({
    repositories: services.repositories,
    publicUrl: services.config.publicUrl,
    now: services.now,
    sender: { send: () => Promise.resolve() },
  });
}
