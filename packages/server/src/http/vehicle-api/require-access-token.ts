/** @module The Vehicle API's authentication step: a valid bearer access token, or 401 AUTHENTICATION. */
import type { FastifyInstance } from 'fastify';
import { authenticateAccessToken, type AccessContext, type AccessRefusal } from '../../auth/authenticate-access-token.js';
import type { AppContext } from '../app-context.js';
import { ApiError } from '../api-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireAccessToken` on every Vehicle API request that passed authentication. */
    access?: AccessContext;
  }
}

/** What each refusal tells the developer; none says whether a token exists for another application. */
const refusalDescriptions: Readonly<Record<AccessRefusal, string>> = {
  missing: 'The request has no access token. Send `Authorization: Bearer <access token>`.',
  malformed: 'The Authorization header is not of the form `Bearer <access token>`.',
  unknown: 'The access token is not valid.',
  expired: 'The access token has expired. Exchange the refresh token for a new pair.',
  revoked: 'The access token has been revoked.',
};

/** Adds the authentication step to every route of `scope`. */
export function requireAccessToken(scope: FastifyInstance, context: AppContext): void {
  scope.decorateRequest('access', undefined);
  scope.addHook('onRequest', async (request) => {
    const result = await authenticateAccessToken(request.headers.authorization, context.repositories.tokens, context.now());
    if (!result.ok) {
      throw new ApiError('AUTHENTICATION', null, {
        description: refusalDescriptions[result.refusal],
        headers: { 'WWW-Authenticate': 'Bearer realm="carport"' },
      });
    }
    request.access = result.access;
  });
}

/** The authenticated caller of a Vehicle API route (the hook guarantees it is set). */
export function accessOf(request: { access?: AccessContext | undefined }): AccessContext {
  if (request.access === undefined) throw new ApiError('AUTHENTICATION', null);
  return request.access;
}
