/**
 * @module The limits policy: what an application's plan and standing allow one request (or one
 * Connect), and which counters that charges. Knows nothing of HTTP; the http/limits glue words it.
 */
import type { PlanFeature } from '../catalog/plan-features.js';
import type { ApplicationRepository, ConnectionRepository, PlanStanding } from '../store/index.js';
import type { ConsumeOutcome, CounterCheck, CounterState, CounterStore } from './counter-store.js';
import { heldPlan, lackedFeature, type BucketRate, type PlanCatalog, type PlanLimits } from '../catalog/plans.js';
import { TtlCache } from './ttl-cache.js';
import { vehicleApiRefusal } from '../partner-lifecycle/access-policy.js';

/** The counted limits, named as the headers and errors report them. */
export type LimitName = 'vehicle-requests' | 'application-rate' | 'vehicle-rate';

/** Where one limit stands, for the `RateLimit-*` headers. */
export interface LimitReport {
  readonly name: LimitName;
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the allowance is whole again. */
  readonly resetSeconds: number;
}

/** A feature the application's plan does not include, with the plan's name (as the application names it). */
export interface FeatureRefusal {
  readonly admitted: false;
  readonly refusal: 'plan-feature';
  readonly plan: string;
  readonly feature: PlanFeature;
}

/**
 * The plan behind a refusal: its name as the application gives it and the limits it is held to,
 * so the answer can say which limit was met and how to lift it.
 */
export interface RefusingPlan {
  readonly plan: string;
  readonly limits: PlanLimits;
}

/** An application whose lifecycle state disables it (suspended, revoked, rejected), with why. */
export interface DisabledRefusal {
  readonly admitted: false;
  readonly refusal: 'disabled';
  readonly description: string;
}

/** The verdict on one request. */
export type RequestDecision =
  | { readonly admitted: true; readonly report: LimitReport | null }
  | ({ readonly admitted: false; readonly refusal: 'suspended' } & RefusingPlan)
  | DisabledRefusal
  | FeatureRefusal
  | ({ readonly admitted: false; readonly refusal: 'vehicle-limit'; readonly maxConnectedVehicles: number } & RefusingPlan)
  | ({ readonly admitted: false; readonly refusal: LimitName; readonly report: LimitReport; readonly retryAfterSeconds: number } & RefusingPlan);

/** The verdict on connecting more vehicles. */
export type ConnectDecision =
  | { readonly admitted: true }
  | DisabledRefusal
  | ({ readonly admitted: false; readonly refusal: 'suspended' } & RefusingPlan)
  | ({ readonly admitted: false; readonly refusal: 'vehicle-limit'; readonly maxConnectedVehicles: number; readonly connectedVehicles: number } & RefusingPlan);

/** One request to check: `vehicleId` is the application's vehicle id the URL names, if any. */
export interface RequestSubject {
  readonly applicationId: string;
  readonly vehicleId: string | null;
  /** Requests this counts as: 1, or the number of paths of a batch. */
  readonly cost: number;
  /** The plan features the request needs (those of its endpoint); none when absent. */
  readonly features?: readonly PlanFeature[];
}

/** Options of {@link Limiter}. */
export interface LimiterOptions {
  readonly plans: PlanCatalog;
  readonly store: CounterStore;
  readonly applications: Pick<ApplicationRepository, 'findPlanStanding' | 'earliestConnectedVehicleIds'>;
  readonly connections: Pick<ConnectionRepository, 'findActiveByApplicationVehicleId'>;
  readonly now: () => Date;
  /** False enforces suspension only (`CARPORT_LIMITS_ENABLED=false`). Default true. */
  readonly enabled?: boolean;
  /** How long plan standings are reused; default {@link PLAN_CACHE_TTL_MS}. */
  readonly cacheTtlMs?: number;
  /** Told once per unknown plan name (the application is then held to the default plan). */
  readonly onUnknownPlan?: (plan: string) => void;
  /** Told when the counter store fails; the request is then admitted without counting. */
  readonly onStoreError?: (error: unknown) => void;
  /** Told when counting works again after {@link onStoreError}. */
  readonly onStoreRecovered?: () => void;
}

/**
 * How long a process reuses an application's plan, suspension and vehicle count. A change made
 * elsewhere (another process, the CLI) applies within this time.
 */
export const PLAN_CACHE_TTL_MS = 5_000;

/** Whole milliseconds between two tokens of a bucket refilling at `rate.refillPerMinute`. */
export function tokenIntervalMs(rate: BucketRate): number {
  return Math.max(1, Math.round(60_000 / rate.refillPerMinute));
}

/** The UTC calendar month of `nowMs` (`2026-11`) and the instant the next one starts. */
export function billingMonth(nowMs: number): { key: string; resetAtMs: number } {
  const now = new Date(nowMs);
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  return { key: `${year}-${String(month + 1).padStart(2, '0')}`, resetAtMs: Date.UTC(year, month + 1, 1) };
}

/** The refusal of an application its lifecycle state disables, read from the same cached standing as the plan. */
function disabledRefusal(standing: PlanStanding): DisabledRefusal | null {
  const description = vehicleApiRefusal(standing.lifecycleState, standing.lifecycleReason);
  return description === null ? null : { admitted: false, refusal: 'disabled', description };
}

interface NamedCheck {
  readonly name: LimitName;
  readonly limit: number;
  readonly check: CounterCheck;
}

const toReport = (named: NamedCheck, state: CounterState): LimitReport => ({
  name: named.name,
  limit: named.limit,
  remaining: state.remaining,
  resetSeconds: Math.ceil(state.resetMs / 1000),
});

/** Applies plans to requests and Connect; one per app instance. */
export class Limiter {
  readonly #options: LimiterOptions;
  readonly #standings: TtlCache<PlanStanding | null>;
  readonly #coveredVehicles: TtlCache<ReadonlySet<string>>;
  readonly #reportedPlans = new Set<string>();
  /** True from a failed count until the next successful one, so an outage is logged once, not per request. */
  #storeFailing = false;

  constructor(options: LimiterOptions) {
    this.#options = options;
    const cache = { ttlMs: options.cacheTtlMs ?? PLAN_CACHE_TTL_MS, nowMs: () => options.now().getTime() };
    this.#standings = new TtlCache(cache);
    this.#coveredVehicles = new TtlCache(cache);
  }

  /** The limits of plan `name`; an unknown name gets the default plan's (and is reported once). */
  planLimits(name: string): PlanLimits {
    const { limits, known } = heldPlan(this.#options.plans, name);
    if (!known && !this.#reportedPlans.has(name)) {
      this.#reportedPlans.add(name);
      this.#options.onUnknownPlan?.(name);
    }
    return limits;
  }

  /**
   * The first of `features` the application's plan lacks, or null when it has them all (or the
   * application is unknown). Uses the standing cached for requests, so it costs no extra query.
   */
  async lackedFeature(applicationId: string, features: readonly PlanFeature[]): Promise<FeatureRefusal | null> {
    if (features.length === 0) return null;
    const standing = await this.#standingOf(applicationId);
    return standing === null ? null : this.#featureRefusal(standing, features);
  }

  /** The plan the application is held to, under the name the application gives it; null for an unknown application. Cached like the standing. */
  async planOf(applicationId: string): Promise<{ readonly name: string; readonly limits: PlanLimits } | null> {
    const standing = await this.#standingOf(applicationId);
    return standing === null ? null : { name: standing.plan, limits: this.planLimits(standing.plan) };
  }

  /** Checks one request and, when it is admitted, charges its cost to every counter it touches. */
  async checkRequest(subject: RequestSubject): Promise<RequestDecision> {
    if (!Number.isInteger(subject.cost) || subject.cost < 1) throw new RangeError(`request cost must be a positive integer, got ${subject.cost}`);
    const standing = await this.#standingOf(subject.applicationId);
    if (standing === null) return { admitted: true, report: null };
    const plan = this.planLimits(standing.plan);
    const refusingPlan: RefusingPlan = { plan: standing.plan, limits: plan };
    if (standing.suspendedAt !== null) return { admitted: false, refusal: 'suspended', ...refusingPlan };
    const disabled = disabledRefusal(standing);
    if (disabled !== null) return disabled;
    // What a plan includes is not a limit: it holds with counting switched off, like suspension.
    const refusal = this.#featureRefusal(standing, subject.features ?? []);
    if (refusal !== null) return refusal;
    if (this.#options.enabled === false) return { admitted: true, report: null };
    const { vehicleId } = subject;
    const billedPlanLimits = vehicleId !== null && (plan.monthlyRequestsPerVehicle !== null || plan.maxConnectedVehicles !== null);
    const billed = billedPlanLimits && (await this.#isBilledVehicle(subject.applicationId, vehicleId));
    if (billed && plan.maxConnectedVehicles !== null && standing.connectedVehicles > plan.maxConnectedVehicles) {
      if (await this.#isBeyondPlan(subject.applicationId, vehicleId, plan.maxConnectedVehicles)) {
        return { admitted: false, refusal: 'vehicle-limit', maxConnectedVehicles: plan.maxConnectedVehicles, ...refusingPlan };
      }
    }
    const nowMs = this.#options.now().getTime();
    const checks = this.#checksFor(subject.applicationId, vehicleId, standing.plan, billed ? plan : { ...plan, monthlyRequestsPerVehicle: null }, nowMs);
    if (checks.length === 0) return { admitted: true, report: null };
    let outcome: ConsumeOutcome;
    try {
      outcome = await this.#options.store.consume(
        checks.map((named) => named.check),
        subject.cost,
        nowMs,
      );
    } catch (error) {
      // Failing open: a counter outage should not take the API down with it. Said once per outage.
      if (!this.#storeFailing) this.#options.onStoreError?.(error);
      this.#storeFailing = true;
      return { admitted: true, report: null };
    }
    if (this.#storeFailing) this.#options.onStoreRecovered?.();
    this.#storeFailing = false;
    const reports = checks.map((named, index) => toReport(named, outcome.states[index] ?? { remaining: 0, resetMs: 0, retryAfterMs: 0 }));
    const refused = checks[outcome.refusedIndex];
    const refusedReport = reports[outcome.refusedIndex];
    if (refused !== undefined && refusedReport !== undefined) {
      const retryAfterMs = outcome.states[outcome.refusedIndex]?.retryAfterMs ?? 0;
      return { admitted: false, refusal: refused.name, report: refusedReport, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)), ...refusingPlan };
    }
    // The limit closest to running out is the one a client should pace itself by.
    const closest = [...reports].sort((a, b) => a.remaining - b.remaining || b.resetSeconds - a.resetSeconds)[0];
    return { admitted: true, report: closest ?? null };
  }

  /** Whether the application may connect `additionalVehicles` more vehicles (read fresh, not cached). */
  async checkConnect(applicationId: string, additionalVehicles: number): Promise<ConnectDecision> {
    if (!Number.isInteger(additionalVehicles) || additionalVehicles < 0) throw new RangeError(`additional vehicles must be an integer ≥ 0, got ${additionalVehicles}`);
    const standing = await this.#options.applications.findPlanStanding(applicationId);
    if (standing === null) return { admitted: true };
    const refusingPlan: RefusingPlan = { plan: standing.plan, limits: this.planLimits(standing.plan) };
    if (standing.suspendedAt !== null) return { admitted: false, refusal: 'suspended', ...refusingPlan };
    const disabled = disabledRefusal(standing);
    if (disabled !== null) return disabled;
    if (this.#options.enabled === false) return { admitted: true };
    const max = refusingPlan.limits.maxConnectedVehicles;
    if (max !== null && standing.connectedVehicles + additionalVehicles > max) {
      return { admitted: false, refusal: 'vehicle-limit', maxConnectedVehicles: max, connectedVehicles: standing.connectedVehicles, ...refusingPlan };
    }
    return { admitted: true };
  }

  /** Drops what this process cached about an application (after its plan, suspension or connections changed here). */
  forget(applicationId: string): void {
    this.#standings.delete(applicationId);
    this.#coveredVehicles.delete(applicationId);
  }

  /** Whether the counters are being kept (`degraded`: requests are admitted uncounted). */
  storeHealth(): 'ok' | 'degraded' {
    return this.#options.store.health();
  }

  close(): Promise<void> {
    return this.#options.store.close();
  }

  #standingOf(applicationId: string): Promise<PlanStanding | null> {
    return this.#standings.get(applicationId, () => this.#options.applications.findPlanStanding(applicationId));
  }

  #featureRefusal(standing: PlanStanding, features: readonly PlanFeature[]): FeatureRefusal | null {
    const feature = lackedFeature(this.planLimits(standing.plan), features);
    return feature === undefined ? null : { admitted: false, refusal: 'plan-feature', plan: standing.plan, feature };
  }

  /**
   * Whether requests to the vehicle count against the plan: live vehicles do, test and simulated
   * ones are free (rate limits still apply to them). An unknown id is counted and left to the grant check.
   */
  async #isBilledVehicle(applicationId: string, vehicleId: string): Promise<boolean> {
    const connection = await this.#options.connections.findActiveByApplicationVehicleId(applicationId, vehicleId);
    return connection === null || connection.mode === 'live';
  }

  /** Vehicles beyond the plan are the most recently connected ones; an unknown id is left to the grant check. */
  async #isBeyondPlan(applicationId: string, vehicleId: string, max: number): Promise<boolean> {
    const covered = await this.#coveredVehicles.get(applicationId, async () => new Set(await this.#options.applications.earliestConnectedVehicleIds(applicationId, max)));
    if (covered.has(vehicleId)) return false;
    return (await this.#options.connections.findActiveByApplicationVehicleId(applicationId, vehicleId)) !== null;
  }

  /*
   * Keys share the `{app:<id>}` hash tag so one script's keys live in one Redis Cluster slot. Order
   * is precedence: a spent monthly allowance is reported before a momentary rate.
   * Buckets are kept per plan (`planName`): moving an application to another plan gives it and its
   * vehicles full buckets of that plan as soon as a process reads the new plan, in every counter
   * store alike and without anyone reaching the counters, so a plan change never locks an
   * application out of its new capacity. The monthly allowance counts requests whatever the plan,
   * so it carries over and the new plan's allowance applies to the month's count.
   */
  #checksFor(applicationId: string, vehicleId: string | null, planName: string, plan: PlanLimits, nowMs: number): NamedCheck[] {
    const checks: NamedCheck[] = [];
    const app = `{app:${applicationId}}`;
    const bucketsOfPlan = `${app}:plan:${planName}`;
    if (vehicleId !== null && plan.monthlyRequestsPerVehicle !== null) {
      const month = billingMonth(nowMs);
      checks.push({
        name: 'vehicle-requests',
        limit: plan.monthlyRequestsPerVehicle,
        check: { kind: 'quota', key: `${app}:vehicle:${vehicleId}:month:${month.key}`, limit: plan.monthlyRequestsPerVehicle, resetAtMs: month.resetAtMs },
      });
    }
    if (plan.applicationRate !== null) {
      const rate = plan.applicationRate;
      checks.push({ name: 'application-rate', limit: rate.capacity, check: { kind: 'bucket', key: `${bucketsOfPlan}:rate`, capacity: rate.capacity, intervalMs: tokenIntervalMs(rate) } });
    }
    if (vehicleId !== null && plan.vehicleRate !== null) {
      const rate = plan.vehicleRate;
      checks.push({
        name: 'vehicle-rate',
        limit: rate.capacity,
        check: { kind: 'bucket', key: `${bucketsOfPlan}:vehicle:${vehicleId}:rate`, capacity: rate.capacity, intervalMs: tokenIntervalMs(rate) },
      });
    }
    return checks;
  }
}
