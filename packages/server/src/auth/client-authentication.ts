/** @module Who is calling the token endpoint: HTTP Basic, `client_secret_post`, or a public client with PKCE. */
import type { ApplicationRecord, ApplicationRepository } from '../store/index.js';
import { OAuthError } from './oauth-error.js';

/** Client credentials as presented. */
export interface PresentedClient {
  readonly clientId: string;
  /** Null when no secret was sent (a public client). */
  readonly clientSecret: string | null;
  readonly method: 'client_secret_basic' | 'client_secret_post' | 'none';
}

const challengeHeader = { 'WWW-Authenticate': 'Basic realm="carport"' };

function invalidClient(description: string): OAuthError {
  return new OAuthError('invalid_client', description, challengeHeader);
}

/** Reads credentials from the Basic header or the form body (RFC 6749 §2.3.1); using both is refused. */
export function presentedClient(authorization: string | undefined, form: Readonly<Record<string, string | undefined>>): PresentedClient {
  const fromBody = form.client_id;
  if (authorization !== undefined && /^Basic /i.test(authorization)) {
    if (fromBody !== undefined && form.client_secret !== undefined) throw new OAuthError('invalid_request', 'Send client credentials in the Authorization header or in the body, not both.');
    const decoded = Buffer.from(authorization.replace(/^Basic +/i, ''), 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (separator <= 0) throw invalidClient('The Basic Authorization header is malformed.');
    // RFC 6749 §2.3.1: both parts are form-url-encoded before Basic encoding.
    try {
      const clientId = decodeURIComponent(decoded.slice(0, separator));
      const clientSecret = decodeURIComponent(decoded.slice(separator + 1));
      return { clientId, clientSecret, method: 'client_secret_basic' };
    } catch {
      throw invalidClient('The Basic Authorization header is malformed.');
    }
  }
  if (fromBody === undefined || fromBody === '') throw invalidClient('Client authentication is required: send `Authorization: Basic base64(client_id:client_secret)`.');
  const secret = form.client_secret;
  return secret === undefined || secret === '' ? { clientId: fromBody, clientSecret: null, method: 'none' } : { clientId: fromBody, clientSecret: secret, method: 'client_secret_post' };
}

/** The refusal of a client that authenticated and was deleted before its tokens were issued: as it will be answered from now on. */
export function clientAuthenticationFailed(): OAuthError {
  return invalidClient('Client authentication failed.');
}

/** Authenticates the client; public clients are accepted without a secret (PKCE is then enforced by the grant). */
export async function authenticateClient(client: PresentedClient, applications: ApplicationRepository): Promise<ApplicationRecord> {
  if (client.clientSecret === null) {
    const application = await applications.findByClientId(client.clientId);
    if (application === null || !application.isPublic) throw clientAuthenticationFailed();
    return application;
  }
  const application = await applications.verifyClientSecret(client.clientId, client.clientSecret);
  if (application === null) throw clientAuthenticationFailed();
  return application;
}
