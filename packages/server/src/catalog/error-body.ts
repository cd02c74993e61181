/** @module The catalog error body, `{type, code, description, docURL, ...}`, as the seeds define it. */
import type { ErrorDefinition } from './types.js';
import type { ValidationDetail } from './api-error.js';

/**
 * The stable anchor of one error's row, which every error body's `docURL` points at: the type and code
 * in lower case joined by a hyphen, or the type alone for a null code. Codes never contain a hyphen,
 * so no two pairs share an anchor.
 * @example errorAnchor('VEHICLE_STATE', 'IN_MOTION') // 'vehicle_state-in_motion'
 * @example errorAnchor('AUTHENTICATION', null) // 'authentication'
 */
export function errorAnchor(type: string, code: string | null): string {
  return (code === null ? type : `${type}-${code}`).toLowerCase();
}

export interface ErrorBody {
  readonly type: string;
  readonly code: string | null;
  readonly description: string;
  readonly docURL: string;
  readonly statusCode: number;
  readonly requestId: string;
  readonly resolution: { readonly type: string | null };
  readonly suggestedUserMessage: string;
  readonly detail?: readonly ValidationDetail[];
}

/** Builds the body for one catalog error; `detail` is included only for VALIDATION, as the seeds say. */
export function renderErrorBody(
  definition: ErrorDefinition,
  context: { requestId: string; errorDocsUrl: string; description?: string | undefined; detail?: readonly ValidationDetail[] | undefined },
): ErrorBody {
  const body: ErrorBody = {
    type: definition.type,
    code: definition.code,
    description: context.description ?? definition.description,
    docURL: `${context.errorDocsUrl}#${errorAnchor(definition.type, definition.code)}`,
    statusCode: definition.statusCode,
    requestId: context.requestId,
    resolution: { type: definition.resolution },
    suggestedUserMessage: definition.suggestedUserMessage,
  };
  return definition.type === 'VALIDATION' ? { ...body, detail: context.detail ?? [] } : body;
}
