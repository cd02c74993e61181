/**
 * @module Linking a NIO account: OAuth 2.0 authorization code with PKCE (S256) against NIO's
 * authorization server, the scopes being the data packages the application's permissions fall in,
 * and renewing tokens with the refresh token, which NIO rotates on every use. The token answer
 * names the account (`account_id`).
 */
import { CredentialRefreshError, type CredentialRenewal, type LinkResult, type ManufacturerTokens, type OAuthRedirectLinking } from '../contract/index.js';
import { nioScopesFor } from './nio-scopes.js';

export interface NioOAuthOptions {
  /** Base of NIO's authorization server (`/oauth2/authorize` and `/oauth2/token` below it). */
  readonly authUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly timeoutMs: number;
  readonly now: () => Date;
}

type TokenAnswer = { readonly status: number; readonly body: Readonly<Record<string, unknown>> } | { readonly status: 'unreachable' };

async function postToken(options: NioOAuthOptions, fields: Readonly<Record<string, string>>): Promise<TokenAnswer> {
  try {
    const response = await fetch(`${options.authUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ client_id: options.clientId, client_secret: options.clientSecret, ...fields }).toString(),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const body: unknown = await response.json().catch(() => ({}));
    return { status: response.status, body: typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {} };
  } catch {
    return { status: 'unreachable' };
  }
}

function tokensOf(body: Readonly<Record<string, unknown>>, now: Date): ManufacturerTokens | null {
  if (typeof body.access_token !== 'string' || body.access_token === '') return null;
  return {
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null,
    expiresAt: typeof body.expires_in === 'number' ? new Date(now.getTime() + body.expires_in * 1000) : null,
    scopes: typeof body.scope === 'string' ? body.scope.split(' ').filter((scope) => scope !== '') : [],
  };
}

export function nioLinking(options: NioOAuthOptions): OAuthRedirectLinking {
  return {
    kind: 'oauth-redirect',
    authorizationUrl: (request) => {
      const url = new URL(`${options.authUrl}/oauth2/authorize`);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: options.clientId,
        redirect_uri: request.redirectUri,
        scope: nioScopesFor(request.permissions).join(' '),
        state: request.state,
        code_challenge: request.codeChallenge,
        code_challenge_method: 'S256',
      }).toString();
      return url;
    },
    exchangeCode: async (callback): Promise<LinkResult> => {
      const answer = await postToken(options, { grant_type: 'authorization_code', code: callback.code, code_verifier: callback.codeVerifier, redirect_uri: callback.redirectUri });
      if (answer.status === 'unreachable' || answer.status === 429 || answer.status >= 500) return { ok: false, reason: 'throttled' };
      if (answer.status !== 200) return { ok: false, reason: 'invalid_grant' };
      const tokens = tokensOf(answer.body, options.now());
      const accountId = answer.body.account_id;
      if (tokens === null || typeof accountId !== 'string' || accountId === '') return { ok: false, reason: 'invalid_grant' };
      return { ok: true, account: { make: callback.make, mode: callback.mode, providerAccountId: accountId, email: null }, tokens };
    },
  };
}

export function nioRenewal(options: NioOAuthOptions): CredentialRenewal {
  return {
    refresh: async (_account, tokens) => {
      if (tokens.refreshToken === null) throw new CredentialRefreshError('rejected', 'NIO issued no refresh token for this account');
      const answer = await postToken(options, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken });
      if (answer.status === 'unreachable') throw new CredentialRefreshError('unavailable', "NIO's token endpoint did not answer");
      // Only NIO's word that the refresh token is no good means the owner must link again; a refused
      // client id or secret is Carport's misconfiguration, not the owner's to fix.
      if (answer.status === 400 && answer.body.error === 'invalid_grant') throw new CredentialRefreshError('rejected', 'NIO refused the refresh token: invalid_grant');
      const fresh = answer.status === 200 ? tokensOf(answer.body, options.now()) : null;
      if (fresh === null) throw new CredentialRefreshError('unavailable', `NIO's token endpoint answered HTTP ${answer.status}`);
      return fresh;
    },
  };
}
