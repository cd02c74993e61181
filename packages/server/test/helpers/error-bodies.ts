/** @module The catalog error body tests expect, built from the error catalog so a test states only what varies. */
import { findError } from '../../src/catalog/errors.js';
import { errorAnchor } from '../../src/catalog/error-body.js';

/** The whole VALIDATION body (test app's `PUBLIC_URL`) with one `detail` entry; `code` `PARAMETER` for a refused parameter value. */
export function validationBody(requestId: unknown, field: string, message: string, code: 'PARAMETER' | null = null) {
  const definition = findError('VALIDATION', code);
  return {
    type: 'VALIDATION',
    code,
    description: definition?.description,
    docURL: `http://carport.test/docs/errors#validation${code === null ? '' : '-parameter'}`,
    statusCode: 400,
    requestId,
    resolution: { type: definition?.resolution ?? null },
    suggestedUserMessage: definition?.suggestedUserMessage,
    detail: [{ field, message }],
  };
}

/** The whole body of any catalog error (test app's `PUBLIC_URL`); `description` defaults to the catalog's. */
export function catalogErrorBody(requestId: unknown, type: string, code: string | null, description?: string) {
  const definition = findError(type, code);
  if (definition === undefined) throw new Error(`${type}/${String(code)} is not in the error catalog`);
  return {
    type,
    code,
    description: description ?? definition.description,
    docURL: `http://carport.test/docs/errors#${errorAnchor(type, code)}`,
    statusCode: definition.statusCode,
    requestId,
    resolution: { type: definition.resolution },
    suggestedUserMessage: definition.suggestedUserMessage,
  };
}
