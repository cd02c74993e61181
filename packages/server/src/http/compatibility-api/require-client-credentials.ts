/**
 * @module The Compatibility API's authentication step: the application's client id and secret over
 * HTTP Basic, checked as the token endpoint checks them, but refused with the catalog's 401
 * AUTHENTICATION body rather than the OAuth error shape; then the application's plan must include
 * the API.
 */
import type { FastifyInstance } from 'fastify';
import { authenticateClient, presentedClient } from '../../auth/client-authentication.js';
import { OAuthError } from '../../auth/oauth-error.js';
import type { ApplicationRecord } from '../../store/index.js';
import type { AppContext } from '../../app/services.js';
import { ApiError } from '../../catalog/api-error.js';
import { assertPlanIncludes } from '../limits/assert-plan-includes.js';
import { routeFeatures } from '../limits/route-features.js';

const challenge = { 'WWW-Authenticate': 'Basic realm="carport-compatibility"' };

/** Why a request was refused; the descriptions say what to send, never which part was wrong. */
export const clientCredentialRefusals = {
  missing: 'The request has no client credentials. Send `Authorization: Basic base64(client_id:client_secret)`.',
  malformed: 'The Authorization header is not of the form `Basic base64(client_id:client_secret)`.',
  invalid: 'The client id and secret are not valid.',
} as const;

function refuse(description: string): ApiError {
  return new ApiError('AUTHENTICATION', null, { description, headers: challenge });
}

/** The application whose client credentials the Authorization header carries; throws 401 AUTHENTICATION otherwise. */
export async function authenticateClientCredentials(authorization: string | undefined, context: AppContext): Promise<ApplicationRecord> {
  if (authorization === undefined || authorization.trim() === '') throw refuse(clientCredentialRefusals.missing);
  if (!/^Basic +\S/i.test(authorization)) throw refuse(clientCredentialRefusals.malformed);
  try {
    // An empty form: only the Basic header counts here, there is no body to carry credentials.
    const client = presentedClient(authorization, {});
    // A Basic header always carries a secret (possibly empty), so public clients cannot slip through.
    if (client.clientSecret === null || client.clientSecret === '') throw refuse(clientCredentialRefusals.invalid);
    return await authenticateClient(client, context.repositories.applications);
  } catch (error) {
    if (error instanceof OAuthError) {
      throw refuse(error.error === 'invalid_client' && /malformed/i.test(error.message) ? clientCredentialRefusals.malformed : clientCredentialRefusals.invalid);
    }
    throw error;
  }
}

/** Adds client-credential authentication, and the plan check, to every route of `scope`. */
export function requireClientCredentials(scope: FastifyInstance, context: AppContext): void {
  scope.addHook('onRequest', async (request) => {
    const application = await authenticateClientCredentials(request.headers.authorization, context);
    await assertPlanIncludes(context, application.id, routeFeatures(request));
  });
}
