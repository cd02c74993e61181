/** @module `POST /oauth/token`: client authentication, then the grant named by `grant_type`; errors in the OAuth shape. */
import formBody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import { authenticateClient, presentedClient } from '../../auth/client-authentication.js';
import { OAuthError } from '../../auth/oauth-error.js';
import { tokenGrants } from '../../auth/token-grants/index.js';
import { sdkUnsetValue } from '../../auth/token-grants/redirect-uri-binding.js';
import { ApiError } from '../../catalog/api-error.js';
import type { AppContext } from '../../app/services.js';
import { tokenOperation } from '../../catalog/operations/index.js';
import { catalogRoute } from '../catalog-route.js';

/**
 * Form fields as strings. The official SDK writes the word `undefined` for options it was not given;
 * that counts as absent, except in `redirect_uri`, where the code grant decides what it may stand for.
 */
function formFields(body: unknown): Record<string, string | undefined> {
  if (body === null || typeof body !== 'object') return {};
  const fields: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string' && (value !== sdkUnsetValue || name === 'redirect_uri')) fields[name] = value;
    else if (Array.isArray(value)) throw new OAuthError('invalid_request', `The \`${name}\` parameter is repeated.`);
  }
  return fields;
}

function secondsUntil(iso: string, now: Date): number {
  return Math.max(0, Math.round((Date.parse(iso) - now.getTime()) / 1000));
}

/** A body the parsers refuse (malformed JSON or form, a number too large) or another 4xx from Fastify: the client's mistake. */
function isClientMistake(error: unknown): boolean {
  if (error instanceof ApiError) return error.type === 'VALIDATION';
  return error instanceof Error && 'statusCode' in error && typeof error.statusCode === 'number' && error.statusCode < 500;
}

export async function registerTokenRoute(scope: FastifyInstance, context: AppContext): Promise<void> {
  await scope.register(formBody);
  scope.setErrorHandler((error, request, reply) => {
    const oauthFailure = error instanceof OAuthError ? error : isClientMistake(error) ? new OAuthError('invalid_request', 'The request could not be parsed.') : undefined;
    if (oauthFailure === undefined) {
      request.log.error({ err: error, requestId: request.id }, 'token endpoint failed');
    }
    const answer = oauthFailure ?? new OAuthError('server_error');
    for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
    return reply.code(answer.statusCode).header('Cache-Control', 'no-store').header('Pragma', 'no-cache').send(answer.toBody());
  });
  scope.route({
    ...catalogRoute(tokenOperation),
    // Validation is the grants' job: each failure must be an OAuth error such as unsupported_grant_type.
    validatorCompiler: () => () => true,
    handler: async (request, reply) => {
      const form = formFields(request.body);
      const client = presentedClient(request.headers.authorization, form);
      const application = await authenticateClient(client, context.repositories.applications);
      const grantType = form.grant_type;
      if (grantType === undefined) throw new OAuthError('invalid_request', 'The `grant_type` parameter is required.');
      const grant = tokenGrants.get(grantType);
      if (grant === undefined) throw new OAuthError('unsupported_grant_type');
      const issued = await grant(context, { application, confidential: client.clientSecret !== null, form });
      const now = context.now();
      return reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache').send({
        access_token: issued.accessToken,
        token_type: 'Bearer',
        expires_in: secondsUntil(issued.record.accessExpiresAt, now),
        refresh_token: issued.refreshToken,
        refresh_expires_in: secondsUntil(issued.record.refreshExpiresAt, now),
      });
    },
  });
}
