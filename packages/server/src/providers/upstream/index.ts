/**
 * @module The upstream machinery every live provider shares: a circuit breaker and bounded retries
 * per manufacturer endpoint, daily quota budgets per vehicle in the shared counter store, and
 * waking a sleeping vehicle within a bounded time. See docs/providers.md, "Calling the manufacturer".
 */
import type { UpstreamBudgets } from './upstream-budgets.js';
import type { UpstreamGuards } from './upstream-guard.js';
import type { WakeSettings } from './wake-vehicle.js';

/** What Carport hands a live provider for its calls to the manufacturer. */
export interface UpstreamKit {
  readonly guards: UpstreamGuards;
  readonly budgets: UpstreamBudgets;
  readonly wake: WakeSettings;
}

export * from './upstream-budgets.js';
export * from './upstream-failures.js';
export * from './upstream-guard.js';
export * from './wake-vehicle.js';
