/**
 * Connect to a live NIO in Chromium: the application on another origin sends the owner to
 * Carport, Carport to NIO's (emulated) sign-in and consent, which lists the data packages the
 * application asks for; back at Carport the owner approves the same packages, and the application
 * lands on its own origin with a code the official SDK exchanges. Declining at NIO reaches the
 * application as access_denied. No page of the flow raises a console error (a CSP block is one).
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { EMULATED_NIO_PASSWORD, EmulatedNioCloud } from '@carport/emulators';
import type { Browser, Page } from 'playwright-core';
import smartcar from 'smartcar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import { startApplicationOrigin, type ApplicationOrigin } from '../helpers/application-origin.js';
import { launchBrowser, saveScreenshot, watchPageProblems } from '../helpers/browser.js';
import { testConfig } from '../helpers/test-app.js';
import { nioPackageTitles } from '../providers/nio-connect.js';
import { nioParkedAt } from '../providers/nio-subject.js';

const owners = ['browser@nio.test', 'decliner@nio.test'] as const;

/** A loopback port nobody listens on now: NIO's login sends the browser back to Carport's PUBLIC_URL, which must be its real origin. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => {
    probe.close((error) => {
      if (error === undefined) resolve();
      else reject(error);
    });
  });
  return port;
}
const scope = 'read_vehicle_info read_vin read_odometer read_location read_battery read_charge control_charge';

describe('Connect to a live NIO through the emulated NIO login, in Chromium', () => {
  let browser: Browser;
  let cloud: EmulatedNioCloud;
  let server: RunningServer;
  let application: ApplicationOrigin;

  beforeAll(async () => {
    application = await startApplicationOrigin();
    cloud = await EmulatedNioCloud.start({ accounts: [...owners], now: () => new Date(nioParkedAt) });
    const port = await freePort();
    server = await startServer(
      testConfig({
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        CARPORT_DEMO_APP: 'false',
        CARPORT_SIMULATED_MODES: 'test,simulated',
        CARPORT_NIO_CLIENT_ID: cloud.clientId,
        CARPORT_NIO_CLIENT_SECRET: cloud.clientSecret,
        CARPORT_NIO_AUTH_URL: cloud.origin,
        CARPORT_NIO_API_URL: cloud.origin,
      }),
      { logger: createLogger('silent') },
      { print: () => undefined, warn: () => undefined },
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await server.app.close();
    await cloud.close();
    await application.close();
  });

  async function newApplication(): Promise<{ clientId: string; clientSecret: string }> {
    const created = await server.app.carport.repositories.applications.createApplication({ name: 'Charge Planner', redirectUris: [application.redirectUri] });
    return { clientId: created.application.clientId, clientSecret: created.clientSecret };
  }

  /** A fresh browser profile, from the application's link to NIO's sign-in page. */
  async function toNioSignIn(clientId: string): Promise<{ page: Page; problems: string[] }> {
    const page = await (await browser.newContext()).newPage();
    const problems = watchPageProblems(page);
    const query = { response_type: 'code', client_id: clientId, redirect_uri: application.redirectUri, scope, state: 'nio', mode: 'live', make: 'NIO' };
    await page.goto(`${server.address}/oauth/authorize?${new URLSearchParams(query).toString()}`);
    await page.click('button#continue-button');
    await page.waitForURL((url) => url.origin === cloud.origin && url.pathname === '/oauth2/authorize');
    return { page, problems };
  }

  async function signInAtNio(page: Page, email: string, decision: 'allow' | 'deny'): Promise<void> {
    await page.fill('input#identity', email);
    await page.fill('input#credential', EMULATED_NIO_PASSWORD);
    await page.click(`button#${decision}`);
  }

  async function landedOnApplication(page: Page): Promise<Record<string, string>> {
    await page.waitForURL((url) => url.origin === application.origin && url.pathname === '/callback');
    return Object.fromEntries(new URL(page.url()).searchParams);
  }

  it("shares NIO's data packages at NIO and at Carport, and lands on the application with a code the official SDK exchanges", async () => {
    const app = await newApplication();
    const { page, problems } = await toNioSignIn(app.clientId);
    // NIO asks for the packages the application's permissions fall in: all five here.
    const packages = await Promise.all((await page.locator('li[data-scope]').all()).map((item) => item.getAttribute('data-scope')));
    expect(packages).toEqual(['vehicle_profile', 'location', 'vehicle_details', 'charging_status', 'control_charging']);
    await saveScreenshot(page, 'nio-emulated-consent');
    await signInAtNio(page, owners[0], 'allow');
    await page.locator('button#approval-button').waitFor();
    const grantText = await page.locator('body').innerText();
    for (const title of nioPackageTitles) expect(grantText).toContain(title);
    expect(grantText).toContain(cloud.vehicleOf(owners[0]).vin.slice(-6));
    await page.click('button#approval-button');
    const params = await landedOnApplication(page);
    expect(Object.keys(params).sort()).toEqual(['code', 'state']);
    expect(params.state).toBe('nio');

    process.env.SMARTCAR_AUTH_ORIGIN = server.address;
    process.env.SMARTCAR_API_ORIGIN = server.address;
    try {
      const client = new smartcar.AuthClient({ ...app, redirectUri: application.redirectUri, mode: 'live' });
      const access = await client.exchangeCode(params.code ?? '');
      const { vehicles } = await smartcar.getVehicles(access.accessToken);
      expect(vehicles).toHaveLength(1);
      const car = new smartcar.Vehicle(vehicles[0] ?? '', access.accessToken);
      expect((await car.vin()).vin).toBe(cloud.vehicleOf(owners[0]).vin);
    } finally {
      delete process.env.SMARTCAR_AUTH_ORIGIN;
      delete process.env.SMARTCAR_API_ORIGIN;
    }
    expect(problems).toEqual([]);
  });

  it('declining at NIO reaches the application as access_denied', async () => {
    const app = await newApplication();
    const { page, problems } = await toNioSignIn(app.clientId);
    await signInAtNio(page, owners[1], 'deny');
    const params = await landedOnApplication(page);
    expect(params).toMatchObject({ error: 'access_denied', state: 'nio' });
    expect(problems).toEqual([]);
  });
});
