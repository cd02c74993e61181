/** @module Stored records that contradict each other, as the catalog answers them: 500 `RECORD_NOT_FOUND` or `MULTIPLE_RECORDS_FOUND`, code `INTERNAL`. */
import type { Logger } from 'pino';
import type { StoreInconsistencyError } from './errors.js';
import { ApiError } from '../catalog/api-error.js';

/** The catalog error for `error`; the ids stay in the log, never in the body. */
export function inconsistencyError(error: StoreInconsistencyError): ApiError {
  return error.kind === 'missing' ? new ApiError('RECORD_NOT_FOUND', 'INTERNAL') : new ApiError('MULTIPLE_RECORDS_FOUND', 'INTERNAL');
}

/** Logs `error` at error level with the ids an operator needs to repair the records. */
export function logInconsistency(logger: Pick<Logger, 'error'>, error: StoreInconsistencyError, requestId: string): void {
  logger.error({ err: error, requestId, inconsistency: error.kind, subject: error.subject, ids: error.ids }, 'stored records are inconsistent');
}
