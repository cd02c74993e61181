/**
 * @module The providers a Carport process serves when the embedder brings none: the simulated fleet
 * of every make, and the live Tesla and NIO providers when their clients are configured.
 */
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { SimulatorInterventionRepository } from '../store/index.js';
import type { CredentialVault } from './contract/index.js';
import { ProviderRegistry } from './provider-registry.js';
import { createStoredInterventionLog, SimulatedVehicleProvider } from './simulated/index.js';
import { NioProvider } from './nio/index.js';
import { TeslaFleetProvider, type TeslaProviderStore, type TeslaStreamingStore } from './tesla/index.js';
import type { UpstreamKit } from './upstream/index.js';

export interface DefaultProviderOptions {
  readonly config: Config;
  readonly now: () => Date;
  readonly logger: Logger;
  /** Where interventions are kept: the repositories' own, so every process on the database shares them. */
  readonly interventions: SimulatorInterventionRepository;
  /** For providers of real clouds: the stored vehicles and owner accounts, and the owners' tokens. */
  readonly live?: { readonly store: TeslaProviderStore; readonly vault: () => CredentialVault; readonly upstream: () => UpstreamKit; readonly telemetry?: TeslaStreamingStore };
}

/** Waking a sleeping vehicle before a command takes this many times a command's latency. */
const WAKE_FACTOR = 10;

/** The simulated provider for the configured seed, speed and fleet, its interventions in `options.interventions`. */
export function createSimulatedProvider(options: DefaultProviderOptions): SimulatedVehicleProvider {
  const { config, logger } = options;
  return new SimulatedVehicleProvider({
    seed: config.simulatorSeed,
    fleetSize: config.simulatorFleetSize,
    accelerationFactor: config.simulatorSpeed,
    log: createStoredInterventionLog(options.interventions, { cacheTtlMs: config.readCacheTtlMs }),
    now: options.now,
    publicUrl: config.publicUrl,
    latency: { commandMs: config.simulatorLatencyMs, wakeMs: config.simulatorLatencyMs * WAKE_FACTOR },
    makes: config.simulatedMakes,
    modes: config.simulatedModes,
    onError: (error) => {
      logger.warn({ err: error }, 'simulated fleet: background work failed');
    },
  });
}

/**
 * The default registry: the simulated provider for the makes and modes configured (default every
 * make in every mode), and the live Tesla provider when configured. Both claiming live Teslas is a
 * configuration error the registry names (CARPORT_SIMULATED_MAKES or _MODES hands them over).
 */
export function createDefaultProviders(options: DefaultProviderOptions): ProviderRegistry {
  const registry = new ProviderRegistry();
  registry.register(createSimulatedProvider(options));
  const tesla = options.config.tesla;
  if (tesla !== undefined && options.live !== undefined) {
    registry.register(
      new TeslaFleetProvider({
        oauth: { authUrl: tesla.authUrl, clientId: tesla.clientId, clientSecret: tesla.clientSecret },
        fleetApiUrl: tesla.fleetApiUrl,
        timeoutMs: tesla.timeoutMs,
        vault: options.live.vault,
        store: options.live.store,
        upstream: options.live.upstream(),
        now: options.now,
        partnerDomain: tesla.partnerDomain,
        ...(tesla.commandProxyUrl === undefined ? {} : { commandProxyUrl: tesla.commandProxyUrl }),
        ...(tesla.telemetry === undefined || options.live.telemetry === undefined ? {} : { telemetry: { ...tesla.telemetry, logger: options.logger, store: options.live.telemetry } }),
      }),
    );
  }
  const nio = options.config.nio;
  if (nio !== undefined && options.live !== undefined) {
    const { logger } = options;
    registry.register(
      new NioProvider({
        ...nio,
        vault: options.live.vault,
        store: options.live.store,
        upstream: options.live.upstream(),
        now: options.now,
        onError: (error) => {
          logger.warn({ err: error }, 'NIO provider: polling the change feed failed');
        },
      }),
    );
  }
  return registry;
}
