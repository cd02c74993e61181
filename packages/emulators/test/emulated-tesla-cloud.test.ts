/** The emulated Tesla cloud speaks Tesla's OAuth 2.0 and Fleet API wire format, and its faults answer as Tesla's do. */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMULATED_TESLA_PASSWORD, EmulatedTeslaCloud } from '../src/index.js';

const redirectUri = 'http://app.test/callback';
const verifier = 'a-code-verifier-of-at-least-forty-three-characters';
const challenge = createHash('sha256').update(verifier).digest('base64url');
const allScopes = 'openid offline_access vehicle_device_data vehicle_location vehicle_cmds vehicle_charging_cmds';

describe('emulated Tesla cloud', () => {
  let cloud: EmulatedTeslaCloud;
  let now: number;

  beforeEach(async () => {
    now = Date.parse('2026-11-20T12:00:00.000Z');
    cloud = await EmulatedTeslaCloud.start({ accounts: ['owner@tesla.test'], accessTokenLifetimeSeconds: 600, now: () => new Date(now) });
  });
  afterEach(async () => {
    await cloud.close();
  });

  const authorizeQuery = (overrides: Record<string, string> = {}): Record<string, string> => ({
    response_type: 'code', client_id: cloud.clientId, redirect_uri: redirectUri, scope: allScopes, state: 'st-1', code_challenge: challenge, code_challenge_method: 'S256', ...overrides,
  });

  async function signIn(password = EMULATED_TESLA_PASSWORD): Promise<Response> {
    return fetch(`${cloud.origin}/oauth2/v3/authorize`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ ...authorizeQuery(), identity: 'owner@tesla.test', credential: password, decision: 'allow' }) });
  }

  async function token(fields: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${cloud.origin}/oauth2/v3/token`, { method: 'POST', body: new URLSearchParams({ client_id: cloud.clientId, ...fields }) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function tokens(): Promise<{ access: string; refresh: string }> {
    const code = new URL((await signIn()).headers.get('location') ?? '').searchParams.get('code') ?? '';
    const { body } = await token({ grant_type: 'authorization_code', client_secret: cloud.clientSecret, code, code_verifier: verifier, redirect_uri: redirectUri });
    return { access: String(body.access_token), refresh: String(body.refresh_token) };
  }

  const fleet = (path: string, access: string, init: RequestInit = {}) => fetch(`${cloud.origin}${path}`, { ...init, headers: { authorization: `Bearer ${access}` } });

  it('shows a login and consent page only for a PKCE S256 request, and redirects back with a code and the state', async () => {
    const page = await fetch(`${cloud.origin}/oauth2/v3/authorize?${new URLSearchParams(authorizeQuery()).toString()}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="post" action="authorize">');
    expect(html.match(/<li><code>[a-z_]+<\/code>/g)).toHaveLength(6);
    const withoutPkce = await fetch(`${cloud.origin}/oauth2/v3/authorize?${new URLSearchParams(authorizeQuery({ code_challenge_method: 'plain' })).toString()}`);
    expect(withoutPkce.status).toBe(400);

    expect((await signIn('wrong')).status).toBe(401);
    const back = new URL((await signIn()).headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect([...back.searchParams.keys()]).toEqual(['state', 'code', 'issuer']);
    expect(back.searchParams.get('state')).toBe('st-1');
  });

  it('exchanges a code once, with its verifier, and rotates refresh tokens', async () => {
    const code = new URL((await signIn()).headers.get('location') ?? '').searchParams.get('code') ?? '';
    const wrongVerifier = await token({ grant_type: 'authorization_code', client_secret: cloud.clientSecret, code, code_verifier: 'x'.repeat(43), redirect_uri: redirectUri });
    expect(wrongVerifier).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'The code_verifier does not match the code_challenge.' } });

    const { refresh } = await tokens();
    const first = await token({ grant_type: 'refresh_token', refresh_token: refresh });
    expect(first.status).toBe(200);
    expect(Object.keys(first.body).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'scope', 'token_type']);
    expect(first.body).toMatchObject({ expires_in: 600, token_type: 'Bearer', scope: allScopes });
    expect(first.body.refresh_token).not.toBe(refresh);
    expect(await token({ grant_type: 'refresh_token', refresh_token: refresh })).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token is invalid, expired or revoked.' } });
  });

  it('serves vehicles and vehicle_data in Tesla units, 401 once the token expires, 408 while asleep', async () => {
    const { access } = await tokens();
    const vehicle = cloud.vehicleOf('owner@tesla.test');
    const list = (await (await fleet('/api/1/vehicles', access)).json()) as { response: Record<string, unknown>[]; count: number };
    expect(list.count).toBe(1);
    expect(list.response[0]).toMatchObject({ id_s: vehicle.id, vin: vehicle.vin, state: 'online', access_type: 'OWNER' });

    const data = (await (await fleet(`/api/1/vehicles/${vehicle.id}/vehicle_data?endpoints=charge_state%3Bvehicle_state`, access)).json()) as { response: Record<string, Record<string, unknown>> };
    expect(Object.keys(data.response).filter((key) => key.endsWith('_state')).sort()).toEqual(['charge_state', 'vehicle_state']);
    expect(data.response.charge_state?.battery_level).toEqual(expect.any(Number));
    expect(data.response.vehicle_state?.timestamp).toEqual(expect.any(Number));

    vehicle.asleep = true;
    const asleep = await fleet(`/api/1/vehicles/${vehicle.id}/vehicle_data`, access);
    expect([asleep.status, await asleep.json()]).toEqual([408, { response: null, error: 'vehicle unavailable: vehicle is offline or asleep', error_description: '' }]);
    expect((await fleet(`/api/1/vehicles/${vehicle.id}/wake_up`, access, { method: 'POST' })).status).toBe(200);
    expect((await fleet(`/api/1/vehicles/${vehicle.id}/vehicle_data`, access)).status).toBe(200);

    now += 600_000;
    const expired = await fleet('/api/1/vehicles', access);
    expect([expired.status, await expired.json()]).toEqual([401, { response: null, error: 'token expired (401)', error_description: '' }]);
  });

  it('answers injected faults for the next requests only', async () => {
    const { access } = await tokens();
    cloud.inject({ kind: 'rate_limit', retryAfterSeconds: 17 });
    cloud.inject({ kind: 'garbage' });
    const limited = await fleet('/api/1/vehicles', access);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '17']);
    const garbage = await fleet('/api/1/vehicles', access);
    expect(garbage.status).toBe(200);
    expect(await garbage.text()).toBe('{"response": {"charge_state": [garbage');
    expect((await fleet('/api/1/vehicles', access)).status).toBe(200);
  });

  it('carries out commands and words refusals as Tesla does', async () => {
    const { access } = await tokens();
    const vehicle = cloud.vehicleOf('owner@tesla.test');
    const command = async (name: string, body?: unknown): Promise<[number, unknown]> => {
      const response = await fetch(`${cloud.origin}/api/1/vehicles/${vehicle.id}/command/${name}`, { method: 'POST', headers: { authorization: `Bearer ${access}`, 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
      const answer: unknown = await response.json();
      return [response.status, answer];
    };
    expect(await command('set_charge_limit', { percent: 65 })).toEqual([200, { response: { result: true, reason: '' } }]);
    const data = (await (await fleet(`/api/1/vehicles/${vehicle.id}/vehicle_data?endpoints=charge_state`, access)).json()) as { response: { charge_state: Record<string, unknown> } };
    expect(data.response.charge_state.charge_limit_soc).toBe(65);
    expect(await command('set_charge_limit', { percent: 20 })).toEqual([400, { response: null, error: 'percent must be an integer from 50 to 100', error_description: '' }]);
  });

  it('accepts a spent refresh token within the reuse grace window only, and wakes a car asynchronously', async () => {
    await cloud.close();
    cloud = await EmulatedTeslaCloud.start({ accounts: ['owner@tesla.test'], refreshReuseGraceSeconds: 60, wakeDelayMs: 50, now: () => new Date(now) });
    const { access, refresh } = await tokens();
    const first = await token({ grant_type: 'refresh_token', refresh_token: refresh });
    // The answer to the first refresh was lost: the spent token still works within the window, answering a fresh pair.
    const again = await token({ grant_type: 'refresh_token', refresh_token: refresh });
    expect([first.status, again.status, again.body.refresh_token === first.body.refresh_token]).toEqual([200, 200, false]);
    expect((await token({ grant_type: 'refresh_token', refresh_token: String(first.body.refresh_token) })).status).toBe(200);
    now += 61_000;
    expect(await token({ grant_type: 'refresh_token', refresh_token: refresh })).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'The refresh token is invalid, expired or revoked.' } });

    const vehicle = cloud.vehicleOf('owner@tesla.test');
    vehicle.asleep = true;
    const fresh = String(again.body.access_token);
    const woken = await fleet(`/api/1/vehicles/${vehicle.id}/wake_up`, fresh, { method: 'POST' });
    expect([woken.status, ((await woken.json()) as { response: { state: string } }).response.state]).toEqual([200, 'asleep']);
    await expect.poll(async () => ((await (await fleet(`/api/1/vehicles/${vehicle.id}`, fresh)).json()) as { response: { state: string } }).response.state, { timeout: 20_000, interval: 20 }).toBe('online');
    expect([cloud.wakeUps, access === fresh]).toEqual([1, false]);
  });
});
