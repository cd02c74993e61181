/** @module The plan catalog: how many vehicles, monthly requests and request rates each plan allows an application, and which features it includes. */
import { isPlanFeature, planFeatureNames, type PlanFeature } from './plan-features.js';

/** A token bucket: up to `capacity` requests at once, refilled at `refillPerMinute` requests a minute. */
export interface BucketRate {
  readonly capacity: number;
  readonly refillPerMinute: number;
}

/** What one plan allows an application; `null` means unlimited. */
export interface PlanLimits {
  /** Vehicles connected at once; Connect refuses more and the API answers 430 for the excess. */
  readonly maxConnectedVehicles: number | null;
  /** Requests to one vehicle in one calendar month (UTC); beyond it 430 `BILLING:VEHICLE_REQUEST_LIMIT`. */
  readonly monthlyRequestsPerVehicle: number | null;
  /** Per vehicle and application; beyond it 429 `RATE_LIMIT:VEHICLE`. */
  readonly vehicleRate: BucketRate | null;
  /** Per application, across its vehicles; beyond it 429 `RATE_LIMIT:SMARTCAR_API`. */
  readonly applicationRate: BucketRate | null;
  /** What the plan includes; a request needing any other feature answers 430 `BILLING:INVALID_PLAN`. */
  readonly features: readonly PlanFeature[];
}

/** Plans by name. */
export type PlanCatalog = Readonly<Record<string, PlanLimits>>;

/** Changes to the catalog from `CARPORT_PLANS`: fields of existing plans, or whole new plans. */
export type PlanOverrides = Readonly<Record<string, Partial<PlanLimits>>>;

/** The plan of new applications, and the one an application with an unknown plan name is held to. */
export const DEFAULT_PLAN = 'free';

/*
 * The public service documents an application bucket of 120 requests refilling at 2 a minute and
 * advises under 20 requests per vehicle an hour; `free` mirrors those, the larger plans scale them.
 * Every built-in plan includes every feature: applications created before plans had features keep
 * all they could do, and an operator who sells features apart restricts plans in `CARPORT_PLANS`.
 */
/** The built-in plans. */
export const defaultPlans = {
  free: {
    maxConnectedVehicles: 10,
    monthlyRequestsPerVehicle: 500,
    vehicleRate: { capacity: 20, refillPerMinute: 1 / 3 },
    applicationRate: { capacity: 120, refillPerMinute: 2 },
    features: planFeatureNames,
  },
  build: {
    maxConnectedVehicles: 100,
    monthlyRequestsPerVehicle: 1_000,
    vehicleRate: { capacity: 20, refillPerMinute: 1 / 3 },
    applicationRate: { capacity: 600, refillPerMinute: 60 },
    features: planFeatureNames,
  },
  scale: {
    maxConnectedVehicles: 5_000,
    monthlyRequestsPerVehicle: 5_000,
    vehicleRate: { capacity: 30, refillPerMinute: 1 / 2 },
    applicationRate: { capacity: 3_000, refillPerMinute: 600 },
    features: planFeatureNames,
  },
  enterprise: {
    maxConnectedVehicles: null,
    monthlyRequestsPerVehicle: null,
    vehicleRate: { capacity: 60, refillPerMinute: 1 },
    applicationRate: { capacity: 12_000, refillPerMinute: 6_000 },
    features: planFeatureNames,
  },
  /*
   * For exploring Carport locally (the demo application is on it): reading one vehicle over and
   * over, as a developer does while trying the API, should not meet free's per-vehicle bucket after
   * 20 reads. Its buckets still exist, so the `RateLimit-*` headers show what a client paces by.
   */
  development: {
    maxConnectedVehicles: 1_000,
    monthlyRequestsPerVehicle: null,
    vehicleRate: { capacity: 600, refillPerMinute: 60 },
    applicationRate: { capacity: 6_000, refillPerMinute: 600 },
    features: planFeatureNames,
  },
} as const satisfies PlanCatalog;

/** The plan the demo application is created on: meant for local exploration. */
export const DEVELOPMENT_PLAN = 'development';

/** The fields a new plan must set; `features` may be left out (the plan then includes every feature). */
const limitFields = ['maxConnectedVehicles', 'monthlyRequestsPerVehicle', 'vehicleRate', 'applicationRate'] as const;

/** What `CARPORT_PLANS` accepts, for the configuration reference and error messages. */
export const planOverridesAccepts =
  'a JSON object of plan name → limits, e.g. {"free":{"maxConnectedVehicles":50,"vehicleRate":{"capacity":20,"refillPerMinute":0.5},"features":["batch"]}}; ' +
  'fields: maxConnectedVehicles, monthlyRequestsPerVehicle (integers ≥ 0 or null for unlimited), vehicleRate, applicationRate ' +
  '({capacity: integer ≥ 1, refillPerMinute: number > 0} or null for unlimited), features (the plan\'s features, a list of ' +
  `${planFeatureNames.join(', ')}); a new plan needs the four limits, and includes every feature unless it lists them`;

type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseCount(value: unknown, where: string): Parsed<number | null> {
  if (value === null) return { ok: true, value: null };
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? { ok: true, value } : { ok: false, problem: `${where} must be an integer ≥ 0 or null` };
}

function parseRate(value: unknown, where: string): Parsed<BucketRate | null> {
  if (value === null) return { ok: true, value: null };
  const problem = `${where} must be {capacity: integer ≥ 1, refillPerMinute: number > 0} or null`;
  if (!isRecord(value) || Object.keys(value).some((key) => key !== 'capacity' && key !== 'refillPerMinute')) return { ok: false, problem };
  const { capacity, refillPerMinute } = value;
  if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 1) return { ok: false, problem };
  if (typeof refillPerMinute !== 'number' || !Number.isFinite(refillPerMinute) || refillPerMinute <= 0) return { ok: false, problem };
  return { ok: true, value: { capacity, refillPerMinute } };
}

function parseFeatures(value: unknown, where: string): Parsed<readonly PlanFeature[]> {
  const problem = `${where} must be a list of distinct features among ${planFeatureNames.join(', ')}`;
  if (!Array.isArray(value)) return { ok: false, problem };
  const features: PlanFeature[] = [];
  for (const item of value) {
    if (!isPlanFeature(item)) return { ok: false, problem: `${problem} (${JSON.stringify(item)} is not one)` };
    if (features.includes(item)) return { ok: false, problem: `${problem} (${item} is listed twice)` };
    features.push(item);
  }
  return { ok: true, value: features };
}

function parsePlan(name: string, value: unknown): Parsed<Partial<PlanLimits>> {
  if (!isRecord(value)) return { ok: false, problem: `plan "${name}" must be an object` };
  const plan: { -readonly [K in keyof PlanLimits]?: PlanLimits[K] } = {};
  for (const [field, raw] of Object.entries(value)) {
    if (field === 'features') {
      const parsed = parseFeatures(raw, `${name}.features`);
      if (!parsed.ok) return parsed;
      plan.features = parsed.value;
      continue;
    }
    const known = limitFields.find((candidate) => candidate === field);
    if (known === undefined) return { ok: false, problem: `plan "${name}" has an unknown field "${field}"` };
    if (known === 'vehicleRate' || known === 'applicationRate') {
      const parsed = parseRate(raw, `${name}.${known}`);
      if (!parsed.ok) return parsed;
      plan[known] = parsed.value;
    } else {
      const parsed = parseCount(raw, `${name}.${known}`);
      if (!parsed.ok) return parsed;
      plan[known] = parsed.value;
    }
  }
  if (!(name in defaultPlans) && limitFields.some((field) => !(field in plan))) {
    return { ok: false, problem: `new plan "${name}" must set all of ${limitFields.join(', ')}` };
  }
  return { ok: true, value: plan };
}

/**
 * Parses the `CARPORT_PLANS` setting (unset or empty: no overrides).
 * @example parsePlanOverrides('{"free":{"maxConnectedVehicles":50}}') // { ok: true, value: { free: { maxConnectedVehicles: 50 } } }
 */
export function parsePlanOverrides(raw: string | undefined): Parsed<PlanOverrides> {
  if (raw === undefined || raw.trim() === '') return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, problem: `${planOverridesAccepts} (the value is not valid JSON)` };
  }
  if (!isRecord(value)) return { ok: false, problem: planOverridesAccepts };
  const overrides: Record<string, Partial<PlanLimits>> = {};
  for (const [name, plan] of Object.entries(value)) {
    if (!/^[a-z][a-z0-9_-]{0,39}$/.test(name)) return { ok: false, problem: `${planOverridesAccepts} (plan name "${name}" must be lower-case letters, digits, - or _)` };
    const parsed = parsePlan(name, plan);
    if (!parsed.ok) return { ok: false, problem: `${planOverridesAccepts} (${parsed.problem})` };
    overrides[name] = parsed.value;
  }
  return { ok: true, value: overrides };
}

/** The built-in plans with `overrides` applied (field by field; new plans have their limits by validation). */
export function resolvePlans(overrides: PlanOverrides = {}): PlanCatalog {
  const plans: Record<string, PlanLimits> = { ...defaultPlans };
  for (const [name, override] of Object.entries(overrides)) {
    const base: PlanLimits = plans[name] ?? { maxConnectedVehicles: null, monthlyRequestsPerVehicle: null, vehicleRate: null, applicationRate: null, features: planFeatureNames };
    plans[name] = { ...base, ...override };
  }
  return Object.freeze(plans);
}

/**
 * The plan an application whose `plan` field is `name` is held to: that plan, or the default plan
 * when the catalog lacks it (`known` says which, so the caller can warn).
 */
export function heldPlan(plans: PlanCatalog, name: string): { readonly limits: PlanLimits; readonly known: boolean } {
  const plan = plans[name];
  if (plan !== undefined) return { limits: plan, known: true };
  const fallback = plans[DEFAULT_PLAN];
  if (fallback === undefined) throw new Error(`the plan catalog lacks the default plan "${DEFAULT_PLAN}"`);
  return { limits: fallback, known: false };
}

/**
 * The first of `needed` that `plan` does not include, or undefined when it includes them all.
 * @example lackedFeature(resolvePlans({ free: { features: [] } }).free, ['batch']) // 'batch'
 */
export function lackedFeature(plan: PlanLimits, needed: readonly PlanFeature[]): PlanFeature | undefined {
  return needed.find((feature) => !plan.features.includes(feature));
}
