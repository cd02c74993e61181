/**
 * @module The one composition root: `createServices(config, overrides)` builds everything a Carport
 * process shares (store, repositories, logger, clock, providers, limiter, webhook runtime, background
 * tasks). `buildApp` and every CLI command use it, so a server and a command see the same repositories,
 * with the same clock and read cache, over the same database.
 */
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { ConnectionEvents } from '../connections/connection-events.js';
import { followVehiclesInProviders } from '../connections/provider-vehicle-streams.js';
import type { Limiter } from '../limits/limiter.js';
import { createLogger, flushLog } from '../logging/logger.js';
import type { CredentialVault } from '../providers/contract/index.js';
import { CredentialRefresher } from '../providers/credentials/credential-refresher.js';
import { createDefaultProviders } from '../providers/default-providers.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import { createRepositories, migrateToLatest, type Repositories, type Store } from '../store/index.js';
import { readVehicleEndpoints } from '../vehicle-data/read-vehicle-endpoints.js';
import { subResponseOf } from '../catalog/sub-response.js';
import { startWebhookRuntime, type WebhookRuntime } from '../webhooks/webhook-runtime.js';
import { endSubscriptionsOfRevokedConnections } from '../webhooks/revocation-listener.js';
import { webhookSettingsFrom } from '../webhooks/webhook-settings.js';
import { BackgroundTasks } from './background-tasks.js';
import { createLimiter } from './create-limiter.js';
import { createUpstreamKit } from './create-upstream-kit.js';
import type { UpstreamKit } from '../providers/upstream/index.js';
import { openMigratedDatabase } from './open-migrated-database.js';
import type { Services } from './services.js';

/** What a caller brings instead of what `createServices` would build. */
export interface ServiceOverrides {
  /** A logger to use instead of one built from `config.logLevel` (tests capture lines with it). */
  readonly logger?: Logger;
  /** An already open store; it is migrated, and it stays the caller's to close. */
  readonly store?: Store;
  readonly now?: () => Date;
  /** Vehicle providers to use instead of the default ones (tests bring fakes of manufacturer clouds). */
  readonly providers?: ProviderRegistry;
}

/**
 * Opens and migrates the configured database (unless `overrides.store` is given) and builds the
 * services over it. Providers and the limiter are built on first use, and nothing runs in the
 * background until `start()`, so a CLI command pays only for what it touches.
 * @example
 * const services = await createServices(config, { logger: createLogger('error') });
 * try { await services.repositories.applications.list(); } finally { await services.close(); }
 */
export async function createServices(config: Config, overrides: ServiceOverrides = {}): Promise<Services> {
  const logger = overrides.logger ?? createLogger(config.logLevel, undefined, config.logFormat);
  const store = overrides.store ?? (await openMigratedDatabase(config, logger)).store;
  if (overrides.store !== undefined) await migrateToLatest(store);
  const now = overrides.now ?? (() => new Date());
  const repositories = createRepositories(store, { secretKey: config.secretKey, clock: now, readCacheTtlMs: config.readCacheTtlMs });
  return new ProcessServices({ config, store, repositories, logger, now, ownsStore: overrides.store === undefined, providers: overrides.providers });
}

interface ProcessServicesParts {
  readonly config: Config;
  readonly store: Store;
  readonly repositories: Repositories;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly ownsStore: boolean;
  readonly providers: ProviderRegistry | undefined;
}

/** The services of one process; members that cost a start-up (providers, limiter, webhooks) are built when first asked for. */
class ProcessServices implements Services {
  readonly config: Config;
  readonly store: Store;
  readonly repositories: Repositories;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly backgroundTasks = new BackgroundTasks();
  readonly connectionEvents: ConnectionEvents;
  readonly #ownsStore: boolean;
  #providers: ProviderRegistry | undefined;
  #vault: CredentialVault | undefined;
  #limiter: Limiter | undefined;
  #upstream: UpstreamKit | undefined;
  #webhooks: WebhookRuntime | undefined;

  constructor(parts: ProcessServicesParts) {
    this.config = parts.config;
    this.store = parts.store;
    this.repositories = parts.repositories;
    this.logger = parts.logger;
    this.now = parts.now;
    this.#ownsStore = parts.ownsStore;
    this.#providers = parts.providers;
    const logger = parts.logger;
    this.connectionEvents = new ConnectionEvents((error, event) => {
      logger.error({ err: error, connectionIds: event.connections.map((connection) => connection.id) }, 'a listener of committed connection revocations failed');
    });
    // A revoked connection's webhook subscriptions end in the revoking transaction, whoever revokes
    // it (the CLI included), so no delivery can follow a disconnect.
    this.connectionEvents.onRevoking(endSubscriptionsOfRevokedConnections);
    followVehiclesInProviders(this.connectionEvents, this.repositories, () => this.providers);
  }

  get providers(): ProviderRegistry {
    const { repositories } = this;
    this.#providers ??= createDefaultProviders({
      config: this.config,
      now: this.now,
      logger: this.logger,
      interventions: repositories.simulatorInterventions,
      live: {
        store: {
          findVehicle: (make, mode, providerVehicleId) => repositories.vehicles.findByProviderVehicle(make, mode, providerVehicleId),
          findOwnerAccount: (make, mode, providerAccountId) => repositories.ownerAccounts.findByProviderAccount(make, mode, providerAccountId),
        },
        vault: () => this.credentialVault,
        upstream: () => this.upstream,
        telemetry: {
          apply: (sample) => repositories.vehicleTelemetry.apply(sample),
          latest: (vin) => repositories.vehicleTelemetry.latest(vin),
          forget: (vin) => repositories.vehicleTelemetry.forget(vin),
          vehiclesWithVin: async (vin) => (await repositories.vehicles.listByVin(vin)).map((vehicle) => ({ make: vehicle.make, mode: vehicle.mode, providerVehicleId: vehicle.providerVehicleId })),
        },
      },
    });
    return this.#providers;
  }

  /** The owners' manufacturer tokens, renewed through the provider that linked them. */
  get credentialVault(): CredentialVault {
    this.#vault ??= new CredentialRefresher({
      credentials: this.repositories.providerCredentials,
      ownerAccounts: this.repositories.ownerAccounts,
      renewalFor: (providerId) => this.providers.byId(providerId)?.credentials,
      now: this.now,
    });
    return this.#vault;
  }

  get upstream(): UpstreamKit {
    if (this.#upstream === undefined) {
      const { kit, counters } = createUpstreamKit(this);
      this.backgroundTasks.add({ name: 'upstream-budget-counters', stop: () => counters.close() });
      this.#upstream = kit;
    }
    return this.#upstream;
  }

  get limiter(): Limiter {
    this.#limiter ??= this.#createLimiter();
    return this.#limiter;
  }

  #createLimiter(): Limiter {
    const limiter = createLimiter(this);
    // A revoked connection changes the plan standing (connected vehicles) this limiter caches.
    this.connectionEvents.onRevoked((event) => {
      for (const applicationId of new Set(event.connections.map((connection) => connection.applicationId))) limiter.forget(applicationId);
    });
    this.backgroundTasks.add({ name: 'limit-counters', stop: () => limiter.close() });
    return limiter;
  }

  get webhooks(): WebhookRuntime {
    if (this.#webhooks === undefined) throw new Error('the webhook runtime runs only once the services have been started');
    return this.#webhooks;
  }

  async start(): Promise<void> {
    for (const provider of this.providers.all()) {
      await provider.start();
      this.backgroundTasks.add({ name: `provider:${provider.id}`, stop: () => provider.stop() });
    }
    const runtime = startWebhookRuntime({
      repositories: this.repositories,
      providers: this.providers,
      logger: this.logger,
      now: this.now,
      settings: webhookSettingsFrom(this.config),
      // Scheduled deliveries read through the Vehicle API's own path: same checks, errors and headers.
      readVehicle: async (connection, paths, options) =>
        (await readVehicleEndpoints(this, connection, paths, options)).map((read) => subResponseOf(read, { requestId: options.requestId, errorDocsUrl: this.config.errorDocsUrl })),
    });
    this.#webhooks = runtime;
    this.backgroundTasks.add({ name: 'webhooks', stop: () => runtime.stop() });
  }

  connectCounters(): void {
    this.#limiter ??= this.#createLimiter();
  }

  async close(): Promise<void> {
    await this.backgroundTasks.drain();
    if (this.#ownsStore) await this.store.close();
    // The destination buffers lines; an embedder or test reading the log after close must find them all.
    await flushLog(this.logger);
  }
}
