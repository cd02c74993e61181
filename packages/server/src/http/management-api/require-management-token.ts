/** @module The Management API's authentication step: the application's management token, or 401 AUTHENTICATION. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticateManagementToken, type ManagementRefusal } from '../../auth/authenticate-management-token.js';
import type { ApplicationRecord } from '../../store/index.js';
import type { AppContext } from '../../app/services.js';
import { ApiError } from '../../catalog/api-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The application a valid management token belongs to (set by `requireManagementToken`). */
    managedApplication?: ApplicationRecord;
  }
}

const refusalDescriptions: Readonly<Record<ManagementRefusal, string>> = {
  missing: 'The request has no management token. Send `Authorization: Basic base64("default:" + management token)`.',
  malformed: 'The Authorization header is not of the form `Basic base64("default:" + management token)`.',
  unknown: 'The management token is not valid.',
};

function refusalError(refusal: ManagementRefusal): ApiError {
  return new ApiError('AUTHENTICATION', null, { description: refusalDescriptions[refusal], headers: { 'WWW-Authenticate': 'Basic realm="carport-management"' } });
}

/** The refusal of a management token whose application is gone: as the token will be answered from now on. */
export function unknownManagementTokenError(): ApiError {
  return refusalError('unknown');
}

/** Authenticates one request by management token; throws 401 AUTHENTICATION otherwise. */
export async function authenticateManagementRequest(request: FastifyRequest, context: AppContext): Promise<ApplicationRecord> {
  const result = await authenticateManagementToken(request.headers.authorization, context.repositories.applications);
  if (!result.ok) throw refusalError(result.refusal);
  request.managedApplication = result.application;
  return result.application;
}

/** Adds management-token authentication to every route of `scope`. */
export function requireManagementToken(scope: FastifyInstance, context: AppContext): void {
  scope.decorateRequest('managedApplication', undefined);
  scope.addHook('onRequest', async (request) => {
    await authenticateManagementRequest(request, context);
  });
}

/** The authenticated application of a Management API route (the hook guarantees it is set). */
export function managedApplicationOf(request: FastifyRequest): ApplicationRecord {
  if (request.managedApplication === undefined) throw new ApiError('AUTHENTICATION', null);
  return request.managedApplication;
}
