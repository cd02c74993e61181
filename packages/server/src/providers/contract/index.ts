/**
 * @module The provider contract, assembled from small parts the way Kysely assembles a dialect from
 * a driver, an adapter and a compiler: account linking, credentials, data and commands, and an
 * event source. A manufacturer's provider is one folder under `src/providers/` implementing it; the
 * conformance suite (`test/providers/conformance.ts`) holds every implementation to it.
 */
import type { VehicleMode } from '../vehicle-provider.js';
import type { AccountLinking } from './account-linking.js';
import type { CredentialRenewal } from './credentials.js';
import type { PolledEvents, ProviderLifecycle, PushedEvents } from './event-source.js';
import type { VehicleCommands, VehicleData } from './vehicle-data.js';
import type { DailyBudget } from '../upstream/upstream-budgets.js';

/** Who a provider is and what it may serve. */
export interface ProviderIdentity {
  /**
   * Stable id, stored with every vehicle it serves (so never renamed once vehicles are connected),
   * e.g. `simulated`.
   */
  readonly id: string;
  /** Upper-case make ids this provider serves at Connect time. */
  readonly makes: readonly string[];
  /** Modes this provider serves at Connect time. */
  readonly modes: readonly VehicleMode[];
}

/**
 * A source of vehicles: account linking, vehicle lists, reads, commands and events. Registered in
 * the provider registry; nothing outside a provider module branches on a make.
 */
export interface VehicleProvider extends ProviderIdentity, VehicleData, VehicleCommands, PushedEvents, ProviderLifecycle {
  /** How an owner links their account in Connect. */
  readonly linking: AccountLinking;
  /** Present when the provider holds expiring manufacturer tokens: how Carport's refresher renews them. */
  readonly credentials?: CredentialRenewal;
  /** Present when the manufacturer cannot push events: how to pull them within a budget. */
  readonly polling?: PolledEvents;
  /**
   * Present when the manufacturer publishes daily quotas per vehicle: the allowance the provider
   * draws from through `UpstreamBudgets` (answers then carry `Carport-Upstream-Budget`).
   */
  readonly upstreamBudget?: DailyBudget;
}

export type * from './account-linking.js';
export type * from './credentials.js';
export type * from './event-source.js';
export type * from './vehicle-data.js';
export { CredentialRefreshError } from './credentials.js';
export { passwordLinkingOf } from './account-linking.js';
