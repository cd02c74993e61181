import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import { launchBrowser, saveScreenshot, watchPageProblems } from '../helpers/browser.js';
import { testConfig } from '../helpers/test-app.js';

describe('documentation pages in a real browser', () => {
  let browser: Browser;
  let server: RunningServer;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carport-browser-'));
    server = await startServer(
      testConfig({ DATABASE_URL: '', CARPORT_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', CARPORT_DEMO_APP: 'false' }),
      { logger: createLogger('silent') },
      { print: () => undefined, warn: () => undefined },
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser.close();
    await server.app.close();
  });

  it('renders the API reference from /openapi.json under the page’s security policy', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await page.goto(`${server.address}/docs`);
    const operation = page.locator('#operations-Vehicles-listVehicles');
    await operation.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await operation.innerText()).toContain('/v2.0/vehicles');
    await operation.locator('button.opblock-summary-control').click();
    await page.getByText('The number of elements to return per page.').first().waitFor({ timeout: 5_000 });
    await saveScreenshot(page, 'docs-api-reference');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('renders the error reference and jumps to the row a docURL names', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await page.goto(`${server.address}/docs/errors#vehicle_state-in_motion`);
    const row = page.locator('tr#vehicle_state-in_motion');
    await row.waitFor({ state: 'visible' });
    expect(await row.locator('td').first().innerText()).toBe('IN_MOTION');
    expect(await page.title()).toBe('Carport API errors');
    await saveScreenshot(page, 'docs-errors');
    expect(problems).toEqual([]);
    await page.close();
  });
});
