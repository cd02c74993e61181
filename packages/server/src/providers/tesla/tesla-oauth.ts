/**
 * @module Linking a Tesla account: OAuth 2.0 authorization code with PKCE (S256) against Tesla's
 * authorization server, and renewing its tokens with the refresh token, which Tesla rotates on
 * every use. The account is identified by the ID token's `sub` (received straight from the token
 * endpoint over the connection Carport opened, so its signature is not needed to trust it).
 */
import { CredentialRefreshError, type CredentialRenewal, type LinkResult, type ManufacturerTokens, type OAuthRedirectLinking } from '../contract/index.js';

/** Every scope Carport may ask for: data, location, commands, charging commands, and refresh tokens. */
export const teslaScopes = ['openid', 'offline_access', 'vehicle_device_data', 'vehicle_location', 'vehicle_cmds', 'vehicle_charging_cmds'] as const;

/**
 * Tesla's scopes for Carport permissions: sign-in, refresh tokens and vehicle data always (every
 * read, location included, goes through `vehicle_data`), location, commands and charging commands
 * only when a permission needs them, so the owner's consent at Tesla matches Connect's.
 */
export function teslaScopesFor(permissions: readonly string[]): string[] {
  const scopes: string[] = ['openid', 'offline_access', 'vehicle_device_data'];
  if (permissions.includes('read_location')) scopes.push('vehicle_location');
  if (permissions.some((permission) => permission.startsWith('control_') && permission !== 'control_charge')) scopes.push('vehicle_cmds');
  if (permissions.includes('control_charge')) scopes.push('vehicle_charging_cmds');
  return scopes;
}

export interface TeslaOAuthOptions {
  /** Base of Tesla's authorization server (`/oauth2/v3/authorize` and `/oauth2/v3/token` below it). */
  readonly authUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The Fleet API base URL the tokens are for (Tesla's token endpoint names it as `audience`). */
  readonly audience: string;
  readonly timeoutMs: number;
  readonly now: () => Date;
}

type TokenAnswer = { readonly status: number; readonly body: Readonly<Record<string, unknown>> } | { readonly status: 'unreachable' };

async function postToken(options: TeslaOAuthOptions, fields: Readonly<Record<string, string>>): Promise<TokenAnswer> {
  try {
    const response = await fetch(`${options.authUrl}/oauth2/v3/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ client_id: options.clientId, ...fields }).toString(),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const body: unknown = await response.json().catch(() => ({}));
    return { status: response.status, body: typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {} };
  } catch {
    return { status: 'unreachable' };
  }
}

/** The token set of a successful token answer, or null when it lacks an access token. */
function tokensOf(body: Readonly<Record<string, unknown>>, now: Date): ManufacturerTokens | null {
  if (typeof body.access_token !== 'string' || body.access_token === '') return null;
  return {
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null,
    expiresAt: typeof body.expires_in === 'number' ? new Date(now.getTime() + body.expires_in * 1000) : null,
    scopes: typeof body.scope === 'string' ? body.scope.split(' ').filter((scope) => scope !== '') : [],
  };
}

/** The claims of an ID token (its payload, unverified: see the module comment). */
function idTokenClaims(idToken: unknown): { readonly sub: string; readonly email: string | null } | null {
  if (typeof idToken !== 'string') return null;
  const payload = idToken.split('.')[1];
  if (payload === undefined) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null || !('sub' in claims) || typeof claims.sub !== 'string') return null;
    return { sub: claims.sub, email: 'email' in claims && typeof claims.email === 'string' ? claims.email : null };
  } catch {
    return null;
  }
}

export function teslaLinking(options: TeslaOAuthOptions): OAuthRedirectLinking {
  return {
    kind: 'oauth-redirect',
    authorizationUrl: (request) => {
      const url = new URL(`${options.authUrl}/oauth2/v3/authorize`);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: options.clientId,
        redirect_uri: request.redirectUri,
        scope: teslaScopesFor(request.permissions).join(' '),
        state: request.state,
        code_challenge: request.codeChallenge,
        code_challenge_method: 'S256',
        // Ask again for every scope, so an owner who unticked one before can grant it now.
        prompt_missing_scopes: 'true',
      }).toString();
      return url;
    },
    exchangeCode: async (callback): Promise<LinkResult> => {
      const answer = await postToken(options, {
        grant_type: 'authorization_code',
        client_secret: options.clientSecret,
        code: callback.code,
        code_verifier: callback.codeVerifier,
        redirect_uri: callback.redirectUri,
        audience: options.audience,
      });
      if (answer.status === 'unreachable' || answer.status === 429 || answer.status >= 500) return { ok: false, reason: 'throttled' };
      if (answer.status !== 200) return { ok: false, reason: 'invalid_grant' };
      const tokens = tokensOf(answer.body, options.now());
      const claims = idTokenClaims(answer.body.id_token);
      if (tokens === null || claims === null) return { ok: false, reason: 'invalid_grant' };
      return { ok: true, account: { make: callback.make, mode: callback.mode, providerAccountId: claims.sub, email: claims.email }, tokens };
    },
  };
}

export function teslaRenewal(options: TeslaOAuthOptions): CredentialRenewal {
  return {
    refresh: async (_account, tokens) => {
      if (tokens.refreshToken === null) throw new CredentialRefreshError('rejected', 'Tesla issued no refresh token for this account');
      const answer = await postToken(options, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken });
      if (answer.status === 'unreachable') throw new CredentialRefreshError('unavailable', "Tesla's token endpoint did not answer");
      // Only Tesla's word that the refresh token is no good means the owner must link again.
      // (A refused client id or secret is Carport's misconfiguration, not the owner's to fix.)
      if (answer.status === 400 && answer.body.error === 'invalid_grant') throw new CredentialRefreshError('rejected', 'Tesla refused the refresh token: invalid_grant');
      const fresh = answer.status === 200 ? tokensOf(answer.body, options.now()) : null;
      if (fresh === null) throw new CredentialRefreshError('unavailable', `Tesla's token endpoint answered HTTP ${answer.status}`);
      return fresh;
    },
  };
}
