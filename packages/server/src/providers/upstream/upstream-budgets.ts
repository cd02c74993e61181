/**
 * @module Daily quota budgets a manufacturer publishes per vehicle (data requests, commands,
 * wakes), counted in the shared counter store so every Carport process draws from the same budget.
 * A call the budget cannot afford is refused `UPSTREAM:RATE_LIMIT` before it reaches the
 * manufacturer, with Retry-After until the budget's day ends (midnight UTC).
 */
import { VehicleError } from '../vehicle-provider.js';

/** A counter of calls in one day, as the limits' counter stores take it (`QuotaCheck` there). */
export interface DailyQuotaCheck {
  readonly kind: 'quota';
  readonly key: string;
  readonly limit: number;
  readonly resetAtMs: number;
}

/**
 * The part of the limits' `CounterStore` budgets use (memory, or Redis shared by every process):
 * charges `cost` to every check only if every check admits it, atomically.
 */
export interface QuotaCounters {
  consume(checks: readonly DailyQuotaCheck[], cost: number, nowMs: number): Promise<{
    readonly refusedIndex: number;
    readonly states: readonly { readonly remaining: number; readonly retryAfterMs: number }[];
  }>;
}

export const budgetKinds = ['data', 'commands', 'wakes'] as const;
/** What a budget counts: data requests, commands, or wake-ups. */
export type BudgetKind = (typeof budgetKinds)[number];

/** A manufacturer's published allowance per vehicle and day, by kind. */
export type DailyBudget = Readonly<Record<BudgetKind, number>>;

/** One kind's standing for one vehicle today. */
export interface BudgetStanding {
  readonly limit: number;
  readonly remaining: number;
  /** When the day's budget starts afresh. */
  readonly resetsAt: Date;
}

export type BudgetStandings = Readonly<Record<BudgetKind, BudgetStanding>>;

const DAY_MS = 86_400_000;

/** The vehicle a budget is kept for: its provider and the provider's own id of it. */
export interface BudgetedVehicle {
  readonly providerId: string;
  readonly providerVehicleId: string;
}

export class UpstreamBudgets {
  readonly #store: QuotaCounters;
  readonly #now: () => number;

  constructor(store: QuotaCounters, now: () => number = Date.now) {
    this.#store = store;
    this.#now = now;
  }

  /**
   * Charges one `kind` call to the vehicle's budget, or refuses it (charging nothing) with
   * `UPSTREAM:RATE_LIMIT` when the day's budget is spent.
   */
  async charge(vehicle: BudgetedVehicle, budget: DailyBudget, kind: BudgetKind, manufacturer: string): Promise<BudgetStanding> {
    const nowMs = this.#now();
    const check = this.#check(vehicle, budget, kind, nowMs);
    const outcome = await this.#store.consume([check], 1, nowMs);
    const state = outcome.states[0] ?? { remaining: 0, retryAfterMs: check.resetAtMs - nowMs };
    if (outcome.refusedIndex !== -1) {
      throw new VehicleError('UPSTREAM', 'RATE_LIMIT', {
        message: `The vehicle's daily ${kind} budget at ${manufacturer} (${budget[kind]}) is spent; it renews at midnight UTC.`,
        retryAfterSeconds: Math.max(1, Math.ceil(state.retryAfterMs / 1000)),
      });
    }
    return this.#standing(budget[kind], state, check);
  }

  /** Every kind's standing for the vehicle today, charging nothing. */
  async standings(vehicle: BudgetedVehicle, budget: DailyBudget): Promise<BudgetStandings> {
    const nowMs = this.#now();
    const checks = budgetKinds.map((kind) => this.#check(vehicle, budget, kind, nowMs));
    const outcome = await this.#store.consume(checks, 0, nowMs);
    const standing = (index: number): BudgetStanding => {
      const check = checks[index];
      const state = outcome.states[index];
      if (check === undefined || state === undefined) throw new Error('the counter store answered fewer states than checks');
      return this.#standing(check.limit, state, check);
    };
    return { data: standing(0), commands: standing(1), wakes: standing(2) };
  }

  #standing(limit: number, state: { readonly remaining: number }, check: DailyQuotaCheck): BudgetStanding {
    return { limit, remaining: state.remaining, resetsAt: new Date(check.resetAtMs) };
  }

  #check(vehicle: BudgetedVehicle, budget: DailyBudget, kind: BudgetKind, nowMs: number): DailyQuotaCheck {
    const dayStartMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
    const day = new Date(dayStartMs).toISOString().slice(0, 10);
    return { kind: 'quota', key: `upstream-budget:${vehicle.providerId}:${vehicle.providerVehicleId}:${kind}:${day}`, limit: budget[kind], resetAtMs: dayStartMs + DAY_MS };
  }
}

/** The response header stating a vehicle's budgets left today. */
export const upstreamBudgetHeader = 'Carport-Upstream-Budget';

/** The `Carport-Upstream-Budget` header's value, e.g. `data=199; commands=50; wakes=15`. */
export function budgetHeaderValue(standings: BudgetStandings): string {
  return budgetKinds.map((kind) => `${kind}=${standings[kind].remaining}`).join('; ');
}
