import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { challengeOf } from '../../src/auth/pkce.js';
import type { Repositories } from '../../src/store/index.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const redirectUri = 'https://app.example/cb';
const verifier = 'a'.repeat(20) + 'B'.repeat(20) + '-._~1234';

describe('POST /oauth/token', () => {
  let harness: TestApp;
  let now: Date;
  let repositories: Repositories;
  let app: { id: string; clientId: string; secret: string };
  let other: { id: string; clientId: string; secret: string };
  let userId: string;

  beforeEach(async () => {
    now = new Date('2026-11-22T10:00:00.000Z');
    harness = await buildTestApp({ now: () => now });
    repositories = harness.app.carport.repositories;
    const created = await repositories.applications.createApplication({ name: 'A', redirectUris: [redirectUri] });
    const second = await repositories.applications.createApplication({ name: 'B', redirectUris: [redirectUri] });
    app = { id: created.application.id, clientId: created.application.clientId, secret: created.clientSecret };
    other = { id: second.application.id, clientId: second.application.clientId, secret: second.clientSecret };
    const owner = await repositories.ownerAccounts.create({ make: 'TESLA', mode: 'test', providerAccountId: 'owner-1' });
    userId = (await repositories.users.create(app.id, owner.id)).id;
  });
  afterEach(async () => {
    await harness.app.close();
  });

  const basic = (clientId: string, secret: string) => `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
  const newCode = async (options: { challenge?: string } = {}) =>
    (
      await repositories.authorizationCodes.create({
        applicationId: app.id,
        userId,
        redirectUri,
        scope: ['read_odometer'],
        connectionIds: [],
        ...(options.challenge === undefined ? {} : { codeChallenge: options.challenge, codeChallengeMethod: 'S256' }),
      })
    ).code;
  const post = (form: Record<string, string>, authorization: string | null = basic(app.clientId, app.secret), url = '/oauth/token') =>
    harness.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization === null ? {} : { authorization }) },
      payload: new URLSearchParams(form).toString(),
    });

  it('exchanges a code for a pair, with no-store caching', async () => {
    const response = await post({ grant_type: 'authorization_code', code: await newCode(), redirect_uri: redirectUri }, basic(app.clientId, app.secret), '/oauth/token?flags=');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json<Record<string, unknown>>();
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'refresh_expires_in', 'refresh_token', 'token_type']);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 7200, refresh_expires_in: 5_184_000 });
    expect(String(body.access_token)).toMatch(/^[A-Za-z0-9_-]{43,}$/);
  });

  it('accepts the SDK’s redirect_uri=undefined from an application with one redirect URI, and client_secret_post', async () => {
    const response = await post({ grant_type: 'authorization_code', code: await newCode(), redirect_uri: 'undefined', client_id: app.clientId, client_secret: app.secret }, null);
    expect(response.statusCode).toBe(200);
  });

  it('requires redirect_uri (RFC 6749 §4.1.3), and refuses an empty one, without spending the code', async () => {
    const code = await newCode();
    const required = { error: 'invalid_request', error_description: 'The `redirect_uri` parameter is required: send the redirect URI the Connect URL used.' };
    const missing = await post({ grant_type: 'authorization_code', code });
    expect(missing.statusCode).toBe(400);
    expect(missing.headers['cache-control']).toBe('no-store');
    expect(missing.json()).toEqual(required);
    expect((await post({ grant_type: 'authorization_code', code, redirect_uri: '' })).json()).toEqual(required);
    expect((await post({ grant_type: 'authorization_code', code, redirect_uri: redirectUri })).statusCode).toBe(200);
  });

  it('refuses redirect_uri=undefined when it cannot stand for the code’s redirect URI', async () => {
    const several = await repositories.applications.createApplication({ name: 'Two URIs', redirectUris: [redirectUri, 'https://app.example/second'] });
    const owner = await repositories.ownerAccounts.create({ make: 'TESLA', mode: 'test', providerAccountId: 'owner-two-uris' });
    const severalUser = await repositories.users.create(several.application.id, owner.id);
    const severalCode = (await repositories.authorizationCodes.create({ applicationId: several.application.id, userId: severalUser.id, redirectUri, scope: [], connectionIds: [] })).code;
    const ambiguous = await post({ grant_type: 'authorization_code', code: severalCode, redirect_uri: 'undefined' }, basic(several.application.clientId, several.clientSecret));
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.json()).toEqual({
      error: 'invalid_request',
      error_description:
        'The `redirect_uri` parameter is the string "undefined" (an SDK client built without a redirect URI), which stands for one only when the application has exactly one registered: send the redirect URI the Connect URL used.',
    });
    expect((await post({ grant_type: 'authorization_code', code: severalCode, redirect_uri: redirectUri }, basic(several.application.clientId, several.clientSecret))).statusCode).toBe(200);

    // The only registered URI is no longer the one the code was issued for (the registration changed since).
    const elsewhere = (await repositories.authorizationCodes.create({ applicationId: app.id, userId, redirectUri: 'https://app.example/before', scope: [], connectionIds: [] })).code;
    expect((await post({ grant_type: 'authorization_code', code: elsewhere, redirect_uri: 'undefined' })).json()).toEqual({
      error: 'invalid_grant',
      error_description: 'The redirect_uri does not match the one used on the Connect URL.',
    });
  });

  it('does not spend a code on a redirect_uri mismatch or a wrong verifier: the corrected retry succeeds, a replay after it revokes', async () => {
    const code = await newCode({ challenge: challengeOf(verifier) });
    const mismatch = await post({ grant_type: 'authorization_code', code, redirect_uri: 'https://app.example/other', code_verifier: verifier });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toEqual({ error: 'invalid_grant', error_description: 'The redirect_uri does not match the one used on the Connect URL.' });
    expect((await post({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: `${verifier}x` })).json()).toEqual({
      error: 'invalid_grant',
      error_description: 'The code_verifier does not match the code challenge.',
    });
    const exchanged = await post({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier });
    expect(exchanged.statusCode).toBe(200);
    const pair = exchanged.json<{ access_token: string }>();
    const replayed = await post({ grant_type: 'authorization_code', code, redirect_uri: 'https://app.example/other', code_verifier: verifier });
    expect(replayed.json()).toEqual({ error: 'invalid_grant', error_description: 'The authorization code has already been used.' });
    expect((await repositories.tokens.findByAccessToken(pair.access_token))?.revokedAt).not.toBeNull();
  });

  it('refuses a second use of a code and revokes what the first use issued', async () => {
    const code = await newCode();
    const first = (await post({ grant_type: 'authorization_code', code, redirect_uri: redirectUri })).json<{ access_token: string }>();
    const second = await post({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
    expect(second.statusCode).toBe(400);
    expect(second.json()).toEqual({ error: 'invalid_grant', error_description: 'The authorization code has already been used.' });
    expect((await repositories.tokens.findByAccessToken(first.access_token))?.revokedAt).not.toBeNull();
  });

  it('refuses a redirect URI mismatch, an expired code and another client’s code', async () => {
    expect((await post({ grant_type: 'authorization_code', code: await newCode(), redirect_uri: 'https://app.example/other' })).json()).toEqual({
      error: 'invalid_grant',
      error_description: 'The redirect_uri does not match the one used on the Connect URL.',
    });
    const stale = await newCode();
    now = new Date(now.getTime() + 601_000);
    expect((await post({ grant_type: 'authorization_code', code: stale, redirect_uri: redirectUri })).json()).toEqual({ error: 'invalid_grant', error_description: 'The authorization code has expired.' });
    const stolen = await newCode();
    const wrongClient = await post({ grant_type: 'authorization_code', code: stolen, redirect_uri: redirectUri }, basic(other.clientId, other.secret));
    expect(wrongClient.statusCode).toBe(400);
    expect(wrongClient.json()).toEqual({ error: 'invalid_grant', error_description: 'The authorization code is invalid.' });
    expect((await post({ grant_type: 'authorization_code', code: stolen, redirect_uri: redirectUri })).statusCode).toBe(200);
  });

  it('enforces PKCE: a missing or wrong verifier is refused, the right one accepted', async () => {
    const challenge = challengeOf(verifier);
    expect((await post({ grant_type: 'authorization_code', code: await newCode({ challenge }), redirect_uri: redirectUri })).json()).toEqual({
      error: 'invalid_grant',
      error_description: 'This code was issued with a PKCE challenge: send `code_verifier`.',
    });
    expect((await post({ grant_type: 'authorization_code', code: await newCode({ challenge }), redirect_uri: redirectUri, code_verifier: `${verifier}x` })).json()).toEqual({
      error: 'invalid_grant',
      error_description: 'The code_verifier does not match the code challenge.',
    });
    expect((await post({ grant_type: 'authorization_code', code: await newCode({ challenge }), redirect_uri: redirectUri, code_verifier: verifier })).statusCode).toBe(200);
  });

  it('refuses a bad client with 401 and WWW-Authenticate', async () => {
    for (const authorization of [basic(app.clientId, 'wrong'), basic('nobody', 'x'), null]) {
      const response = await post({ grant_type: 'authorization_code', code: 'x', redirect_uri: redirectUri }, authorization);
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Basic realm="carport"');
      expect(response.json<{ error: string }>().error).toBe('invalid_client');
    }
  });

  it('refuses unknown and missing grant types', async () => {
    expect((await post({ grant_type: 'password' })).json()).toEqual({ error: 'unsupported_grant_type', error_description: 'The grant type is not supported; use authorization_code or refresh_token.' });
    expect((await post({})).json()).toEqual({ error: 'invalid_request', error_description: 'The `grant_type` parameter is required.' });
  });

  it('rotates refresh tokens, repeats the same pair within the grace window, and revokes the family on later reuse', async () => {
    const pair = (await post({ grant_type: 'authorization_code', code: await newCode(), redirect_uri: redirectUri })).json<{ access_token: string; refresh_token: string }>();
    const next = (await post({ grant_type: 'refresh_token', refresh_token: pair.refresh_token })).json<{ access_token: string; refresh_token: string }>();
    expect(next.refresh_token).not.toBe(pair.refresh_token);
    now = new Date(now.getTime() + 30_000);
    const repeated = (await post({ grant_type: 'refresh_token', refresh_token: pair.refresh_token })).json<{ access_token: string; refresh_token: string }>();
    expect(repeated.access_token).toBe(next.access_token);
    expect(repeated.refresh_token).toBe(next.refresh_token);
    now = new Date(now.getTime() + 60_000);
    const reused = await post({ grant_type: 'refresh_token', refresh_token: pair.refresh_token });
    expect(reused.json()).toEqual({ error: 'invalid_grant', error_description: 'The refresh token has already been used.' });
    expect((await repositories.tokens.findByAccessToken(next.access_token))?.revokedAt).not.toBeNull();
    expect((await post({ grant_type: 'refresh_token', refresh_token: next.refresh_token })).json()).toEqual({
      error: 'invalid_grant',
      error_description: 'The refresh token has been revoked because a refresh token of its family was presented again after it had been exchanged, which can mean it was stolen.',
    });
  });

  it('refuses another client’s refresh token', async () => {
    const pair = (await post({ grant_type: 'authorization_code', code: await newCode(), redirect_uri: redirectUri })).json<{ refresh_token: string }>();
    const response = await post({ grant_type: 'refresh_token', refresh_token: pair.refresh_token }, basic(other.clientId, other.secret));
    expect(response.json()).toEqual({ error: 'invalid_grant', error_description: 'The refresh token is invalid.' });
  });

  it('requires PKCE from public clients', async () => {
    const { application } = await repositories.applications.createApplication({ name: 'Mobile', redirectUris: [redirectUri], isPublic: true });
    const owner = await repositories.ownerAccounts.create({ make: 'TESLA', mode: 'test', providerAccountId: 'owner-2' });
    const publicUser = await repositories.users.create(application.id, owner.id);
    const withoutChallenge = (await repositories.authorizationCodes.create({ applicationId: application.id, userId: publicUser.id, redirectUri, scope: [], connectionIds: [] })).code;
    expect((await post({ grant_type: 'authorization_code', code: withoutChallenge, redirect_uri: redirectUri, client_id: application.clientId }, null)).json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Public clients must use PKCE: this code carries no code challenge.',
    });
    const withChallenge = (
      await repositories.authorizationCodes.create({ applicationId: application.id, userId: publicUser.id, redirectUri, scope: [], connectionIds: [], codeChallenge: challengeOf(verifier), codeChallengeMethod: 'S256' })
    ).code;
    expect((await post({ grant_type: 'authorization_code', code: withChallenge, redirect_uri: redirectUri, client_id: application.clientId, code_verifier: verifier }, null)).statusCode).toBe(200);
    const connectUrl = `/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: application.clientId, scope: 'read_odometer', state: 's' }).toString()}`;
    const refused = await harness.app.inject({ method: 'GET', url: connectUrl });
    expect(new URL(String(refused.headers.location)).searchParams.get('error')).toBe('configuration_error');
  });
});
