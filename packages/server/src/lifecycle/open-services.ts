/** @module Storage and repositories without the HTTP server, for the CLI (same configuration, same database). */
import type { Config } from '../config/load-config.js';
import { createRepositories, type Repositories, type Store } from '../store/index.js';
import { openMigratedDatabase } from './open-migrated-database.js';

export interface Services {
  readonly config: Config;
  readonly store: Store;
  readonly repositories: Repositories;
  close(): Promise<void>;
}

/** Opens and migrates the configured database, so a CLI change is visible at once to a running server. */
export async function openServices(config: Config): Promise<Services> {
  const { store } = await openMigratedDatabase(config);
  return {
    config,
    store,
    repositories: createRepositories(store, { secretKey: config.secretKey }),
    close: () => store.close(),
  };
}
