/**
 * @module A fake manufacturer's OAuth 2.0 server on loopback, for tests of linking by redirect: its
 * authorization endpoint signs the owner in at once (as `signInAs`, or declines) and redirects back
 * with a code; its token endpoint checks the PKCE verifier and the redirect URI, and issues and
 * rotates tokens. Plus the account-linking part of a provider that uses it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CredentialRenewal, LinkResult, ManufacturerTokens, OAuthRedirectLinking } from '../../src/providers/contract/index.js';
import { CredentialRefreshError } from '../../src/providers/contract/index.js';

/** A code the authorization endpoint issued and the token endpoint has not yet redeemed. */
interface IssuedCode {
  readonly username: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
}

/** Seconds an access token lives. */
const ACCESS_TOKEN_SECONDS = 3_600;

function token(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('hex')}`;
}

async function formOf(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** The manufacturer's login and token endpoints. */
export class FakeManufacturerLogin {
  readonly clientId = 'carport-at-fake-manufacturer';
  /** Who the owner signs in as at the manufacturer's login; null: the owner declines there. */
  signInAs: string | null = 'owner@example.com';
  /** Every authorization request's query, in order. */
  readonly authorizationRequests: Record<string, string>[] = [];
  /** Refresh grants the token endpoint answered. */
  refreshCount = 0;
  readonly #codes = new Map<string, IssuedCode>();
  /** Refresh token → the account it belongs to; a rotated token is removed. */
  readonly #refreshTokens = new Map<string, string>();
  readonly #server: Server;

  private constructor(server: Server) {
    this.#server = server;
  }

  /** Starts the server on an ephemeral loopback port. */
  static async start(): Promise<FakeManufacturerLogin> {
    const server = createServer();
    const login = new FakeManufacturerLogin(server);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      login.#handle(request, response).catch((error: unknown) => {
        sendJson(response, 500, { error: 'server_error', error_description: String(error) });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return login;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.close((error) => {
        if (error === undefined) resolve();
        else reject(error);
      });
    });
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.origin);
    if (request.method === 'GET' && url.pathname === '/oauth2/authorize') this.#authorize(url, response);
    else if (request.method === 'POST' && url.pathname === '/oauth2/token') sendJson(response, ...this.#token(await formOf(request)));
    else sendJson(response, 404, { error: 'not_found' });
  }

  #authorize(url: URL, response: ServerResponse): void {
    const query = Object.fromEntries(url.searchParams);
    this.authorizationRequests.push(query);
    const back = new URL(query.redirect_uri ?? '');
    back.searchParams.set('state', query.state ?? '');
    if (this.signInAs === null) back.searchParams.set('error', 'access_denied');
    else {
      const code = token('code');
      this.#codes.set(code, { username: this.signInAs, redirectUri: query.redirect_uri ?? '', codeChallenge: query.code_challenge ?? '' });
      back.searchParams.set('code', code);
    }
    response.writeHead(302, { location: back.toString() }).end();
  }

  /** The token endpoint's status and body for a posted form. */
  #token(form: URLSearchParams): [number, unknown] {
    if (form.get('client_id') !== this.clientId) return [401, { error: 'invalid_client' }];
    if (form.get('grant_type') === 'authorization_code') {
      const issued = this.#codes.get(form.get('code') ?? '');
      // A code is good once, for the redirect URI and PKCE challenge it was issued with.
      this.#codes.delete(form.get('code') ?? '');
      const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
      if (issued === undefined || issued.redirectUri !== form.get('redirect_uri') || issued.codeChallenge !== challenge) return [400, { error: 'invalid_grant' }];
      return [200, this.#issue(issued.username)];
    }
    if (form.get('grant_type') === 'refresh_token') {
      const username = this.#refreshTokens.get(form.get('refresh_token') ?? '');
      if (username === undefined) return [400, { error: 'invalid_grant' }];
      // Rotation: the refresh token used is spent.
      this.#refreshTokens.delete(form.get('refresh_token') ?? '');
      this.refreshCount += 1;
      return [200, this.#issue(username)];
    }
    return [400, { error: 'unsupported_grant_type' }];
  }

  #issue(username: string): Record<string, unknown> {
    const refreshToken = token('refresh');
    this.#refreshTokens.set(refreshToken, username);
    return { access_token: token('access'), refresh_token: refreshToken, expires_in: ACCESS_TOKEN_SECONDS, scope: 'vehicle_device_data offline_access', account: username };
  }

  /** Posts a grant to the token endpoint. */
  async tokenRequest(grant: Readonly<Record<string, string>>): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.origin}/oauth2/token`, { method: 'POST', body: new URLSearchParams({ client_id: this.clientId, ...grant }) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
}

function tokensOf(body: Record<string, unknown>, now: () => Date): ManufacturerTokens {
  return {
    accessToken: String(body.access_token),
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null,
    expiresAt: typeof body.expires_in === 'number' ? new Date(now().getTime() + body.expires_in * 1000) : null,
    scopes: typeof body.scope === 'string' ? body.scope.split(' ') : [],
  };
}

/** The account-linking part of a provider whose owners sign in at `login`; accounts are `acct-<login>`, as the fake provider names them. */
export function fakeOAuthLinking(login: FakeManufacturerLogin, now: () => Date = () => new Date()): OAuthRedirectLinking {
  return {
    kind: 'oauth-redirect',
    authorizationUrl: (request) => {
      const url = new URL('/oauth2/authorize', login.origin);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: login.clientId,
        redirect_uri: request.redirectUri,
        state: request.state,
        code_challenge: request.codeChallenge,
        code_challenge_method: 'S256',
        scope: 'vehicle_device_data offline_access',
      }).toString();
      return url;
    },
    exchangeCode: async (callback): Promise<LinkResult> => {
      const { status, body } = await login.tokenRequest({ grant_type: 'authorization_code', code: callback.code, code_verifier: callback.codeVerifier, redirect_uri: callback.redirectUri });
      if (status !== 200) return { ok: false, reason: 'invalid_grant' };
      const username = String(body.account);
      return { ok: true, account: { make: callback.make, mode: callback.mode, providerAccountId: `acct-${username}`, email: username }, tokens: tokensOf(body, now) };
    },
  };
}

/** The credentials part of a provider whose tokens `login` issued. */
export function fakeRenewal(login: FakeManufacturerLogin, now: () => Date = () => new Date()): CredentialRenewal {
  return {
    refresh: async (_account, tokens) => {
      const { status, body } = await login.tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refreshToken ?? '' });
      if (status === 400) throw new CredentialRefreshError('rejected', `the manufacturer refused the refresh token: ${String(body.error)}`);
      if (status !== 200) throw new CredentialRefreshError('unavailable', `the manufacturer answered ${status}`);
      return tokensOf(body, now);
    },
  };
}
