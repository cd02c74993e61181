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

  it('renders the API reference from the OpenAPI document under the page’s security policy, without script', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    const response = await page.goto(`${server.address}/docs`);
    expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(await page.title()).toBe('Carport API reference');
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.getByText(/swagger|fastify/i).count()).toBe(0);
    const operation = page.locator('details#listVehicles');
    expect(await operation.locator(':scope > summary').innerText()).toBe('GET /v2.0/vehicles All Vehicles');
    const description = page.getByText('The number of elements to return per page.').first();
    expect(await description.isVisible()).toBe(false);
    await operation.locator(':scope > summary').click();
    await description.waitFor({ state: 'visible', timeout: 5_000 });
    for (const guide of ['getting-started', 'webhooks', 'limits', 'errors', 'permissions', 'configuration']) {
      expect(await page.locator(`a[href="/docs/guides/${guide}"]`).count(), guide).toBe(1);
    }
    await page.click('a[href="/docs/guides/webhooks"]');
    await page.locator('h1', { hasText: 'Webhooks' }).waitFor();
    // Links between the Markdown files lead to the served guides.
    expect(await page.locator('a[href^="/docs/guides/"]').count()).toBeGreaterThan(0);
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
