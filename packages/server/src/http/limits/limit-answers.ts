/** @module How limit verdicts are worded over HTTP: the catalog errors (429, 430) and the `RateLimit-*` headers. */
import type { LimitReport, RequestDecision } from '../../limits/limiter.js';
import { ApiError } from '../api-error.js';

/** `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds) for one limit. */
export function rateLimitHeaders(report: LimitReport): Record<string, string> {
  return {
    'RateLimit-Limit': String(report.limit),
    'RateLimit-Remaining': String(report.remaining),
    'RateLimit-Reset': String(report.resetSeconds),
  };
}

/** The catalog error for a refused request, carrying the refused limit's headers and `Retry-After`. */
export function refusalError(decision: Exclude<RequestDecision, { admitted: true }>): ApiError {
  switch (decision.refusal) {
    case 'suspended':
      return new ApiError('BILLING', 'ACCOUNT_SUSPENDED');
    case 'vehicle-limit':
      return new ApiError('BILLING', 'VEHICLE_LIMIT', {
        description: `This vehicle is beyond the ${decision.maxConnectedVehicles} connected vehicles the application's plan allows. Disconnect vehicles or change the plan.`,
      });
    default: {
      const headers = { ...rateLimitHeaders(decision.report), 'Retry-After': String(decision.retryAfterSeconds) };
      if (decision.refusal === 'vehicle-requests') return new ApiError('BILLING', 'VEHICLE_REQUEST_LIMIT', { headers });
      if (decision.refusal === 'application-rate') return new ApiError('RATE_LIMIT', 'SMARTCAR_API', { headers });
      return new ApiError('RATE_LIMIT', 'VEHICLE', { headers });
    }
  }
}
