/** @module The catalog error body tests expect, built from the error catalog so a test states only what varies. */
import { findError } from '../../src/catalog/errors.js';

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
