/**
 * @module Opens and migrates the configured database for the server and the CLI, and turns the ways
 * that fails on a new machine (PostgreSQL not running, its database not created) into a sentence
 * that says what to do.
 */
import type { Config } from '../config/load-config.js';
import { explainConnectionFailure } from '../store/connection-failure.js';
import { databaseLocation, migrateToLatest, openDatabase, type Store } from '../store/index.js';
import { StartupError } from './startup-error.js';

/** An open database at the latest schema. */
export interface MigratedDatabase {
  readonly store: Store;
  /** Names of the migrations this call applied (empty when the schema was up to date). */
  readonly applied: readonly string[];
}

/** Opens the database `config` names and applies pending migrations; closes it again on failure. */
export async function openMigratedDatabase(config: Config, logger?: { warn(msg: string): void }): Promise<MigratedDatabase> {
  const store = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    timeouts: { connectMs: config.databaseConnectTimeoutMs, queryMs: config.databaseQueryTimeoutMs },
    ...(logger === undefined ? {} : { logger }),
  });
  try {
    // Without a first query of its own, an unreachable server would surface as a failed migration
    // with no name ("Database migration unknown failed").
    await store.ping();
    return { store, applied: await migrateToLatest(store) };
  } catch (error) {
    await store.close();
    const location = databaseLocation(config.databaseUrl, config.dataDir);
    const explained = location.kind === 'postgres' ? explainConnectionFailure(error, location, config.databaseConnectTimeoutMs) : undefined;
    throw explained === undefined ? error : new StartupError(explained, { cause: error });
  }
}
