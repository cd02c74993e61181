import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import { launchBrowser, saveScreenshot, watchPageProblems } from '../helpers/browser.js';
import { testConfig } from '../helpers/test-app.js';

/** The README's walkthrough, as a new user does it: first start, Connect in a browser, curl-like calls. */
describe('README walkthrough on the default simulated fleet', () => {
  let browser: Browser;
  let server: RunningServer;
  let banner = '';

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carport-readme-'));
    const port = 18_000 + Math.floor(Math.random() * 1000);
    server = await startServer(
      testConfig({ DATABASE_URL: '', CARPORT_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}` }),
      { logger: createLogger('silent') },
      { print: (text) => (banner += text), warn: () => undefined },
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await server.app.close();
  });

  it('connects a simulated vehicle through the printed Connect URL and reads it with the tokens', async () => {
    const value = (label: string) => new RegExp(`${label}: +(\\S+)`).exec(banner)?.[1] ?? '';
    const [clientId, clientSecret, connectUrl] = [value('client id'), value('client secret'), value('Connect URL')];
    const page = await (await browser.newContext()).newPage();
    const problems = watchPageProblems(page);
    await page.goto(connectUrl);
    await page.click('button#continue-button');
    await page.fill('input#brand-search', 'vw');
    await page.click('button#VOLKSWAGEN.brand-list-item');
    await page.fill('input#username', 'new.user@example.com');
    await page.fill('input#password', 'anything');
    await page.click('button#sign-in-button');
    await page.locator('.page-content button#approval-button').click();
    await page.waitForURL((url) => url.pathname === '/demo/callback');
    const code = await page.locator('#authorization-code').innerText();
    await saveScreenshot(page, 'readme-callback');
    expect(problems).toEqual([]);

    const tokenResponse = await fetch(`${server.address}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: `${server.address}/demo/callback` }),
    });
    expect(tokenResponse.status).toBe(200);
    const { access_token: accessToken } = (await tokenResponse.json()) as { access_token: string };
    const headers = { authorization: `Bearer ${accessToken}` };
    const list = (await (await fetch(`${server.address}/v2.0/vehicles`, { headers })).json()) as { vehicles: string[]; paging: { count: number } };
    expect(list.paging.count).toBeGreaterThan(0);
    const vehicleId = list.vehicles[0] ?? '';
    const attributes = (await (await fetch(`${server.address}/v2.0/vehicles/${vehicleId}`, { headers })).json()) as { id: string; make: string };
    expect(attributes).toMatchObject({ id: vehicleId, make: 'VOLKSWAGEN' });
    const odometer = await fetch(`${server.address}/v2.0/vehicles/${vehicleId}/odometer`, { headers });
    expect(odometer.status).toBe(200);
    expect(odometer.headers.get('sc-data-age')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(((await odometer.json()) as { distance: number }).distance).toBeGreaterThan(0);
    const lock = await fetch(`${server.address}/v2.0/vehicles/${vehicleId}/security`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{"action":"LOCK"}' });
    expect([200, 409]).toContain(lock.status);
  });
});
