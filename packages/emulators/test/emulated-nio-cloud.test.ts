/** The emulated NIO open platform: OAuth 2.0 with data-package scopes, refresh rotation and revocation, its envelope, the change feed, and faults aimed at reads or the feed. */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMULATED_NIO_PASSWORD, EmulatedNioCloud } from '../src/index.js';

const owner = 'owner@nio.test';
const redirectUri = 'http://app.test/callback';
const verifier = 'a-code-verifier-of-at-least-forty-three-characters';
const challenge = createHash('sha256').update(verifier).digest('base64url');

describe('emulated NIO open platform', () => {
  let cloud: EmulatedNioCloud;

  beforeEach(async () => {
    cloud = await EmulatedNioCloud.start({ accounts: [owner], now: () => new Date('2026-03-04T12:00:00.000Z') });
  });
  afterEach(async () => {
    await cloud.close();
  });

  const authorizeQuery = (overrides: Record<string, string> = {}): Record<string, string> => ({
    response_type: 'code', client_id: cloud.clientId, redirect_uri: redirectUri, scope: 'vehicle_profile charging_status', state: 'st-1', code_challenge: challenge, code_challenge_method: 'S256', ...overrides,
  });

  async function token(fields: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${cloud.origin}/oauth2/token`, { method: 'POST', body: new URLSearchParams({ client_id: cloud.clientId, client_secret: cloud.clientSecret, ...fields }) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function tokens(): Promise<{ access: string; refresh: string; body: Record<string, unknown> }> {
    const signedIn = await fetch(`${cloud.origin}/oauth2/authorize`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ ...authorizeQuery(), identity: owner, credential: EMULATED_NIO_PASSWORD, decision: 'allow' }) });
    const code = new URL(signedIn.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const { body } = await token({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri });
    return { access: String(body.access_token), refresh: String(body.refresh_token), body };
  }

  async function api(path: string, accessToken: string, method = 'GET'): Promise<{ status: number; body: Record<string, unknown>; retryAfter: string | null }> {
    const response = await fetch(`${cloud.origin}${path}`, { method, headers: { authorization: `Bearer ${accessToken}` } });
    const { request_id: requestId, ...body } = (await response.json()) as Record<string, unknown>;
    expect(typeof requestId).toBe('string');
    return { status: response.status, body, retryAfter: response.headers.get('retry-after') };
  }

  it('lists the data packages asked for on its consent page and refuses a request without PKCE or with an unknown scope', async () => {
    const page = await fetch(`${cloud.origin}/oauth2/authorize?${new URLSearchParams(authorizeQuery()).toString()}`);
    expect(page.status).toBe(200);
    expect([...(await page.text()).matchAll(/data-scope="([a-z_]+)"/g)].map((match) => match[1])).toEqual(['vehicle_profile', 'charging_status']);
    const withoutPkce = new URLSearchParams(authorizeQuery());
    withoutPkce.delete('code_challenge');
    expect((await fetch(`${cloud.origin}/oauth2/authorize?${withoutPkce.toString()}`)).status).toBe(400);
    expect((await fetch(`${cloud.origin}/oauth2/authorize?${new URLSearchParams(authorizeQuery({ scope: 'vehicle_profile openid' })).toString()}`)).status).toBe(400);
  });

  it('issues tokens for the granted packages, rotates refresh tokens and refuses a spent or revoked one', async () => {
    const first = await tokens();
    expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'vehicle_profile charging_status', account_id: cloud.accounts[0]?.accountId });
    const renewed = await token({ grant_type: 'refresh_token', refresh_token: first.refresh });
    expect(renewed.status).toBe(200);
    expect(renewed.body.refresh_token).not.toBe(first.refresh);
    expect(await token({ grant_type: 'refresh_token', refresh_token: first.refresh })).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token is invalid, expired or revoked.' } });
    const revoked = await fetch(`${cloud.origin}/oauth2/revoke`, { method: 'POST', body: new URLSearchParams({ client_id: cloud.clientId, client_secret: cloud.clientSecret, token: String(renewed.body.refresh_token) }) });
    expect(revoked.status).toBe(200);
    expect((await token({ grant_type: 'refresh_token', refresh_token: String(renewed.body.refresh_token) })).status).toBe(400);
    expect(await api('/api/v1/vehicles', String(renewed.body.access_token))).toEqual({ status: 401, body: { result_code: 'invalid_token', message: 'The access token is invalid.', data: null }, retryAfter: null });
  });

  it('answers in its envelope, refuses a package the owner did not share, and reports charging on the change feed', async () => {
    const { access } = await tokens();
    const vehicle = cloud.vehicleOf(owner);
    expect(await api('/api/v1/vehicles', access)).toEqual({
      status: 200,
      body: { result_code: 'success', message: 'success', data: { vehicles: [{ virtual_vehicle_id: vehicle.virtualVehicleId, vin: vehicle.vin, brand: 'NIO', model_type: vehicle.modelType, online: true }] } },
      retryAfter: null,
    });
    expect((await api(`/api/v1/vehicles/${vehicle.virtualVehicleId}/details`, access)).body).toEqual({ result_code: 'permission_denied', message: 'The owner did not share vehicle_details.', data: null });
    const start = await api(`/api/v1/vehicles/${vehicle.virtualVehicleId}/events`, access);
    expect(start.body.data).toEqual({ events: [], next_cursor: '0', has_more: false });
    await cloud.raiseEvent(owner, 'charging_completed');
    const feed = await api(`/api/v1/vehicles/${vehicle.virtualVehicleId}/events?cursor=0`, access);
    expect(feed.body.data).toMatchObject({ events: [{ event_id: `${vehicle.virtualVehicleId}-1`, event_type: 'charging_completed' }], next_cursor: '1', has_more: false });
    expect((await api(`/api/v1/vehicles/${vehicle.virtualVehicleId}/events?cursor=x`, access)).status).toBe(400);
  });

  it('aims a fault at vehicle requests or at the change feed', async () => {
    const { access } = await tokens();
    const vehicle = cloud.vehicleOf(owner);
    cloud.inject({ kind: 'rate_limit', retryAfterSeconds: 7 }, 1, 'vehicle');
    expect((await api(`/api/v1/vehicles/${vehicle.virtualVehicleId}/events`, access)).status).toBe(200);
    expect(await api(`/api/v1/vehicles/${vehicle.virtualVehicleId}/charging`, access)).toEqual({ status: 429, body: { result_code: 'rate_limit_exceeded', message: 'Too many requests.', data: null }, retryAfter: '7' });
    const control = await fetch(`${cloud.origin}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ kind: 'offline', target: 'feed' }) });
    expect(await control.json()).toEqual({ pending: 1 });
    expect((await api(`/api/v1/vehicles/${vehicle.virtualVehicleId}/charging`, access)).status).toBe(200);
    expect((await api(`/api/v1/vehicles/${vehicle.virtualVehicleId}/events`, access)).body.result_code).toBe('vehicle_offline');
    expect((await fetch(`${cloud.origin}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ kind: 'offline', target: 'everything' }) })).status).toBe(400);
  });
});
