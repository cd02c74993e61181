/** @module The answer while the database cannot serve: 503 with `Retry-After`, in the catalog's `SERVER:INTERNAL` shape. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { findError } from '../catalog/errors.js';
import { renderErrorBody } from '../catalog/error-body.js';

/** A database outage is usually short; clients retry after this many seconds. */
export const storeRetryAfterSeconds = 5;

/**
 * The catalog has no row for "try again shortly" on Carport's own side, so the `SERVER:INTERNAL`
 * body is sent with the status and resolution that tell clients (and load balancers) the failure is
 * transient: 503, `RETRY_LATER`, `Retry-After`.
 */
export function sendStoreUnavailable(reply: FastifyReply, request: FastifyRequest, errorDocsUrl: string): FastifyReply {
  const definition = findError('SERVER', 'INTERNAL');
  if (definition === undefined) throw new Error('the error catalog lacks SERVER:INTERNAL');
  const body = renderErrorBody(definition, { requestId: request.id, errorDocsUrl, description: 'Carport cannot reach its database right now; retry shortly.' });
  return reply
    .code(503)
    .header('Retry-After', String(storeRetryAfterSeconds))
    .type('application/json; charset=utf-8')
    .send({ ...body, statusCode: 503, resolution: { type: 'RETRY_LATER' } });
}
