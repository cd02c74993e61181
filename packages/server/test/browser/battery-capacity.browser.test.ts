/**
 * @module The battery capacity link in a real browser: the application's server (a second loopback
 * server, so another origin) receives the owner back after they chose, which only works when the
 * page's CSP lets the form's redirect leave Carport's origin.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import { launchBrowser, saveScreenshot, watchPageProblems } from '../helpers/browser.js';
import { connectCapacityVehicle, type CapacityVehicle } from '../helpers/capacity-vehicle.js';
import { testConfig } from '../helpers/test-app.js';

/** A loopback port nobody listens on now (Carport's PUBLIC_URL must name its real origin, so the link does). */
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

describe('battery capacity chosen in a real browser', () => {
  let browser: Browser;
  let carport: RunningServer;
  let application: Server;
  let applicationOrigin: string;
  const callbacks: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    carport = await startServer(
      testConfig({ PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, CARPORT_DEMO_APP: 'false' }),
      { logger: createLogger('silent') },
      { print: () => undefined, warn: () => undefined },
    );
    // The application: records where the owner came back to and says so.
    application = createServer((request: IncomingMessage, response) => {
      callbacks.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>Range Planner</title><h1 id="done">Back in Range Planner</h1>');
    });
    await new Promise<void>((resolve) => application.listen(0, '127.0.0.1', resolve));
    applicationOrigin = `http://127.0.0.1:${(application.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await new Promise<void>((resolve) => {
      application.close(() => {
        resolve();
      });
    });
    await carport.app.close();
  });

  const readCapacity = (vehicle: CapacityVehicle) =>
    carport.app.inject({ method: 'GET', url: `/v2.0/vehicles/${vehicle.vehicleId}/battery/nominal_capacity`, headers: { authorization: `Bearer ${vehicle.accessToken}` } });

  /** Opens the link the API hands out, lets `choose` fill the form, submits, and returns where the browser landed. */
  async function chooseInBrowser(vehicle: CapacityVehicle, name: string, context: BrowserContextOptions, choose: (page: Page) => Promise<void>) {
    const first = await readCapacity(vehicle);
    expect(first.json<{ capacity: unknown }>().capacity).toBeNull();
    const page = await (await browser.newContext(context)).newPage();
    const problems = watchPageProblems(page);
    await page.goto(first.json<{ url: string }>().url);
    expect(await page.locator('h1').innerText()).toBe('Choose your battery’s capacity');
    expect(await page.locator('input[type=radio][name=capacity]').count()).toBe(4);
    await saveScreenshot(page, `${name}-1-form`);
    await choose(page);
    // A form-action CSP without the application's origin blocks this redirect, and the wait fails.
    await page.waitForURL((url) => url.origin === applicationOrigin, { timeout: 15_000 });
    await saveScreenshot(page, `${name}-2-back-in-application`);
    return { page, problems, landed: new URL(page.url()) };
  }

  it('picks a listed capacity, lands on the application’s redirect URI on another origin, and the API answers the choice', async () => {
    const vehicle = await connectCapacityVehicle(carport.app, `${applicationOrigin}/capacity/done`);
    const { page, problems, landed } = await chooseInBrowser(vehicle, 'battery-capacity', {}, async (form) => {
      await form.check('input[type=radio][name=capacity][value="82"]');
      await form.click('button#save-capacity-button');
    });
    expect(landed.pathname).toBe('/capacity/done');
    expect(Object.fromEntries(landed.searchParams)).toEqual({ vehicle_id: vehicle.vehicleId });
    expect(callbacks).toContain(`/capacity/done?vehicle_id=${vehicle.vehicleId}`);
    expect(await page.locator('#done').innerText()).toBe('Back in Range Planner');
    const after = await readCapacity(vehicle);
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual({
      availableCapacities: [
        { capacity: 57.5, description: 'BEV:Standard Range Plus' },
        { capacity: 78.1, description: 'BEV:Long Range' },
        { capacity: 82, description: 'BEV:Performance' },
      ],
      capacity: { nominal: 82, source: 'USER_SELECTED' },
      url: expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/connect/battery-capacity\\?vehicle_id=${vehicle.vehicleId}&client_id=${vehicle.clientId}&token=\\d+\\.[\\w-]{43}&response_type=vehicle_id&redirect_uri=${encodeURIComponent(`${applicationOrigin}/capacity/done`).replace(/\./g, '\\.')}$`)) as unknown,
    });
    expect(problems).toEqual([]);
  });

  it('works without JavaScript: an implausible value is refused on the page, then an entered one is kept', async () => {
    const vehicle = await connectCapacityVehicle(carport.app, `${applicationOrigin}/capacity/done`);
    const { problems, landed } = await chooseInBrowser(vehicle, 'battery-capacity-no-script', { javaScriptEnabled: false }, async (form) => {
      await form.check('input#capacity-other');
      await form.fill('input#other-capacity', '750');
      await form.click('button#save-capacity-button');
      expect(await form.locator('#capacity-error').innerText()).toBe('Enter a capacity between 1 and 300 kWh.');
      expect(await form.inputValue('input#other-capacity')).toBe('750');
      await saveScreenshot(form, 'battery-capacity-no-script-refused');
      await form.fill('input#other-capacity', '79.5');
      await form.click('button#save-capacity-button');
    });
    expect(Object.fromEntries(landed.searchParams)).toEqual({ vehicle_id: vehicle.vehicleId });
    expect((await readCapacity(vehicle)).json<{ capacity: unknown }>().capacity).toEqual({ nominal: 79.5, source: 'USER_SELECTED' });
    // The refused form's own 400 is the only thing the browser complains about (no CSP violation).
    expect(problems).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  });
});
