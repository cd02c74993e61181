/** @module The Vehicle API's authentication step: a valid bearer access token, or 401 AUTHENTICATION. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticateAccessToken, type AccessContext, type AccessRefusal } from '../../auth/authenticate-access-token.js';
import { authenticateManagementToken } from '../../auth/authenticate-management-token.js';
import { revokedAccessTokenDescription } from '../../auth/revocation-descriptions.js';
import type { AppContext } from '../../app/services.js';
import { ApiError } from '../../catalog/api-error.js';
import { authenticateManagementRequest } from '../management-api/require-management-token.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireAccessToken` on every Vehicle API request that passed authentication. */
    access?: AccessContext;
  }
  interface FastifyContextConfig {
    /**
     * The route also accepts the application's management token, as `Bearer <token>` or
     * `Basic base64("default:" + token)`; the request then carries `managedApplication`, not `access`.
     */
    acceptsManagementToken?: boolean;
  }
}

/** Spread into the route config of a route that also accepts the management token (disconnect, per the March 2023 changelog). */
export const managementTokenAccepted = { acceptsManagementToken: true } as const;

/** What each refusal tells the developer; none says whether a token exists for another application. A revoked token's says why. */
const refusalDescriptions: Readonly<Record<Exclude<AccessRefusal, 'revoked'>, string>> = {
  missing: 'The request has no access token. Send `Authorization: Bearer <access token>`.',
  malformed: 'The Authorization header is not of the form `Bearer <access token>`.',
  unknown: 'The access token is not valid.',
  expired: 'The access token has expired. Exchange the refresh token for a new pair.',
};

const bearerChallenge = { 'WWW-Authenticate': 'Bearer realm="carport"' };

/** Adds the authentication step to every route of `scope`. */
export function requireAccessToken(scope: FastifyInstance, context: AppContext): void {
  scope.decorateRequest('access', undefined);
  scope.decorateRequest('managedApplication', undefined);
  scope.addHook('onRequest', async (request) => {
    const { authorization } = request.headers;
    const acceptsManagementToken = request.routeOptions.config.acceptsManagementToken === true;
    // A Basic header is never an access token: on such routes it is the management token's documented form.
    if (acceptsManagementToken && /^\s*basic\s/i.test(authorization ?? '')) {
      await authenticateManagementRequest(request, context);
      return;
    }
    const result = await authenticateAccessToken(authorization, context.repositories.tokens, context.now());
    if (result.ok) {
      request.access = result.access;
      return;
    }
    if (acceptsManagementToken && result.refusal === 'unknown') {
      const management = await authenticateManagementToken(authorization, context.repositories.applications);
      if (management.ok) {
        request.managedApplication = management.application;
        return;
      }
    }
    throw new ApiError('AUTHENTICATION', null, {
      description: result.refusal === 'revoked' ? revokedAccessTokenDescription(result.revocationReason) : refusalDescriptions[result.refusal],
      headers: bearerChallenge,
    });
  });
}

/** The refusal of a token the store does not know (any more). */
export function unknownAccessTokenError(): ApiError {
  return new ApiError('AUTHENTICATION', null, { description: refusalDescriptions.unknown, headers: bearerChallenge });
}

/** The application on whose behalf a Vehicle API request was authenticated, by either credential. */
export function callerApplicationIdOf(request: FastifyRequest): string {
  const applicationId = request.access?.applicationId ?? request.managedApplication?.id;
  if (applicationId === undefined) throw new ApiError('AUTHENTICATION', null);
  return applicationId;
}

/** The authenticated caller of a Vehicle API route (the hook guarantees it is set). */
export function accessOf(request: { access?: AccessContext | undefined }): AccessContext {
  if (request.access === undefined) throw new ApiError('AUTHENTICATION', null);
  return request.access;
}
