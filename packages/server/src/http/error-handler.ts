/** @module Turns every failure into the error catalog's body; nothing internal ever reaches a client. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findError } from '../catalog/errors.js';
import { ApiError, type ValidationDetail } from '../catalog/api-error.js';
import { renderErrorBody } from '../catalog/error-body.js';
import { validationDetail } from './validation-detail.js';
import { isStoreUnavailableError, StoreInconsistencyError } from '../store/index.js';
import { inconsistencyError, logInconsistency } from '../store/inconsistency-answer.js';
import { sendStoreUnavailable } from './store-unavailable.js';
import type { HttpMethod } from '../catalog/types.js';
import { upperCaseMakeRefusal } from '../vehicle-data/resolve-vehicle-path.js';
import type { RouteDirectory } from './route-directory.js';

/** Fastify's own client errors, described in our words (their messages can quote internals). */
const fastifyClientErrors: Readonly<Record<string, ValidationDetail>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { field: 'headers.content-type', message: 'Unsupported Content-Type; send application/json.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { field: 'body', message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { field: 'headers.content-length', message: 'Content-Length does not match the body.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { field: 'body', message: 'The request body is empty.' },
  FST_ERR_BAD_URL: { field: 'url', message: 'The request URL is malformed.' },
  FST_ERR_ASYNC_CONSTRAINT: { field: 'url', message: 'The request could not be routed.' },
};

const incompleteBody: ValidationDetail = { field: 'body', message: 'The request body was not received completely.' };

/** Answers the errors Fastify raises before routing (e.g. `FST_ERR_BAD_URL`) in the catalog's shape. */
export function frameworkErrorHandler(errorDocsUrl: string): (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void {
  return (error, request, reply) => {
    const known = fastifyClientErrors[error.code] ?? { field: 'request', message: 'The request could not be processed.' };
    // Framework errors skip the onSend hooks, which add the request id everywhere else.
    reply.header('SC-Request-Id', request.id);
    sendApiError(reply, request, new ApiError('VALIDATION', null, { detail: [known] }), errorDocsUrl);
  };
}

/**
 * Installs the catalog error handler and the not-found handler on `app` (and every child scope).
 * `routes` lets a miss say more than "not found": the methods a known path accepts, or a near path.
 */
export function registerErrorHandling(app: FastifyInstance, errorDocsUrl: string, routes: RouteDirectory): void {
  app.setErrorHandler((error: FastifyError | ApiError | StoreInconsistencyError, request, reply) => {
    if (error instanceof StoreInconsistencyError) {
      logInconsistency(request.log, error, request.id);
      return sendApiError(reply, request, inconsistencyError(error), errorDocsUrl);
    }
    // A body the client stopped sending (it went away, or its request timed out) fails with a
    // connection reset, which would otherwise read as the database's network failing.
    const apiError = toApiError(error) ?? (request.raw.readableAborted ? new ApiError('VALIDATION', null, { detail: [incompleteBody] }) : undefined);
    if (apiError === undefined && isStoreUnavailableError(error)) {
      request.log.error({ err: error, requestId: request.id }, 'database unavailable');
      return sendStoreUnavailable(reply, request, errorDocsUrl);
    }
    if (apiError === undefined) {
      request.log.error({ err: error, requestId: request.id }, 'unhandled error');
      return sendApiError(reply, request, new ApiError('SERVER', 'INTERNAL'), errorDocsUrl);
    }
    return sendApiError(reply, request, apiError, errorDocsUrl);
  });
  app.setNotFoundHandler((request, reply) => {
    if (upperCaseMakeRefusal(request.method as HttpMethod, request.url) !== null) {
      return sendApiError(reply, request, new ApiError('PERMISSION', null, { description: 'Make-specific paths take the make in lower case.' }), errorDocsUrl);
    }
    if (isUnknownVersion(request.url)) return sendApiError(reply, request, new ApiError('RESOURCE_NOT_FOUND', 'VERSION'), errorDocsUrl);
    const path = request.url.split('?', 1)[0] ?? '';
    const allowed = routes.allowedMethods(path);
    if (allowed.length > 0) {
      const description = `${path} does not accept ${request.method}; it accepts ${allowed.join(', ')}.`;
      return sendApiError(reply, request, new ApiError('RESOURCE_NOT_FOUND', 'METHOD', { description, headers: { allow: allowed.join(', ') } }), errorDocsUrl);
    }
    const nearest = routes.nearestPath(request.method, path);
    const description = nearest === null ? undefined : `No endpoint at ${request.method} ${path}. Did you mean ${request.method} ${nearest}?`;
    return sendApiError(reply, request, new ApiError('RESOURCE_NOT_FOUND', 'PATH', { description }), errorDocsUrl);
  });
}

/** Sends `error` in the catalog shape; an unknown `(type, code)` pair is a server bug, answered as 500. */
export function sendApiError(reply: FastifyReply, request: FastifyRequest, error: ApiError, errorDocsUrl: string): FastifyReply {
  const definition = findError(error.type, error.code);
  if (definition === undefined) {
    request.log.error({ type: error.type, code: error.code, requestId: request.id }, 'error not in the catalog');
    return sendApiError(reply, request, new ApiError('SERVER', 'INTERNAL'), errorDocsUrl);
  }
  if (definition.statusCode >= 500) {
    request.log.error({ type: error.type, code: error.code, requestId: request.id, err: error }, 'server-side failure answered');
  }
  reply.answeredError = { type: error.type, code: error.code };
  for (const [name, value] of Object.entries(error.options.headers ?? {})) reply.header(name, value);
  return reply
    .code(definition.statusCode)
    .type('application/json; charset=utf-8')
    .send(renderErrorBody(definition, { requestId: request.id, errorDocsUrl, description: error.options.description, detail: error.options.detail }));
}

function toApiError(error: FastifyError | ApiError): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error.validation !== undefined) {
    return new ApiError('VALIDATION', null, { detail: validationDetail(error.validation, error.validationContext ?? 'request') });
  }
  const known = fastifyClientErrors[error.code];
  if (known !== undefined) return new ApiError('VALIDATION', null, { detail: [known] });
  return undefined;
}

/** `/v1.0/...`, `/v3/...`: a versioned path whose version Carport does not serve. */
function isUnknownVersion(url: string): boolean {
  const match = /^\/v(\d+(?:\.\d+)?)(?:[/?]|$)/.exec(url);
  return match !== null && match[1] !== '2.0';
}
