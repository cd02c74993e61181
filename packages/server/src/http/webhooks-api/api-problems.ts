/** @module Turns the webhooks part's outcomes (validation problems, unknown ids) into catalog errors. */
import type { WebhookProblem } from '../../webhooks/validate-webhook.js';
import { ApiError } from '../../catalog/api-error.js';

/** 400 VALIDATION naming every invalid body field. */
export function validationError(problems: readonly WebhookProblem[]): ApiError {
  return new ApiError('VALIDATION', null, {
    description: 'The webhook definition is invalid; see `detail`.',
    detail: problems.map((problem) => ({ field: `body.${problem.field}`, message: problem.message })),
  });
}

/** 404 for an id the application does not own (another application's id looks the same as none). */
export function notFound(what: 'webhook' | 'delivery' | 'vehicle'): ApiError {
  return new ApiError('RESOURCE_NOT_FOUND', 'PATH', { description: `No ${what} with this id belongs to the application.` });
}
