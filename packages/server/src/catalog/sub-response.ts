/**
 * @module What the read path answers for one path, and the batch sub-response `{path, code, headers,
 * body}` it is written as: a batch answers each of its paths so, a single read sends one as its whole
 * response, and scheduled webhooks deliver each read path so.
 */
import type { ValidationDetail } from './api-error.js';
import { renderErrorBody } from './error-body.js';
import { findError } from './errors.js';
import type { ErrorDefinition } from './types.js';
import type { UnitSystem } from './units.js';

/**
 * One path's answer. `data`: the vehicle's body (in `unitSystem`), when the vehicle recorded it and
 * when it was fetched. `platform`: a body Carport answers from the grant itself (no vehicle asked, so
 * no data age). `refused`: the catalog pair (a pair the catalog lacks is answered `SERVER:INTERNAL`), with
 * the specific description or VALIDATION detail where there is one, and the upstream's `Retry-After`.
 */
export type PathAnswer =
  | { readonly kind: 'data'; readonly path: string; readonly body: unknown; readonly recordedAt: Date; readonly fetchedAt: Date; readonly unitSystem: UnitSystem }
  | { readonly kind: 'platform'; readonly path: string; readonly body: unknown }
  | {
      readonly kind: 'refused';
      readonly path: string;
      readonly error: { readonly type: string; readonly code: string | null; readonly description?: string | undefined; readonly detail?: readonly ValidationDetail[] | undefined };
      /** When the upstream said to retry (its rate limit), answered as `Retry-After`. */
      readonly retryAfterSeconds?: number | undefined;
    };

/** One path's answer as a batch sub-response. */
export interface SubResponse {
  readonly path: string;
  readonly code: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** The catalog pair of an error answer (for the request's log line); absent on success. */
  readonly error?: { readonly type: string; readonly code: string | null };
}

function definitionOf(type: string, code: string | null): ErrorDefinition {
  const definition = findError(type, code) ?? findError('SERVER', 'INTERNAL');
  if (definition === undefined) throw new Error('error catalog lacks SERVER:INTERNAL');
  return definition;
}

/**
 * When the vehicle recorded the data, never later than it was fetched. A provider's clock (a vehicle's,
 * or the simulator's accelerated time) can run ahead of Carport's; data cannot be recorded after it
 * was fetched, so such a time is clamped to the fetch time.
 */
function dataAge(recordedAt: Date, fetchedAt: Date): string {
  return (recordedAt.getTime() > fetchedAt.getTime() ? fetchedAt : recordedAt).toISOString();
}

/** `answer` as a sub-response; error bodies carry `requestId` and link into `errorDocsUrl`. */
export function subResponseOf(answer: PathAnswer, options: { readonly requestId: string; readonly errorDocsUrl: string }): SubResponse {
  switch (answer.kind) {
    case 'data':
      return {
        path: answer.path,
        code: 200,
        headers: { 'sc-data-age': dataAge(answer.recordedAt, answer.fetchedAt), 'sc-fetched-at': answer.fetchedAt.toISOString(), 'sc-unit-system': answer.unitSystem },
        body: answer.body,
      };
    case 'platform':
      return { path: answer.path, code: 200, headers: {}, body: answer.body };
    case 'refused': {
      const definition = definitionOf(answer.error.type, answer.error.code);
      return {
        path: answer.path,
        code: definition.statusCode,
        headers: answer.retryAfterSeconds === undefined ? {} : { 'retry-after': String(answer.retryAfterSeconds) },
        body: renderErrorBody(definition, { requestId: options.requestId, errorDocsUrl: options.errorDocsUrl, description: answer.error.description, detail: answer.error.detail }),
        error: { type: definition.type, code: definition.code },
      };
    }
    default:
      return answer satisfies never;
  }
}
