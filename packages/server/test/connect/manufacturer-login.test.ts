/**
 * Connect's sign-in step for a provider that links by OAuth 2.0 redirect with PKCE: the owner's
 * browser goes to the manufacturer's login (a fake on loopback), comes back to Carport's callback
 * with a code, and Connect exchanges it, stores the tokens and continues to vehicle selection.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authorizeUrl, ConnectDriver, hiddenFields, redirectParams, type Step } from '../helpers/connect-driver.js';
import { FakeManufacturerLogin, fakeOAuthLinking } from '../helpers/fake-manufacturer-login.js';
import { fakeRegistry, fakeTeslaAccounts, FakeProvider } from '../helpers/fake-provider.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const redirectUri = 'https://app.example/callback';
const callbackUrl = 'http://carport.test/connect/link/callback';

describe('Connect with a manufacturer login (OAuth redirect)', () => {
  let harness: TestApp;
  let login: FakeManufacturerLogin;
  let clientId: string;
  let clientSecret: string;

  beforeEach(async () => {
    login = await FakeManufacturerLogin.start();
    const provider = new FakeProvider('TESLA', fakeTeslaAccounts(), { id: 'fake-oauth', linking: () => fakeOAuthLinking(login) });
    harness = await buildTestApp({ providers: fakeRegistry(provider) });
    const created = await harness.app.carport.repositories.applications.createApplication({ name: 'Fleet Insights', redirectUris: [redirectUri] });
    clientId = created.application.clientId;
    clientSecret = created.clientSecret;
  });
  afterEach(async () => {
    await harness.app.close();
    await login.close();
  });

  /** Preamble → brand; returns the redirect to the manufacturer's login. */
  async function toManufacturer(driver: ConnectDriver): Promise<Step> {
    const preamble = await driver.follow(await driver.get(authorizeUrl({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'read_vehicle_info read_odometer', state: 'st-1', mode: 'live' })));
    const brands = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
    return driver.submit(brands, '/connect/brands', { make: 'TESLA' });
  }

  /** The browser at the manufacturer: its login answers with a redirect back to Carport. */
  async function atManufacturer(step: Step): Promise<string> {
    const response = await fetch(step.location ?? '', { redirect: 'manual' });
    expect(response.status).toBe(302);
    const back = response.headers.get('location') ?? '';
    expect(back.startsWith(`${callbackUrl}?`)).toBe(true);
    return back.slice('http://carport.test'.length);
  }

  it('sends the owner to the manufacturer with state and a PKCE challenge, exchanges the code and continues to vehicle selection', async () => {
    const driver = new ConnectDriver(harness.app);
    const redirect = await toManufacturer(driver);
    expect(redirect.status).toBe(303);
    expect(redirect.location?.startsWith(`${login.origin}/oauth2/authorize?`)).toBe(true);
    const sent = redirectParams(redirect.location);
    expect(Object.keys(sent).sort()).toEqual(['client_id', 'code_challenge', 'code_challenge_method', 'redirect_uri', 'response_type', 'scope', 'state']);
    expect(sent).toMatchObject({ response_type: 'code', client_id: login.clientId, redirect_uri: callbackUrl, code_challenge_method: 'S256' });
    expect(sent.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sent.state).toMatch(/^[A-Za-z0-9_-]{16,64}\.[A-Za-z0-9_-]{16,64}$/);

    const grant = await driver.follow(await driver.get(await atManufacturer(redirect)));
    expect(grant.status).toBe(200);
    expect(grant.html).toMatch(/<div class="page-content">[\s\S]*id="approval-button"/);
    expect(grant.html.match(/type="checkbox"[^>]*checked/g)).toHaveLength(2);

    const done = await driver.post('/connect/grant', { ...hiddenFields(grant.html), action: 'approve', vehicle: ['tesla-model-3', 'tesla-model-y'] });
    expect(done.status).toBe(303);
    const params = redirectParams(done.location);
    expect(Object.keys(params).sort()).toEqual(['code', 'state']);
    expect(params.state).toBe('st-1');

    const { repositories, store } = harness.app.carport;
    const owner = await repositories.ownerAccounts.findByProviderAccount('TESLA', 'live', 'acct-owner@example.com');
    expect(owner).toMatchObject({ email: 'owner@example.com' });
    const credentials = await repositories.providerCredentials.find(owner?.id ?? '');
    expect(credentials).toMatchObject({ providerId: 'fake-oauth', scopes: ['vehicle_device_data', 'offline_access'] });
    expect(credentials?.accessToken).toMatch(/^access-[0-9a-f]{24}$/);
    expect(credentials?.refreshToken).toMatch(/^refresh-[0-9a-f]{24}$/);
    // At rest the tokens are ciphertext.
    const row = await store.db.selectFrom('provider_credentials').selectAll().executeTakeFirstOrThrow();
    expect(row.tokens_encrypted).toMatch(/^v1\./);
    expect(row.tokens_encrypted).not.toContain(credentials?.accessToken ?? 'access-');
    expect(row.tokens_encrypted).not.toContain(credentials?.refreshToken ?? 'refresh-');
    // Every vehicle records the provider that linked it.
    expect((await repositories.vehicles.listByOwnerAccount(owner?.id ?? '')).map((vehicle) => [vehicle.providerVehicleId, vehicle.providerId])).toEqual([
      ['tesla-model-3', 'fake-oauth'],
      ['tesla-model-y', 'fake-oauth'],
    ]);

    const tokens = await harness.app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'authorization_code', code: params.code ?? '', redirect_uri: redirectUri }).toString(),
    });
    expect(tokens.statusCode).toBe(200);
    const vehicles = await harness.app.inject({ method: 'GET', url: '/v2.0/vehicles', headers: { authorization: `Bearer ${tokens.json<{ access_token: string }>().access_token}` } });
    expect(vehicles.json<{ paging: unknown }>().paging).toEqual({ count: 2, offset: 0 });
  });

  it('redirects access_denied when the owner declines at the manufacturer', async () => {
    login.signInAs = null;
    const driver = new ConnectDriver(harness.app);
    const back = await driver.get(await atManufacturer(await toManufacturer(driver)));
    expect(back.status).toBe(303);
    expect(redirectParams(back.location)).toEqual({ error: 'access_denied', error_description: 'The vehicle owner declined to grant the application access.', state: 'st-1' });
    expect(await harness.app.carport.store.db.selectFrom('provider_credentials').selectAll().execute()).toEqual([]);
  });

  it('refuses a callback whose state is not the one the flow sent, without exchanging its code', async () => {
    const driver = new ConnectDriver(harness.app);
    const back = await atManufacturer(await toManufacturer(driver));
    const url = new URL(back, 'http://carport.test');
    const state = url.searchParams.get('state') ?? '';
    url.searchParams.set('state', `${state.slice(0, state.indexOf('.'))}.${'x'.repeat(32)}`);
    const forged = await driver.get(`${url.pathname}${url.search}`);
    expect(forged.status).toBe(400);
    expect(forged.html).toContain('This Connect session is missing, has expired, or the form was not sent by this page.');
    // The genuine callback still works afterwards: the forged one spent nothing.
    const genuine = await driver.follow(await driver.get(back));
    expect(genuine.html).toContain('id="approval-button"');
  });

  it('shows the password form to no one: posting one to a redirect-linked make is an invalid flow', async () => {
    const driver = new ConnectDriver(harness.app);
    const redirect = await toManufacturer(driver);
    const flow = new URL(redirect.location ?? '').searchParams.get('state')?.split('.')[0] ?? '';
    // The flow's own CSRF token, read from its cookie, so only the linking kind can refuse the form.
    const sealed = driver.cookies.get(`carport_flow_${flow}`) ?? '';
    const { csrf } = JSON.parse(Buffer.from(sealed.slice(0, sealed.indexOf('.')), 'base64url').toString('utf8')) as { csrf: string };
    const posted = await driver.post('/connect/login', { flow, csrf, username: 'owner@example.com', password: 'correct horse' });
    expect(posted.status).toBe(400);
    expect(posted.html).toContain('This Connect session is missing, has expired, or the form was not sent by this page.');
    expect(await harness.app.carport.repositories.ownerAccounts.findByProviderAccount('TESLA', 'live', 'acct-owner@example.com')).toBeNull();
  });
});
