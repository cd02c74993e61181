import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import { launchBrowser, saveScreenshot, watchPageProblems } from '../helpers/browser.js';
import { fakeRegistry } from '../helpers/fake-provider.js';
import { testConfig } from '../helpers/test-app.js';

describe('Connect in a real browser', () => {
  let browser: Browser;
  let server: RunningServer;
  let clientId: string;
  let clientSecret: string;
  let redirectUri: string;

  beforeAll(async () => {
    server = await startServer(testConfig({ PORT: '0', HOST: '127.0.0.1', CARPORT_DEMO_APP: 'false' }), { logger: createLogger('silent'), providers: fakeRegistry() }, { print: () => undefined, warn: () => undefined });
    redirectUri = `${server.address}/demo/callback`;
    browser = await launchBrowser();
  });

  // Each test connects to its own application, so grants from one test never skip another's grant screen.
  beforeEach(async () => {
    const created = await server.app.carport.repositories.applications.createApplication({ name: 'Fleet Insights', redirectUris: [redirectUri] });
    clientId = created.application.clientId;
    clientSecret = created.clientSecret;
  });
  afterAll(async () => {
    await browser.close();
    await server.app.close();
  });

  const connectUrl = (extra: Record<string, string> = {}) =>
    `${server.address}/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'read_vehicle_info read_odometer required:read_battery', state: 'browser', mode: 'live', ...extra }).toString()}`;

  /** Opens a fresh browser context (its own cookies) and walks to the grant screen, saving a screenshot of each page. */
  async function toGrant(name: string, username = 'owner@example.com', extra: Record<string, string> = {}): Promise<{ page: Page; problems: string[] }> {
    const page = await (await browser.newContext()).newPage();
    const problems = watchPageProblems(page);
    await page.goto(connectUrl(extra));
    await saveScreenshot(page, `${name}-1-preamble`);
    await page.click('button#continue-button');
    await expect.poll(() => page.locator('.brand-planned:visible').count()).toBe(0);
    // A planned brand appears, not selectable, only once the owner searches for it.
    await page.fill('input#brand-search', 'pole');
    await expect.poll(() => page.locator('.brand-planned:visible').allTextContents()).toEqual(['Polestar — coming soon']);
    await page.fill('input#brand-search', 'tes');
    await expect.poll(() => page.locator('.brand-planned:visible').count()).toBe(0);
    await expect.poll(() => page.locator('.brand-list-item:visible').count()).toBe(1);
    await saveScreenshot(page, `${name}-2-brand-select`);
    await page.click('button#TESLA.brand-list-item');
    await page.fill('input#username', username);
    await page.fill('input#password', username === 'owner@example.com' ? 'correct horse' : 'pw');
    await saveScreenshot(page, `${name}-3-login`);
    await page.click('button#sign-in-button');
    await page.waitForLoadState('load');
    return { page, problems };
  }

  async function callbackParams(page: Page): Promise<Record<string, string>> {
    await page.waitForURL((url) => url.pathname === '/demo/callback');
    return Object.fromEntries(new URL(page.url()).searchParams);
  }

  it('connects two vehicles and the tokens work', async () => {
    const { page, problems } = await toGrant('success');
    await page.locator('.page-content button#approval-button').waitFor();
    expect(await page.locator('input[type=checkbox][name=vehicle]:checked').count()).toBe(2);
    await saveScreenshot(page, 'success-4-grant');
    await page.click('.page-content button#approval-button');
    const params = await callbackParams(page);
    expect(params.state).toBe('browser');
    expect(await page.locator('#authorization-code').innerText()).toBe(params.code);
    await saveScreenshot(page, 'success-5-callback');
    const token = await server.app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'authorization_code', code: params.code ?? '', redirect_uri: redirectUri }).toString(),
    });
    const vehicles = await server.app.inject({ method: 'GET', url: '/v2.0/vehicles', headers: { authorization: `Bearer ${token.json<{ access_token: string }>().access_token}` } });
    expect(vehicles.json<{ paging: { count: number } }>().paging.count).toBe(2);
    expect(problems).toEqual([]);
  });

  it('sends access_denied when the owner denies', async () => {
    const { page } = await toGrant('deny');
    await page.click('button#deny-button');
    expect(await callbackParams(page)).toMatchObject({ error: 'access_denied', state: 'browser' });
    await saveScreenshot(page, 'deny-4-callback');
  });

  it('sends no_vehicles for an account without vehicles', async () => {
    const { page } = await toGrant('no-vehicles', 'empty@example.com');
    expect(await callbackParams(page)).toMatchObject({ error: 'no_vehicles', state: 'browser' });
    await saveScreenshot(page, 'no-vehicles-4-callback');
  });

  it('sends vehicle_incompatible when the only vehicle lacks a required permission', async () => {
    const { page } = await toGrant('incompatible', 'ice@example.com');
    expect(await callbackParams(page)).toMatchObject({ error: 'vehicle_incompatible', vin: '5YJSA1CN5DFP00101', make: 'TESLA', model: 'Model S', year: '2014' });
    await saveScreenshot(page, 'incompatible-4-callback');
  });

  it('lets the owner choose exactly one vehicle under single select, by keyboard', async () => {
    const { page } = await toGrant('single-select', 'owner@example.com', { single_select: 'true' });
    expect(await page.locator('input[type=radio][name=vehicle]').count()).toBe(2);
    await page.focus('input#vehicle-0');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('input#vehicle-1').isChecked()).toBe(true);
    await saveScreenshot(page, 'single-select-4-grant');
    await page.focus('button#approval-button');
    await page.keyboard.press('Enter');
    expect(Object.keys(await callbackParams(page)).sort()).toEqual(['code', 'state']);
  });

  it('skips the grant screen when nothing new is asked, and shows it with approval_prompt=force', async () => {
    const first = await toGrant('force-first');
    await first.page.click('button#approval-button');
    await callbackParams(first.page);
    const auto = await toGrant('force-auto');
    expect(Object.keys(await callbackParams(auto.page)).sort()).toEqual(['code', 'state']);
    const forced = await toGrant('force-prompt', 'owner@example.com', { approval_prompt: 'force' });
    await forced.page.locator('button#approval-button').waitFor();
    await saveScreenshot(forced.page, 'force-prompt-4-grant');
  });

  it('lets the owner see and revoke an application’s access, effective on the next API call', async () => {
    const { page } = await toGrant('revoke');
    await page.click('button#approval-button');
    const params = await callbackParams(page);
    const token = (
      await server.app.inject({
        method: 'POST',
        url: '/oauth/token',
        headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ grant_type: 'authorization_code', code: params.code ?? '', redirect_uri: redirectUri }).toString(),
      })
    ).json<{ access_token: string }>().access_token;
    const headers = { authorization: `Bearer ${token}` };
    const connected = (await server.app.inject({ method: 'GET', url: '/v2.0/vehicles', headers })).json<{ vehicles: string[] }>().vehicles;
    const vehicleId = connected[0] ?? '';
    expect((await server.app.inject({ method: 'GET', url: `/v2.0/vehicles/${vehicleId}/permissions`, headers })).statusCode).toBe(200);

    const owner = await (await browser.newContext()).newPage();
    const problems = watchPageProblems(owner);
    await owner.goto(`${server.address}/connect/owner`);
    await owner.selectOption('#owner-make', 'TESLA');
    await owner.fill('input#username', 'owner@example.com');
    await owner.fill('input#password', 'correct horse');
    await saveScreenshot(owner, 'owner-1-sign-in');
    await owner.click('button#sign-in-button');
    const rows = owner.locator('table.grants tbody tr');
    await rows.first().waitFor();
    expect(await rows.first().innerText()).toContain('Fleet Insights');
    await saveScreenshot(owner, 'owner-2-grants');
    const before = await rows.count();
    await owner.locator('button.revoke-button').first().click();
    await owner.locator('#owner-notice').waitFor();
    expect(await owner.locator('table.grants tbody tr').count()).toBe(before - 1);
    await saveScreenshot(owner, 'owner-3-revoked');
    expect(problems).toEqual([]);
    const remaining = (await server.app.inject({ method: 'GET', url: '/v2.0/vehicles', headers })).json<{ vehicles: string[] }>().vehicles;
    const revoked = connected.filter((id) => !remaining.includes(id));
    expect(revoked).toHaveLength(1);
    expect((await server.app.inject({ method: 'GET', url: `/v2.0/vehicles/${revoked[0] ?? ''}/permissions`, headers })).statusCode).toBe(403);
  });
});
