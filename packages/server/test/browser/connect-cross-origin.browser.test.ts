/**
 * Connect as a real application sees it: the redirect URI lives on the application's own origin (a
 * second loopback server) or is a mobile app's custom scheme, the owner's browser is Chromium, and
 * every way a flow ends must reach the application without a CSP violation.
 */
import type { Browser, Page } from 'playwright-core';
import smartcar from 'smartcar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import { startApplicationOrigin, type ApplicationOrigin } from '../helpers/application-origin.js';
import { launchBrowser, saveScreenshot, watchPageProblems } from '../helpers/browser.js';
import { fakeRegistry } from '../helpers/fake-provider.js';
import { testConfig } from '../helpers/test-app.js';

const quiet = { print: () => undefined, warn: () => undefined };

describe('Connect for an application on another origin, in Chromium', () => {
  let browser: Browser;
  let server: RunningServer;
  let application: ApplicationOrigin;
  /** Moves Carport's clock forward (flows expire after 30 minutes). */
  let clockOffsetMs = 0;

  beforeAll(async () => {
    application = await startApplicationOrigin();
    server = await startServer(
      testConfig({ PORT: '0', HOST: '127.0.0.1', CARPORT_DEMO_APP: 'false' }),
      { logger: createLogger('silent'), providers: fakeRegistry(), now: () => new Date(Date.now() + clockOffsetMs) },
      quiet,
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await server.app.close();
    await application.close();
  });

  async function newApplication(redirectUri: string): Promise<{ clientId: string; clientSecret: string }> {
    const created = await server.app.carport.repositories.applications.createApplication({ name: 'Fleet Insights', redirectUris: [redirectUri] });
    return { clientId: created.application.clientId, clientSecret: created.clientSecret };
  }

  function connectUrl(clientId: string, redirectUri: string, extra: Record<string, string> = {}): string {
    const query = { response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'read_vehicle_info read_odometer required:read_battery', state: 'xo', mode: 'test', make: 'TESLA', ...extra };
    return `${server.address}/oauth/authorize?${new URLSearchParams(query).toString()}`;
  }

  /** A fresh browser profile at the sign-in page of a flow; `problems` collects console errors (a CSP block is one). */
  async function toSignIn(url: string): Promise<{ page: Page; problems: string[] }> {
    const page = await (await browser.newContext()).newPage();
    const problems = watchPageProblems(page);
    await page.goto(url);
    await page.click('button#continue-button');
    await page.locator('input#username').waitFor();
    return { page, problems };
  }

  async function signIn(page: Page, username: string, password = 'pw'): Promise<void> {
    await page.fill('input#username', username);
    await page.fill('input#password', password);
    await page.click('button#sign-in-button');
  }

  /** Waits until the browser shows the application's callback page and returns what it received. */
  async function landedOnApplication(page: Page): Promise<Record<string, string>> {
    await page.waitForURL((url) => url.origin === application.origin && url.pathname === '/callback');
    return Object.fromEntries(new URL(page.url()).searchParams);
  }

  it('approves on the grant page and lands on the application with a code the official SDK exchanges', async () => {
    const app = await newApplication(application.redirectUri);
    const { page, problems } = await toSignIn(connectUrl(app.clientId, application.redirectUri));
    await signIn(page, 'owner@example.com', 'correct horse');
    await page.locator('button#approval-button').waitFor();
    const reloaded = await page.reload();
    expect(reloaded?.headers()['content-security-policy']).toContain(`form-action 'self' ${application.origin};`);
    await page.click('button#approval-button');
    const params = await landedOnApplication(page);
    expect(Object.keys(params).sort()).toEqual(['code', 'state']);
    expect(params.state).toBe('xo');
    expect(await page.locator('#outcome').innerText()).toBe('connected');
    await saveScreenshot(page, 'cross-origin-approved');

    process.env.SMARTCAR_AUTH_ORIGIN = server.address;
    process.env.SMARTCAR_API_ORIGIN = server.address;
    try {
      const client = new smartcar.AuthClient({ ...app, redirectUri: application.redirectUri, mode: 'test' });
      const access = await client.exchangeCode(params.code ?? '');
      expect((await smartcar.getVehicles(access.accessToken)).paging).toEqual({ count: 2, offset: 0 });
    } finally {
      delete process.env.SMARTCAR_AUTH_ORIGIN;
      delete process.env.SMARTCAR_API_ORIGIN;
    }
    expect(problems).toEqual([]);
  });

  it('denies on the grant page: access_denied', async () => {
    const app = await newApplication(application.redirectUri);
    const { page, problems } = await toSignIn(connectUrl(app.clientId, application.redirectUri));
    await signIn(page, 'owner@example.com', 'correct horse');
    await page.click('button#deny-button');
    expect(await landedOnApplication(page)).toEqual({ error: 'access_denied', error_description: 'The vehicle owner declined to grant the application access.', state: 'xo' });
    expect(problems).toEqual([]);
  });

  it('goes back to the application from the first page: user_manually_returned_to_application', async () => {
    const app = await newApplication(application.redirectUri);
    const page = await (await browser.newContext()).newPage();
    const problems = watchPageProblems(page);
    await page.goto(connectUrl(app.clientId, application.redirectUri));
    await page.click('button#back-button');
    expect(await landedOnApplication(page)).toMatchObject({ error: 'user_manually_returned_to_application', state: 'xo' });
    expect(problems).toEqual([]);
  });

  it.each([
    ['invalid_subscription', 'lapsed@example.com', {}],
    ['no_vehicles', 'empty@example.com', {}],
    ['vehicle_incompatible', 'ice@example.com', { vin: '5YJSA1CN5DFP00101', make: 'TESLA', model: 'Model S', year: '2014' }],
  ])('ends at sign-in with %s', async (error, username, details) => {
    const app = await newApplication(application.redirectUri);
    const { page, problems } = await toSignIn(connectUrl(app.clientId, application.redirectUri));
    await signIn(page, username);
    const params = await landedOnApplication(page);
    expect(params).toMatchObject({ error, state: 'xo', ...details });
    expect(params.error_description).toEqual(expect.any(String));
    expect(problems).toEqual([]);
  });

  it('skips the grant page when everything asked was granted before: the sign-in answers with the code', async () => {
    const app = await newApplication(application.redirectUri);
    const first = await toSignIn(connectUrl(app.clientId, application.redirectUri));
    await signIn(first.page, 'owner@example.com', 'correct horse');
    await first.page.click('button#approval-button');
    await landedOnApplication(first.page);
    const again = await toSignIn(connectUrl(app.clientId, application.redirectUri, { state: 'again' }));
    await signIn(again.page, 'owner@example.com', 'correct horse');
    const params = await landedOnApplication(again.page);
    expect(Object.keys(params).sort()).toEqual(['code', 'state']);
    expect(params.state).toBe('again');
    expect([...first.problems, ...again.problems]).toEqual([]);
  });

  it('tells the owner an expired flow expired and links back to the application', async () => {
    const app = await newApplication(application.redirectUri);
    const { page, problems } = await toSignIn(connectUrl(app.clientId, application.redirectUri));
    await signIn(page, 'owner@example.com', 'correct horse');
    await page.locator('button#approval-button').waitFor();
    clockOffsetMs = 31 * 60 * 1000;
    try {
      await page.click('button#approval-button');
      await page.locator('h1', { hasText: 'This session has expired' }).waitFor();
      await saveScreenshot(page, 'cross-origin-expired');
      await page.click('a#back-to-application');
      expect(await landedOnApplication(page)).toEqual({
        error: 'user_manually_returned_to_application',
        error_description: 'The owner chose to go back to the application before finishing Connect.',
        state: 'xo',
      });
    } finally {
      clockOffsetMs = 0;
    }
    expect(problems.filter((problem) => !problem.includes('400'))).toEqual([]);
  });

  describe('a mobile application with a custom-scheme redirect URI', () => {
    /** Waits for the navigation Chromium attempts to the app's scheme (it has no handler here, so it stops there). */
    function schemeNavigation(page: Page, scheme: string): Promise<Record<string, string>> {
      return new Promise((resolve) => {
        page.on('request', (request) => {
          if (request.url().startsWith(`${scheme}://`)) resolve(Object.fromEntries(new URL(request.url()).searchParams));
        });
      });
    }

    it.each([
      ['approve', 'owner@example.com', 'correct horse'],
      ['deny', 'owner@example.com', 'correct horse'],
      ['no_vehicles', 'empty@example.com', 'pw'],
    ])('hands the outcome to the app: %s', async (outcome, username, password) => {
      // Smartcar's mobile SDKs register `sc<client id>://exchange`, so the scheme follows the client id.
      const created = await server.app.carport.repositories.applications.createApplication({ name: 'Fleet Insights mobile', redirectUris: ['https://placeholder.invalid/'] });
      const app = { clientId: created.application.clientId };
      const scheme = `sc${app.clientId}`.toLowerCase();
      const redirectUri = `${scheme}://exchange`;
      await server.app.carport.repositories.applications.update(created.application.id, { redirectUris: [redirectUri] });
      const { page, problems } = await toSignIn(connectUrl(app.clientId, redirectUri));
      const attempted = schemeNavigation(page, scheme);
      await signIn(page, username, password);
      if (outcome !== 'no_vehicles') await page.click(outcome === 'approve' ? 'button#approval-button' : 'button#deny-button');
      const params = await attempted;
      if (outcome === 'approve') expect(Object.keys(params).sort()).toEqual(['code', 'state']);
      else expect(params).toMatchObject({ error: outcome === 'deny' ? 'access_denied' : 'no_vehicles', state: 'xo' });
      expect(problems.filter((problem) => !problem.startsWith(`request failed: ${scheme}://`))).toEqual([]);
    });
  });
});
