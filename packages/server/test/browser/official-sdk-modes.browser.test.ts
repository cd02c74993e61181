/**
 * The official `smartcar` SDK as the application, Chromium as the owner's browser and the simulated
 * fleet as the manufacturer: in each Connect mode the SDK builds the URL, the owner connects on
 * Carport's pages, the browser lands on the application's own origin, and the SDK exchanges the code,
 * reads and commands.
 */
import type { Browser } from 'playwright-core';
import smartcar from 'smartcar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import { DEMO_PASSWORD } from '../../src/providers/simulated/accounts.js';
import { startApplicationOrigin, type ApplicationOrigin } from '../helpers/application-origin.js';
import { launchBrowser, saveScreenshot, watchPageProblems } from '../helpers/browser.js';
import { testConfig } from '../helpers/test-app.js';

describe('the official SDK connects the simulated fleet in every mode, through Chromium', () => {
  let browser: Browser;
  let server: RunningServer;
  let application: ApplicationOrigin;
  let client: { clientId: string; clientSecret: string };

  beforeAll(async () => {
    application = await startApplicationOrigin();
    server = await startServer(testConfig({ PORT: '0', HOST: '127.0.0.1', CARPORT_DEMO_APP: 'false' }), { logger: createLogger('silent') }, { print: () => undefined, warn: () => undefined });
    const created = await server.app.carport.repositories.applications.createApplication({ name: 'Charge Planner', redirectUris: [application.redirectUri] });
    client = { clientId: created.application.clientId, clientSecret: created.clientSecret };
    process.env.SMARTCAR_AUTH_ORIGIN = server.address;
    process.env.SMARTCAR_API_ORIGIN = server.address;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    delete process.env.SMARTCAR_AUTH_ORIGIN;
    delete process.env.SMARTCAR_API_ORIGIN;
    await browser.close();
    await server.app.close();
    await application.close();
  });

  it.each([
    ['test', 'driver@example.com', 'any password'],
    ['simulated', 'driver@example.com', 'any password'],
    ['live', 'tesla.owner1@demo.carport.example', DEMO_PASSWORD],
  ] as const)('%s mode', async (mode, username, password) => {
    const auth = new smartcar.AuthClient({ ...client, redirectUri: application.redirectUri, mode });
    const url = auth.getAuthUrl(['read_vehicle_info', 'read_odometer', 'read_vin', 'read_charge', 'control_charge', 'read_security', 'control_security'], { state: `sdk-${mode}`, makeBypass: 'TESLA' });
    expect(new URL(url).origin).toBe(server.address);

    const page = await (await browser.newContext()).newPage();
    const problems = watchPageProblems(page);
    await page.goto(url);
    await page.click('button#continue-button');
    await page.fill('input#username', username);
    await page.fill('input#password', password);
    await page.click('button#sign-in-button');
    await page.locator('button#approval-button').waitFor();
    await saveScreenshot(page, `sdk-${mode}-grant`);
    await page.click('button#approval-button');
    await page.waitForURL((landed) => landed.origin === application.origin);
    const params = Object.fromEntries(new URL(page.url()).searchParams);
    expect(Object.keys(params).sort()).toEqual(['code', 'state']);
    expect(params.state).toBe(`sdk-${mode}`);
    expect(problems).toEqual([]);

    const access = await auth.exchangeCode(params.code ?? '');
    const { vehicles } = await smartcar.getVehicles(access.accessToken);
    // Test mode: an ordinary email holds the make's one test vehicle; the others hold one or more.
    if (mode === 'test') expect(vehicles).toHaveLength(1);
    else expect(vehicles.length).toBeGreaterThan(0);
    const vehicle = new smartcar.Vehicle(vehicles[0] ?? '', access.accessToken);
    const attributes = await vehicle.attributes();
    expect(attributes).toMatchObject({ id: vehicles[0], make: 'TESLA' });
    expect((await vehicle.vin()).vin).toMatch(/^[A-HJ-NPR-Z0-9]{17}$/);
    expect((await vehicle.odometer()).distance).toBeGreaterThanOrEqual(0);
    expect(await vehicle.setChargeLimit(0.75)).toMatchObject({ status: 'success' });
    expect(await vehicle.getChargeLimit()).toMatchObject({ limit: 0.75 });
    if (mode === 'test') {
      // Test vehicles are parked and plugged in below their limit: commands succeed and show in reads.
      expect(await vehicle.lock()).toMatchObject({ status: 'success' });
      expect(await vehicle.lockStatus()).toMatchObject({ isLocked: true });
      expect(await vehicle.startCharge()).toMatchObject({ status: 'success' });
      expect(await vehicle.charge()).toMatchObject({ state: 'CHARGING', isPluggedIn: true });
    }
  });
});
