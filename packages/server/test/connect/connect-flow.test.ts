import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authorizeUrl, ConnectDriver, redirectParams, type Step } from '../helpers/connect-driver.js';
import { fakeRegistry } from '../helpers/fake-provider.js';
import { buildTestApp, tickingClock, type TestApp } from '../helpers/test-app.js';

const redirectUri = 'https://app.example/callback';

describe('Connect', () => {
  let harness: TestApp;
  let clientId: string;
  let clientSecret: string;

  beforeEach(async () => {
    harness = await buildTestApp({ providers: fakeRegistry(), now: tickingClock('2026-11-22T10:00:00.000Z') });
    const created = await harness.app.carport.repositories.applications.createApplication({ name: 'Fleet Insights', redirectUris: [redirectUri, 'https://app.example/other'] });
    clientId = created.application.clientId;
    clientSecret = created.clientSecret;
  });
  afterEach(async () => {
    await harness.app.close();
  });

  const connectUrl = (extra: Record<string, string> = {}) =>
    authorizeUrl({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'read_vehicle_info read_odometer read_battery', state: 'st-1', mode: 'live', ...extra });

  /** Preamble → brand → sign-in; returns the page after sign-in. */
  async function signIn(driver: ConnectDriver, extra: Record<string, string> = {}, username = 'owner@example.com', password = 'correct horse'): Promise<Step> {
    const preamble = await driver.follow(await driver.get(connectUrl(extra)));
    expect(preamble.status).toBe(200);
    let page = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
    if (page.html.includes('id="brand-search"')) page = await driver.submit(page, '/connect/brands', { make: 'TESLA' });
    expect(page.html).toContain('id="sign-in-button"');
    return driver.submit(page, '/connect/login', { username, password });
  }

  async function exchange(code: string): Promise<{ access_token: string; refresh_token: string }> {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }).toString(),
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  it('runs the whole flow: preamble, brand, sign-in, grant, code, tokens, vehicles', async () => {
    const driver = new ConnectDriver(harness.app);
    const preamble = await driver.follow(await driver.get(connectUrl()));
    expect(preamble.html).toContain('<h1>Fleet Insights wants to connect to your vehicle</h1>');
    expect(preamble.html).toContain('id="continue-button"');
    expect(preamble.html).toContain('Read Vehicle Profile');
    expect(preamble.response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(preamble.response.headers['set-cookie']).toBeUndefined();
    const brands = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
    expect(brands.html).toContain('<button type="submit" name="make" value="TESLA" id="TESLA" class="brand-list-item"');
    const login = await driver.submit(brands, '/connect/brands', { make: 'TESLA' });
    expect(login.html).toContain('<h1>Sign in to Tesla</h1>');
    const grant = await driver.submit(login, '/connect/login', { username: 'owner@example.com', password: 'correct horse' });
    expect(grant.html).toMatch(/<div class="page-content">[\s\S]*id="approval-button"/);
    expect(grant.html.match(/type="checkbox"[^>]*checked/g)).toHaveLength(2);
    const done = await driver.post('/connect/grant', { ...Object.fromEntries(new URLSearchParams()), ...hidden(grant), action: 'approve', vehicle: ['tesla-model-3', 'tesla-model-y'] });
    expect(done.status).toBe(303);
    const params = redirectParams(done.location);
    expect(done.location?.startsWith(`${redirectUri}?`)).toBe(true);
    expect(Object.keys(params).sort()).toEqual(['code', 'state']);
    expect(params.state).toBe('st-1');
    expect(driver.cookies.size).toBe(0);
    const tokens = await exchange(params.code ?? '');
    const vehicles = await harness.app.inject({ method: 'GET', url: '/v2.0/vehicles', headers: { authorization: `Bearer ${tokens.access_token}` } });
    const list = vehicles.json<{ vehicles: string[]; paging: { count: number; offset: number } }>();
    expect(list.paging).toEqual({ count: 2, offset: 0 });
    const permissions = await harness.app.inject({ method: 'GET', url: `/v2.0/vehicles/${list.vehicles[0] ?? ''}/permissions`, headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(permissions.json()).toEqual({ permissions: ['read_vehicle_info', 'read_odometer', 'read_battery'], paging: { count: 3, offset: 0 } });
  });

  it('redirects access_denied when the owner denies', async () => {
    const driver = new ConnectDriver(harness.app);
    const grant = await signIn(driver);
    const denied = await driver.post('/connect/grant', { ...hidden(grant), action: 'deny' });
    expect(redirectParams(denied.location)).toEqual({ error: 'access_denied', error_description: 'The vehicle owner declined to grant the application access.', state: 'st-1' });
  });

  it('refuses to connect more vehicles than the application’s plan allows', async () => {
    await harness.app.close();
    harness = await buildTestApp({
      providers: fakeRegistry(),
      env: { CARPORT_PLANS: JSON.stringify({ tiny: { maxConnectedVehicles: 1, monthlyRequestsPerVehicle: null, vehicleRate: null, applicationRate: null } }) },
    });
    const created = await harness.app.carport.repositories.applications.createApplication({ name: 'Tiny', redirectUris: [redirectUri], plan: 'tiny' });
    clientId = created.application.clientId;
    const driver = new ConnectDriver(harness.app);
    const grant = await signIn(driver);
    const refused = await driver.post('/connect/grant', { ...hidden(grant), action: 'approve', vehicle: ['tesla-model-3', 'tesla-model-y'] });
    const message = 
      "The application's plan `tiny` allows 1 connected vehicles and 0 are connected, so 2 more cannot be added. Disconnect vehicles to make room. An operator can lift it by moving the application to a larger plan (`carport apps set-plan <client id> <plan>`), or for local development by switching limits off (`CARPORT_LIMITS_ENABLED=false`).";
    expect(redirectParams(refused.location)).toEqual({ error: 'configuration_error', error_description: message, status_code: '430', error_message: message, state: 'st-1' });
    const second = new ConnectDriver(harness.app);
    const oneVehicle = await signIn(second);
    const accepted = await second.post('/connect/grant', { ...hidden(oneVehicle), action: 'approve', vehicle: ['tesla-model-3'] });
    expect(Object.keys(redirectParams(accepted.location)).sort()).toEqual(['code', 'state']);
  });

  it('redirects no_vehicles and invalid_subscription', async () => {
    const empty = await signIn(new ConnectDriver(harness.app), {}, 'empty@example.com', 'pw');
    expect(redirectParams(empty.location)).toEqual({ error: 'no_vehicles', error_description: "The owner's connected-services account has no vehicles to connect.", state: 'st-1' });
    const lapsed = await signIn(new ConnectDriver(harness.app), {}, 'lapsed@example.com', 'pw');
    expect(redirectParams(lapsed.location)).toEqual({ error: 'invalid_subscription', error_description: "The vehicle's connected-services subscription is inactive.", state: 'st-1' });
  });

  it('redirects vehicle_incompatible with the vehicle when a required permission is unsupported', async () => {
    const result = await signIn(new ConnectDriver(harness.app), { scope: 'read_odometer required:read_fuel' });
    expect(redirectParams(result.location)).toEqual({
      error: 'vehicle_incompatible',
      error_description: "The owner's vehicle cannot provide the permissions the application requires.",
      vin: '5YJ3E1EA7KF317000',
      make: 'TESLA',
      model: 'Model 3',
      year: '2019',
      state: 'st-1',
    });
  });

  it('offers one choice under single select and refuses two', async () => {
    const driver = new ConnectDriver(harness.app);
    const grant = await signIn(driver, { single_select: 'true' });
    expect(grant.html.match(/type="radio"/g)).toHaveLength(2);
    expect(grant.html.match(/type="radio"[^>]*checked/g)).toHaveLength(1);
    const refused = await driver.post('/connect/grant', { ...hidden(grant), action: 'approve', vehicle: ['tesla-model-3', 'tesla-model-y'] });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Choose only one vehicle.');
  });

  it('goes straight to the VIN’s make and offers only that vehicle with single_select_vin', async () => {
    const driver = new ConnectDriver(harness.app);
    const grant = await signIn(driver, { single_select: 'true', single_select_vin: '7SAYGDEE9PA000001' });
    expect(grant.html.match(/type="radio"/g)).toHaveLength(1);
    expect(grant.html).toContain('value="tesla-model-y"');
  });

  it('skips the grant screen when nothing new is asked, unless approval_prompt=force', async () => {
    const first = new ConnectDriver(harness.app);
    const grant = await signIn(first);
    const done = await first.post('/connect/grant', { ...hidden(grant), action: 'approve', vehicle: ['tesla-model-3', 'tesla-model-y'] });
    expect(redirectParams(done.location).code).toBeDefined();
    const again = await signIn(new ConnectDriver(harness.app));
    expect(again.status).toBe(303);
    expect(Object.keys(redirectParams(again.location)).sort()).toEqual(['code', 'state']);
    const forced = await signIn(new ConnectDriver(harness.app), { approval_prompt: 'force' });
    expect(forced.html).toContain('id="approval-button"');
    const more = await signIn(new ConnectDriver(harness.app), { scope: 'read_vehicle_info read_odometer read_battery read_location' });
    expect(more.html).toContain('id="approval-button"');
  });

  it('extends a grant with new permissions and keeps the vehicle id', async () => {
    const first = new ConnectDriver(harness.app);
    const grant = await signIn(first);
    const tokens = await exchange(redirectParams((await first.post('/connect/grant', { ...hidden(grant), action: 'approve', vehicle: ['tesla-model-3'] })).location).code ?? '');
    const before = (await harness.app.inject({ method: 'GET', url: '/v2.0/vehicles', headers: { authorization: `Bearer ${tokens.access_token}` } })).json<{ vehicles: string[] }>().vehicles;
    const second = new ConnectDriver(harness.app);
    const more = await signIn(second, { scope: 'read_location' });
    const done = await second.post('/connect/grant', { ...hidden(more), action: 'approve', vehicle: ['tesla-model-3'] });
    const newTokens = await exchange(redirectParams(done.location).code ?? '');
    const after = (await harness.app.inject({ method: 'GET', url: '/v2.0/vehicles', headers: { authorization: `Bearer ${newTokens.access_token}` } })).json<{ vehicles: string[] }>().vehicles;
    expect(after).toEqual(before);
    const permissions = await harness.app.inject({ method: 'GET', url: `/v2.0/vehicles/${after[0] ?? ''}/permissions`, headers: { authorization: `Bearer ${newTokens.access_token}` } });
    expect(permissions.json<{ permissions: string[] }>().permissions.sort()).toEqual(['read_battery', 'read_location', 'read_odometer', 'read_vehicle_info']);
  });

  it('gives each application its own pseudonymous id for the same vehicle', async () => {
    const firstDriver = new ConnectDriver(harness.app);
    const firstGrant = await signIn(firstDriver);
    const firstTokens = await exchange(redirectParams((await firstDriver.post('/connect/grant', { ...hidden(firstGrant), action: 'approve', vehicle: ['tesla-model-3'] })).location).code ?? '');
    const other = await harness.app.carport.repositories.applications.createApplication({ name: 'Other app', redirectUris: [redirectUri] });
    const otherDriver = new ConnectDriver(harness.app);
    const otherPreamble = await otherDriver.follow(await otherDriver.get(authorizeUrl({ response_type: 'code', client_id: other.application.clientId, redirect_uri: redirectUri, scope: 'read_odometer', make: 'TESLA' })));
    const otherLogin = await otherDriver.submit(otherPreamble, '/connect/preamble', { action: 'continue' });
    const otherGrant = await otherDriver.submit(otherLogin, '/connect/login', { username: 'owner@example.com', password: 'correct horse' });
    const otherDone = await otherDriver.post('/connect/grant', { ...hidden(otherGrant), action: 'approve', vehicle: ['tesla-model-3'] });
    const otherCode = redirectParams(otherDone.location).code ?? '';
    const otherTokens = (
      await harness.app.inject({
        method: 'POST',
        url: '/oauth/token',
        headers: { authorization: `Basic ${Buffer.from(`${other.application.clientId}:${other.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ grant_type: 'authorization_code', code: otherCode, redirect_uri: redirectUri }).toString(),
      })
    ).json<{ access_token: string }>();
    const list = async (token: string) => (await harness.app.inject({ method: 'GET', url: '/v2.0/vehicles', headers: { authorization: `Bearer ${token}` } })).json<{ vehicles: string[] }>().vehicles;
    const mine = await list(firstTokens.access_token);
    const theirs = await list(otherTokens.access_token);
    expect(mine).toHaveLength(1);
    expect(theirs).toHaveLength(1);
    expect(mine[0]).not.toBe(theirs[0]);
    const users = async (token: string) => (await harness.app.inject({ method: 'GET', url: '/v2.0/user', headers: { authorization: `Bearer ${token}` } })).json<{ id: string }>().id;
    expect(await users(firstTokens.access_token)).not.toBe(await users(otherTokens.access_token));
    const crossed = await harness.app.inject({ method: 'GET', url: `/v2.0/vehicles/${theirs[0] ?? ''}/permissions`, headers: { authorization: `Bearer ${firstTokens.access_token}` } });
    expect(crossed.statusCode).toBe(403);
  });

  it('shows its own error page for an unknown client or an unregistered redirect URI, never redirecting', async () => {
    for (const url of [
      authorizeUrl({ response_type: 'code', client_id: 'nope', redirect_uri: redirectUri }),
      authorizeUrl({ response_type: 'code', client_id: clientId, redirect_uri: 'https://evil.example/cb' }),
      authorizeUrl({ response_type: 'code' }),
    ]) {
      const response = await harness.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(400);
      expect(response.headers.location).toBeUndefined();
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toContain('<h1>Connect cannot continue</h1>');
    }
  });

  it.each([
    ['javascript:alert(1)', 'The redirect URI javascript:alert(1) uses the javascript: scheme; use https://, http:// or an app&#39;s own scheme.'],
    ['https://app.example/cb#done', 'The redirect URI https://app.example/cb#done must not contain a fragment (#...).'],
    ['/relative/cb', 'The redirect URI /relative/cb is not an absolute URI (e.g. https://app.example/callback).'],
  ])('shows its own error page for a registered redirect URI %s that Connect must not send an owner to', async (registered, message) => {
    // Registered directly in the store, as an install from before registrations were checked may hold it.
    const { application } = await harness.app.carport.repositories.applications.createApplication({ name: 'Old app', redirectUris: [registered] });
    const response = await harness.app.inject({ method: 'GET', url: authorizeUrl({ response_type: 'code', client_id: application.clientId, redirect_uri: registered, scope: 'read_odometer' }) });
    expect(response.statusCode).toBe(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.body).toContain('<h1>Connect cannot continue</h1>');
    expect(response.body).toContain(message);
  });

  it.each([
    [{ mode: 'sandbox' }, 'mode must be one of live, test, simulated; got "sandbox".'],
    [{ scope: 'read_odometer read_everything' }, 'Unknown permission in scope: read_everything.'],
    [{ response_type: 'token' }, 'response_type must be "code", not "token".'],
    [{ make: 'DELOREAN' }, 'make "DELOREAN" is not a supported make.'],
    [{ single_select_vin: '5YJ3E1EA7KF317000' }, 'single_select_vin requires single_select=true.'],
    [{ code_challenge: 'abc', code_challenge_method: 'plain' }, 'code_challenge_method must be S256.'],
  ])('redirects configuration_error for %j', async (extra, message) => {
    const response = await harness.app.inject({ method: 'GET', url: connectUrl(extra) });
    expect(response.statusCode).toBe(303);
    expect(redirectParams(response.headers.location as string)).toEqual({ error: 'configuration_error', error_description: message, status_code: '400', error_message: message, state: 'st-1' });
  });

  it('answers configuration_error for a later step without a valid flow, or a form without its CSRF token', async () => {
    const skipped = await harness.app.inject({ method: 'GET', url: '/connect/grant?flow=abcdefghijklmnopqrstuvwx' });
    expect(skipped.statusCode).toBe(400);
    expect(skipped.body).toContain('<code>configuration_error</code>');
    const driver = new ConnectDriver(harness.app);
    const preamble = await driver.follow(await driver.get(connectUrl()));
    const forged = await driver.post('/connect/preamble', { flow: hidden(preamble).flow ?? '', csrf: 'forged', action: 'continue' });
    expect(forged.status).toBe(400);
    expect(forged.html).toContain('<code>configuration_error</code>');
    const noCsrf = await driver.post('/connect/preamble', { flow: hidden(preamble).flow ?? '', action: 'continue' });
    expect(noCsrf.status).toBe(400);
  });

  it('shows a planned brand a search names as coming soon, not selectable', async () => {
    const driver = new ConnectDriver(harness.app);
    const preamble = await driver.follow(await driver.get(connectUrl()));
    const brands = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
    const flow = hidden(brands).flow ?? '';
    // Untouched, the list holds what can be connected; every planned brand is there but hidden.
    expect(brands.html).toContain('<li class="brand-planned" data-search="polestar polestar" hidden>Polestar — coming soon</li>');
    const searched = await driver.get(`/connect/brands?flow=${encodeURIComponent(flow)}&q=pole`);
    expect(searched.status).toBe(200);
    expect(searched.html).toContain(
      '<ul class="brand-planned-list" aria-label="Brands coming soon">\n' +
        '<li class="brand-planned" data-search="genesis genesis genesis motor" hidden>Genesis — coming soon</li>\n' +
        '<li class="brand-planned" data-search="lucid lucid lucid motors" hidden>Lucid — coming soon</li>\n' +
        '<li class="brand-planned" data-search="polestar polestar">Polestar — coming soon</li>\n' +
        '</ul>',
    );
    expect(searched.html).toContain('<p id="brand-search-status" class="muted" aria-live="polite">0 brands</p>');
    expect(searched.html).not.toContain('value="POLESTAR"');
    // The query is echoed escaped, and a planned brand cannot be picked by posting it.
    const hostile = await driver.get(`/connect/brands?flow=${encodeURIComponent(flow)}&q=${encodeURIComponent('"><script>x</script>')}`);
    expect(hostile.html).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(hostile.html).not.toContain('<script>x</script>');
    expect((await driver.post('/connect/brands', { ...hidden(brands), make: 'POLESTAR' })).status).toBe(400);
  });

  it('skips brand selection with make= and refuses a brand change', async () => {
    const driver = new ConnectDriver(harness.app);
    const preamble = await driver.follow(await driver.get(connectUrl({ make: 'tesla' })));
    const login = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
    expect(login.html).toContain('<h1>Sign in to Tesla</h1>');
    const changed = await driver.post('/connect/brands', { ...hidden(login), make: 'TESLA' });
    expect(changed.status).toBe(400);
  });

  it('re-shows the form on a wrong password and throttles repeated failures', async () => {
    const driver = new ConnectDriver(harness.app);
    let page = await signIn(driver, {}, 'owner@example.com', 'wrong');
    expect(page.status).toBe(401);
    expect(page.html).toContain('That email and password do not match an account.');
    for (let attempt = 0; attempt < 4; attempt += 1) page = await driver.post('/connect/login', { ...hidden(page), username: 'owner@example.com', password: 'wrong' });
    const throttled = await driver.post('/connect/login', { ...hidden(page), username: 'owner@example.com', password: 'correct horse' });
    expect(throttled.status).toBe(429);
    expect(throttled.html).toContain('Too many failed sign-in attempts. Try again in 15 minutes.');
  });

  it('lets the owner go back to the application', async () => {
    const driver = new ConnectDriver(harness.app);
    const preamble = await driver.follow(await driver.get(connectUrl()));
    const back = await driver.post('/connect/preamble', { ...hidden(preamble), action: 'back' });
    expect(redirectParams(back.location)).toMatchObject({ error: 'user_manually_returned_to_application', state: 'st-1' });
  });
});

function hidden(step: Step): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of step.html.matchAll(/<input type="hidden" name="(flow|csrf)" value="([^"]*)">/g)) fields[match[1] ?? ''] = match[2] ?? '';
  return fields;
}
