/**
 * @module The emulated NIO authorization server's state: authorization codes bound to a redirect
 * URI and PKCE S256 challenge, access tokens that expire, refresh tokens that rotate on every use,
 * and revocation (RFC 7009, and the owner removing the application). It answers the token
 * endpoint's grants with OAuth 2.0's error words, without any HTTP of its own.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { NioScope } from './nio-scopes.js';

/** An owner account of the emulated cloud. */
export interface NioAccount {
  readonly email: string;
  readonly password: string;
  /** NIO's stable account id, returned with the tokens. */
  readonly accountId: string;
}

interface IssuedCode {
  readonly account: NioAccount;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly scopes: readonly NioScope[];
  readonly expiresAt: number;
}

/** What an access token stands for. */
export interface NioGrant {
  readonly account: NioAccount;
  readonly scopes: readonly NioScope[];
  readonly expiresAt: number;
}

interface RefreshGrant {
  readonly account: NioAccount;
  readonly scopes: readonly NioScope[];
}

/** The token endpoint's answer: status and JSON body. */
export type NioTokenAnswer = readonly [number, Readonly<Record<string, unknown>>];

export interface NioAuthorityOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accessTokenLifetimeSeconds: number;
  readonly now: () => number;
}

const CODE_LIFETIME_MS = 10 * 60_000;

function opaque(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

function oauthError(status: number, error: string, description: string): NioTokenAnswer {
  return [status, { error, error_description: description }];
}

export function nioAccountId(email: string): string {
  return createHash('sha256').update(`nio-account:${email}`).digest('hex').slice(0, 16);
}

export class NioAuthority {
  readonly #options: NioAuthorityOptions;
  readonly #codes = new Map<string, IssuedCode>();
  readonly #accessTokens = new Map<string, NioGrant>();
  readonly #refreshTokens = new Map<string, RefreshGrant>();
  /** Token endpoint requests answered, by grant type (tests count refreshes). */
  readonly grantCounts = { authorization_code: 0, refresh_token: 0 };
  readonly #refreshesByEmail = new Map<string, number>();

  constructor(options: NioAuthorityOptions) {
    this.#options = options;
  }

  issueCode(account: NioAccount, request: { redirectUri: string; codeChallenge: string; scopes: readonly NioScope[] }): string {
    const code = opaque('nio_code_');
    this.#codes.set(code, { account, ...request, expiresAt: this.#options.now() + CODE_LIFETIME_MS });
    return code;
  }

  /** Whether the form carries this cloud's client credentials (HTTP Basic is not offered). */
  #clientAuthenticated(form: Readonly<Record<string, string>>): boolean {
    return form.client_id === this.#options.clientId && form.client_secret === this.#options.clientSecret;
  }

  token(form: Readonly<Record<string, string>>): NioTokenAnswer {
    if (!this.#clientAuthenticated(form)) return oauthError(401, 'invalid_client', 'Unknown client or wrong client secret.');
    switch (form.grant_type) {
      case 'authorization_code':
        return this.#authorizationCode(form);
      case 'refresh_token':
        return this.#refreshToken(form);
      default:
        return oauthError(400, 'unsupported_grant_type', `grant_type ${form.grant_type ?? '(none)'} is not supported.`);
    }
  }

  #authorizationCode(form: Readonly<Record<string, string>>): NioTokenAnswer {
    const code = form.code ?? '';
    const issued = this.#codes.get(code);
    // A code is spent by its first use, whatever the outcome.
    this.#codes.delete(code);
    if (issued === undefined || issued.expiresAt <= this.#options.now()) return oauthError(400, 'invalid_grant', 'The authorization code is invalid or expired.');
    if (issued.redirectUri !== form.redirect_uri) return oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request.');
    const challenge = createHash('sha256').update(form.code_verifier ?? '').digest('base64url');
    if (challenge !== issued.codeChallenge) return oauthError(400, 'invalid_grant', 'The code_verifier does not match the code_challenge.');
    this.grantCounts.authorization_code += 1;
    return [200, this.#issue(issued.account, issued.scopes)];
  }

  #refreshToken(form: Readonly<Record<string, string>>): NioTokenAnswer {
    const presented = form.refresh_token ?? '';
    const grant = this.#refreshTokens.get(presented);
    if (grant === undefined) return oauthError(400, 'invalid_grant', 'The refresh token is invalid, expired or revoked.');
    // Rotation: the presented refresh token is spent; the answer carries its successor.
    this.#refreshTokens.delete(presented);
    this.grantCounts.refresh_token += 1;
    this.#refreshesByEmail.set(grant.account.email, this.refreshesOf(grant.account.email) + 1);
    return [200, this.#issue(grant.account, grant.scopes)];
  }

  #issue(account: NioAccount, scopes: readonly NioScope[]): Record<string, unknown> {
    const lifetime = this.#options.accessTokenLifetimeSeconds;
    const accessToken = opaque('nio_at_');
    const refreshToken = opaque('nio_rt_');
    this.#accessTokens.set(accessToken, { account, scopes, expiresAt: this.#options.now() + lifetime * 1000 });
    this.#refreshTokens.set(refreshToken, { account, scopes });
    return { access_token: accessToken, refresh_token: refreshToken, token_type: 'Bearer', expires_in: lifetime, scope: scopes.join(' '), account_id: account.accountId };
  }

  /** RFC 7009: revokes the token presented (an access or refresh token) and, for a refresh token, the account's access tokens too. */
  revoke(form: Readonly<Record<string, string>>): NioTokenAnswer {
    if (!this.#clientAuthenticated(form)) return oauthError(401, 'invalid_client', 'Unknown client or wrong client secret.');
    const token = form.token ?? '';
    const refresh = this.#refreshTokens.get(token);
    this.#accessTokens.delete(token);
    if (refresh !== undefined) this.revokeAccount(refresh.account.email);
    return [200, {}];
  }

  authenticate(authorization: string | undefined): NioGrant | 'missing' | 'invalid' | 'expired' {
    const match = /^Bearer (\S+)$/.exec(authorization ?? '');
    if (match?.[1] === undefined) return 'missing';
    const grant = this.#accessTokens.get(match[1]);
    if (grant === undefined) return 'invalid';
    return grant.expiresAt <= this.#options.now() ? 'expired' : grant;
  }

  /** Refresh grants answered for one account. */
  refreshesOf(email: string): number {
    return this.#refreshesByEmail.get(email) ?? 0;
  }

  /** Ends every access token now (of one account, when named), leaving refresh tokens valid (what expiry does). */
  expireAccessTokens(email?: string): void {
    for (const [token, grant] of this.#accessTokens) {
      if (email === undefined || grant.account.email === email) this.#accessTokens.set(token, { ...grant, expiresAt: this.#options.now() });
    }
  }

  /** Revokes every token of the account, refresh tokens included (the owner removed the application in the NIO app). */
  revokeAccount(email: string): void {
    for (const [token, grant] of this.#accessTokens) if (grant.account.email === email) this.#accessTokens.delete(token);
    for (const [token, grant] of this.#refreshTokens) if (grant.account.email === email) this.#refreshTokens.delete(token);
  }
}
