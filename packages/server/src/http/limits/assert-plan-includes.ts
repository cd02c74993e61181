/** @module The plan check of surfaces that are not counted (webhook subscriptions, the Compatibility API): 430 when the plan lacks a feature. */
import type { PlanFeature } from '../../catalog/plan-features.js';
import type { AppContext } from '../../app/services.js';
import { invalidPlanError } from '../../limits/limit-answers.js';

/**
 * Throws 430 `BILLING:INVALID_PLAN` when the application's plan lacks one of `features`. Reads the
 * plan the limiter caches, so a plan changed elsewhere applies within `PLAN_CACHE_TTL_MS`.
 * @example
 * await assertPlanIncludes(context, application.id, routeFeatures(request));
 */
export async function assertPlanIncludes(context: AppContext, applicationId: string, features: readonly PlanFeature[]): Promise<void> {
  const refusal = await context.limiter.lackedFeature(applicationId, features);
  if (refusal !== null) throw invalidPlanError(refusal);
}
