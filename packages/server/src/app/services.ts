/** @module The services one Carport process shares: what `createServices` builds and every HTTP module and CLI command receives. */
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { ConnectionEvents } from '../connections/connection-events.js';
import type { Limiter } from '../limits/limiter.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { UpstreamKit } from '../providers/upstream/index.js';
import type { Repositories, Store } from '../store/index.js';
import type { WebhookRuntime } from '../webhooks/webhook-runtime.js';
import type { BackgroundTasks } from './background-tasks.js';

/** Shared services, built once per process (or per test app) and handed to each module. */
export interface AppContext {
  readonly config: Config;
  readonly store: Store;
  /** Built with `now` and `CARPORT_READ_CACHE_TTL_MS`, for the server and the CLI alike. */
  readonly repositories: Repositories;
  readonly logger: Logger;
  /** Work `close()` drains before the database closes. */
  readonly backgroundTasks: BackgroundTasks;
  /** Vehicle providers by make and mode (the simulated fleet by default); built on first use. */
  readonly providers: ProviderRegistry;
  /** Breakers, retries, budgets and wake settings of calls to manufacturers' clouds; built on first use. */
  readonly upstream: UpstreamKit;
  /** The plan and rate limiter (counters in Redis when `REDIS_URL` is set); built on first use. */
  readonly limiter: Limiter;
  /** This process's webhook intake, scheduler and delivery worker; exists once `start()` ran. */
  readonly webhooks: WebhookRuntime;
  /** The clock; injectable so tests control time. */
  readonly now: () => Date;
  /** Revocations of this process's connections, which the parts depending on grants subscribe to. */
  readonly connectionEvents: ConnectionEvents;
}

/** The services with their life: a server starts the background work, every user closes them. */
export interface Services extends AppContext {
  /** Starts the providers, then the webhook runtime over them (a server's work; the CLI never calls it). */
  start(): Promise<void>;
  /**
   * Builds the limiter now, so its Redis connection is open before the first request. A server calls
   * it once its routes are compiled: that compilation holds the event loop longer than the Redis
   * client's connect timeout, which would otherwise see a healthy Redis as unreachable.
   */
  connectCounters(): void;
  /** Drains the background work, then closes the store unless the caller brought it. */
  close(): Promise<void>;
}
