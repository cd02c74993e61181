/** @module Lifecycle outcomes in the catalog's error shape. */
import { ApiError, type ValidationDetail } from '../../catalog/api-error.js';
import type { ActionOutcome } from '../../partner-lifecycle/lifecycle-actions.js';
import type { ApplicationRecord } from '../../store/index.js';

/** The application an action changed, or the 400 that says why it was not taken (naming the field to change). */
export function appliedOrRefused(outcome: ActionOutcome): ApplicationRecord {
  if (outcome.ok) return outcome.application;
  const field = outcome.problem === 'invalid_data_packages' ? 'body.dataPackages' : outcome.problem === 'checklist_incomplete' ? 'body.force' : 'action';
  return refuse(outcome.message, [{ field, message: outcome.message }]);
}

/** 400 VALIDATION:PARAMETER with `detail`. */
export function refuse(description: string, detail: readonly ValidationDetail[]): never {
  throw new ApiError('VALIDATION', 'PARAMETER', { description, detail });
}

/** 404 for a client id no application has. */
export function unknownApplication(clientId: string): ApiError {
  return new ApiError('RESOURCE_NOT_FOUND', 'PATH', { description: `No application has client id ${clientId}.` });
}
