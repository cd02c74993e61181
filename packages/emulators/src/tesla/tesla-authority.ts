/**
 * @module The emulated Tesla authorization server's state: authorization codes bound to a redirect
 * URI and PKCE S256 challenge, access tokens that expire, refresh tokens that rotate on every use,
 * and revocation. It answers the token endpoint's grants the way Tesla's OAuth 2.0 server does
 * (`invalid_grant`, `invalid_client`, ...), without any HTTP of its own.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { isTeslaScope, type TeslaScope } from './tesla-scopes.js';

/** An owner account of the emulated cloud. */
export interface EmulatedAccount {
  readonly email: string;
  readonly password: string;
  /** Tesla's stable account id (the ID token's `sub`). */
  readonly sub: string;
}

interface IssuedCode {
  readonly account: EmulatedAccount;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly scopes: readonly TeslaScope[];
  readonly expiresAt: number;
}

/** What an access token stands for. */
export interface AccessGrant {
  readonly account: EmulatedAccount;
  readonly scopes: readonly TeslaScope[];
  readonly expiresAt: number;
}

interface RefreshGrant {
  readonly account: EmulatedAccount;
  readonly clientId: string;
  readonly scopes: readonly TeslaScope[];
}

/** The token endpoint's answer: status and JSON body. */
export type TokenAnswer = readonly [number, Readonly<Record<string, unknown>>];

export interface TeslaAuthorityOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accessTokenLifetimeSeconds: number;
  /** How long a spent refresh token is still accepted; 0: not at all. */
  readonly refreshReuseGraceSeconds?: number;
  readonly now: () => number;
  /** The issuer named in ID tokens (the auth server's origin). */
  readonly issuer: () => string;
}

/** Authorization codes live this long, as Tesla's do. */
const CODE_LIFETIME_MS = 10 * 60_000;

function opaque(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

function oauthError(status: number, error: string, description: string): TokenAnswer {
  return [status, { error, error_description: description }];
}

/** Parses a space-separated scope list; unknown scopes are refused by the caller. */
export function parseScopes(raw: string | undefined): { readonly scopes: TeslaScope[]; readonly unknown: string[] } {
  const words = (raw ?? '').split(' ').filter((word) => word !== '');
  return { scopes: [...new Set(words.filter(isTeslaScope))], unknown: words.filter((word) => !isTeslaScope(word)) };
}

export class TeslaAuthority {
  readonly #options: TeslaAuthorityOptions;
  readonly #codes = new Map<string, IssuedCode>();
  readonly #accessTokens = new Map<string, AccessGrant>();
  readonly #refreshTokens = new Map<string, RefreshGrant>();
  /** Spent refresh tokens still accepted until the time given (the reuse grace window). */
  readonly #spentRefreshTokens = new Map<string, RefreshGrant & { readonly acceptedUntil: number }>();
  /** Token endpoint requests answered, by grant type (tests count refreshes). */
  readonly grantCounts = { authorization_code: 0, refresh_token: 0 };

  constructor(options: TeslaAuthorityOptions) {
    this.#options = options;
  }

  /** Issues a code after the owner allowed the request on the consent page. */
  issueCode(account: EmulatedAccount, request: { clientId: string; redirectUri: string; codeChallenge: string; scopes: readonly TeslaScope[] }): string {
    const code = opaque('NA_');
    this.#codes.set(code, { account, ...request, expiresAt: this.#options.now() + CODE_LIFETIME_MS });
    return code;
  }

  /** Answers one token request (form fields as posted). */
  token(form: Readonly<Record<string, string>>): TokenAnswer {
    if (form.client_id !== this.#options.clientId) return oauthError(401, 'invalid_client', 'Unknown client_id.');
    switch (form.grant_type) {
      case 'authorization_code':
        return this.#authorizationCode(form);
      case 'refresh_token':
        return this.#refreshToken(form);
      default:
        return oauthError(400, 'unsupported_grant_type', `grant_type ${form.grant_type ?? '(none)'} is not supported.`);
    }
  }

  #authorizationCode(form: Readonly<Record<string, string>>): TokenAnswer {
    if (form.client_secret !== this.#options.clientSecret) return oauthError(401, 'invalid_client', 'The client secret does not match.');
    const code = form.code ?? '';
    const issued = this.#codes.get(code);
    // A code is spent by its first use, whatever the outcome.
    this.#codes.delete(code);
    if (issued === undefined || issued.expiresAt <= this.#options.now()) return oauthError(400, 'invalid_grant', 'The authorization code is invalid or expired.');
    if (issued.redirectUri !== form.redirect_uri) return oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request.');
    const challenge = createHash('sha256').update(form.code_verifier ?? '').digest('base64url');
    if (challenge !== issued.codeChallenge) return oauthError(400, 'invalid_grant', 'The code_verifier does not match the code_challenge.');
    this.grantCounts.authorization_code += 1;
    return [200, this.#issue(issued.account, issued.clientId, issued.scopes)];
  }

  #refreshToken(form: Readonly<Record<string, string>>): TokenAnswer {
    const presented = form.refresh_token ?? '';
    const spent = this.#spentRefreshTokens.get(presented);
    const grant = this.#refreshTokens.get(presented) ?? (spent !== undefined && spent.acceptedUntil > this.#options.now() ? spent : undefined);
    if (grant === undefined || grant.clientId !== form.client_id) return oauthError(400, 'invalid_grant', 'The refresh token is invalid, expired or revoked.');
    // Rotation: the refresh token presented is spent (still accepted within the grace window); the answer carries its successor.
    if (this.#refreshTokens.delete(presented)) {
      const graceMs = (this.#options.refreshReuseGraceSeconds ?? 0) * 1000;
      if (graceMs > 0) this.#spentRefreshTokens.set(presented, { account: grant.account, clientId: grant.clientId, scopes: grant.scopes, acceptedUntil: this.#options.now() + graceMs });
    }
    this.grantCounts.refresh_token += 1;
    return [200, this.#issue(grant.account, grant.clientId, grant.scopes)];
  }

  #issue(account: EmulatedAccount, clientId: string, scopes: readonly TeslaScope[]): Record<string, unknown> {
    const lifetime = this.#options.accessTokenLifetimeSeconds;
    const accessToken = opaque('eyEmulatedAccess.');
    this.#accessTokens.set(accessToken, { account, scopes, expiresAt: this.#options.now() + lifetime * 1000 });
    const body: Record<string, unknown> = {
      access_token: accessToken,
      expires_in: lifetime,
      id_token: this.#idToken(account, clientId),
      token_type: 'Bearer',
      scope: scopes.join(' '),
    };
    if (scopes.includes('offline_access')) {
      const refreshToken = opaque('NA_refresh.');
      this.#refreshTokens.set(refreshToken, { account, clientId, scopes });
      body.refresh_token = refreshToken;
    }
    return body;
  }

  /** An OpenID Connect ID token naming the account (HS256 with the client secret, as a confidential client can check). */
  #idToken(account: EmulatedAccount, clientId: string): string {
    const now = Math.floor(this.#options.now() / 1000);
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ iss: `${this.#options.issuer()}/oauth2/v3`, sub: account.sub, aud: clientId, email: account.email, iat: now, exp: now + this.#options.accessTokenLifetimeSeconds }),
    ).toString('base64url');
    const signature = createHmac('sha256', this.#options.clientSecret).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${signature}`;
  }

  /** What a bearer token stands for, or why it is refused. */
  authenticate(authorization: string | undefined): AccessGrant | 'missing' | 'invalid' | 'expired' {
    const match = /^Bearer (\S+)$/.exec(authorization ?? '');
    if (match?.[1] === undefined) return 'missing';
    const grant = this.#accessTokens.get(match[1]);
    if (grant === undefined) return 'invalid';
    return grant.expiresAt <= this.#options.now() ? 'expired' : grant;
  }

  /** Ends every access token now, leaving refresh tokens valid (what expiry does). */
  expireAccessTokens(): void {
    for (const [token, grant] of this.#accessTokens) this.#accessTokens.set(token, { ...grant, expiresAt: this.#options.now() });
  }

  /** Revokes every token of the account, refresh tokens included (the owner removed the application). */
  revokeAccount(email: string): void {
    for (const [token, grant] of this.#accessTokens) if (grant.account.email === email) this.#accessTokens.delete(token);
    for (const [token, grant] of this.#refreshTokens) if (grant.account.email === email) this.#refreshTokens.delete(token);
    for (const [token, grant] of this.#spentRefreshTokens) if (grant.account.email === email) this.#spentRefreshTokens.delete(token);
  }
}
