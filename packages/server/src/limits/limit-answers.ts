/** @module How limit verdicts are worded over HTTP: the catalog errors (429, 430) and the `RateLimit-*` headers. */
import { planFeatureDefinition, type PlanFeature } from '../catalog/plan-features.js';
import type { LimitReport, RequestDecision } from './limiter.js';
import { ApiError } from '../catalog/api-error.js';
import { applicationRateDescription, suspendedDescription, vehicleBeyondPlanDescription, vehicleRateDescription, vehicleRequestsDescription } from './limit-descriptions.js';

/** `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds) for one limit. */
export function rateLimitHeaders(report: LimitReport): Record<string, string> {
  return {
    'RateLimit-Limit': String(report.limit),
    'RateLimit-Remaining': String(report.remaining),
    'RateLimit-Reset': String(report.resetSeconds),
  };
}

/**
 * 430 `BILLING:INVALID_PLAN` naming the feature and the plan that lacks it, and how the plan is
 * changed: only an operator can, so the developer learns whom to ask and for what.
 */
export function invalidPlanError(refusal: { readonly plan: string; readonly feature: PlanFeature }): ApiError {
  const { description } = planFeatureDefinition(refusal.feature);
  return new ApiError('BILLING', 'INVALID_PLAN', {
    description:
      `The application's plan \`${refusal.plan}\` does not include \`${refusal.feature}\` (${description}). ` +
      'An operator can move the application to a plan that does: `carport apps set-plan <client id> <plan>`.',
  });
}

/**
 * What to tell a batch that costs more than the refused limit ever holds: waiting alone never
 * admits it, so the answer says how large a batch may be before what the plan allows.
 */
function beyondLimitDescription(cost: number, limit: number): string {
  return cost > limit ? `This batch counts as ${cost} requests, more than this limit ever allows at once (${limit}); send at most ${limit} paths per batch. ` : '';
}

/**
 * The catalog error for a refused request of `cost` requests (1, or a batch's path count),
 * carrying the refused limit's headers and `Retry-After`.
 */
export function refusalError(decision: Exclude<RequestDecision, { admitted: true }>, cost = 1): ApiError {
  switch (decision.refusal) {
    case 'suspended':
      return new ApiError('BILLING', 'ACCOUNT_SUSPENDED', { description: suspendedDescription(decision) });
    case 'disabled':
      return new ApiError('BILLING', 'ACCOUNT_SUSPENDED', { description: decision.description });
    case 'plan-feature':
      return invalidPlanError(decision);
    case 'vehicle-limit':
      return new ApiError('BILLING', 'VEHICLE_LIMIT', { description: vehicleBeyondPlanDescription(decision, decision.maxConnectedVehicles) });
    default: {
      const headers = { ...rateLimitHeaders(decision.report), 'Retry-After': String(decision.retryAfterSeconds) };
      const batch = beyondLimitDescription(cost, decision.report.limit);
      if (decision.refusal === 'vehicle-requests') {
        return new ApiError('BILLING', 'VEHICLE_REQUEST_LIMIT', { headers, description: batch + vehicleRequestsDescription(decision, decision.report.limit) });
      }
      if (decision.refusal === 'application-rate') return new ApiError('RATE_LIMIT', 'SMARTCAR_API', { headers, description: batch + applicationRateDescription(decision) });
      return new ApiError('RATE_LIMIT', 'VEHICLE', { headers, description: batch + vehicleRateDescription(decision) });
    }
  }
}
