/** @module What every route module receives: configuration, storage, logging and background work. */
import type { Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/load-config.js';
import type { ConnectionEvents } from '../connections/connection-events.js';
import type { BackgroundTasks } from '../lifecycle/background-tasks.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { Repositories, Store } from '../store/index.js';

/** Shared services, built once per app and handed to each module. */
export interface AppContext {
  readonly config: Config;
  readonly store: Store;
  readonly repositories: Repositories;
  readonly logger: Logger;
  readonly backgroundTasks: BackgroundTasks;
  /** Vehicle providers by make and mode (the simulated fleet by default). */
  readonly providers: ProviderRegistry;
  /** The clock; injectable so tests control time. */
  readonly now: () => Date;
  /** Revocations of this app's connections, which the parts depending on grants subscribe to. */
  readonly connectionEvents: ConnectionEvents;
}

/**
 * One capability of Carport (Connect, the Vehicle API, webhooks, ...). `buildApp` registers each in
 * its own encapsulated scope, so a module adds routes and hooks without touching the others.
 */
export interface CarportModule {
  readonly name: string;
  register(app: FastifyInstance, context: AppContext): Promise<void> | void;
}
