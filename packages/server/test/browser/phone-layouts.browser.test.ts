/**
 * Every page a person sees (landing, docs, guides, each Connect step, the owner pages, the demo
 * callback) on a 390x844 phone: nothing wider than the screen, and no axe-core violation. One
 * browser, one server, the pages walked in sequence as an owner and a developer meet them.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectUrl, demoScope } from '../../src/app/demo-application.js';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import { guideDefinitions } from '../../src/http/docs-site/guides.js';
import { launchBrowser, saveScreenshot, watchPageProblems } from '../helpers/browser.js';
import { testConfig } from '../helpers/test-app.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const phone = { width: 390, height: 844 };

/** What one examination of a page found. */
interface Examination {
  readonly scrollWidth: number;
  /** One line per violated rule: id, help text and the offending elements. */
  readonly violations: string[];
}

/** Runs in the page (as text: this project compiles without the DOM library). */
const examineInPage = `(async () => {
  const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
  return {
    scrollWidth: document.documentElement.scrollWidth,
    violations: violations.map((v) => v.id + ' (' + v.help + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', ')),
  };
})()`;

/**
 * The page's width and axe's violations. axe is evaluated through the DevTools protocol, which the
 * page's CSP (no inline script) does not apply to; the page itself runs under its real policy.
 */
async function examine(page: Page): Promise<Examination> {
  if ((await page.evaluate('typeof window.axe')) !== 'object') await page.evaluate(axeSource);
  return page.evaluate<Examination>(examineInPage);
}

describe('pages on a 390 px phone', () => {
  let browser: Browser;
  let context: BrowserContext;
  let server: RunningServer;
  /** Moves Carport's clock forward (Connect sessions expire after 30 minutes). */
  let clockOffsetMs = 0;
  const results: { name: string; scrollWidth: number; violations: string[] }[] = [];
  let problems: string[] = [];

  /** Records how the page the browser shows now fares. */
  async function check(page: Page, name: string): Promise<void> {
    const { scrollWidth, violations } = await examine(page);
    results.push({ name, scrollWidth, violations });
    if (scrollWidth > phone.width || violations.length > 0) await saveScreenshot(page, `phone-${name}`);
  }

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carport-phone-'));
    const port = 19_000 + Math.floor(Math.random() * 1000);
    server = await startServer(
      testConfig({ DATABASE_URL: '', CARPORT_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}` }),
      { logger: createLogger('silent'), now: () => new Date(Date.now() + clockOffsetMs) },
      { print: () => undefined, warn: () => undefined },
    );
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: phone });
    // A step that cannot happen fails in seconds with its reason, not at the test's timeout.
    context.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser.close();
    await server.app.close();
  });

  it('fit the screen and pass axe, from the landing page through Connect to the owner pages', async () => {
    const page = await context.newPage();
    problems = watchPageProblems(page);
    const address = server.address;

    for (const path of ['/', '/docs', '/docs/errors', '/docs/guides', ...guideDefinitions.map((guide) => `/docs/guides/${guide.slug}`)]) {
      const response = await page.goto(`${address}${path}`);
      expect(response?.status(), path).toBe(200);
      await check(page, path === '/' ? 'landing' : path.slice(1).replaceAll('/', '-'));
    }
    expect(await page.title()).toBe('Architecture · Carport');
    await page.goto(`${address}/docs`);
    expect(await page.title()).toBe('Carport API reference');
    expect(await page.locator('h1').innerText()).toBe('Carport API reference');
    expect(await page.locator('a[href="/docs/guides/webhooks"]').count()).toBe(1);

    // Connect as the demo application in test mode: three vehicles make the chooser appear.
    const [demo] = await server.app.carport.repositories.applications.list();
    const url = connectUrl(address, demo?.clientId ?? '', `${address}/demo/callback`, demoScope, 'test');
    await page.goto(url);
    await check(page, 'connect-preamble');
    await page.click('button#continue-button');
    await page.locator('input#brand-search').waitFor();
    await check(page, 'connect-brands');
    await page.click('a#back-link');
    await page.locator('button#continue-button').waitFor();
    await page.click('button#continue-button');
    await page.click('button#TESLA.brand-list-item');
    await page.locator('input#username').waitFor();
    await check(page, 'connect-sign-in');
    expect(await page.locator('a#back-link').getAttribute('href')).toMatch(/^\/connect\/brands\?flow=/);
    await page.fill('input#username', '3-vehicles@smartcar.com');
    await page.fill('input#password', 'pw');
    await page.click('button#sign-in-button');
    const approve = page.locator('button#approval-button');
    await approve.waitFor();
    await check(page, 'connect-grant');
    // Approve is on screen without scrolling past the permission list.
    expect(await approve.isVisible()).toBe(true);
    const box = await approve.boundingBox();
    expect(box === null ? Infinity : box.y + box.height).toBeLessThanOrEqual(phone.height);

    // Nothing chosen: the page says so and keeps every box as the owner left it, unchecked.
    const boxes = page.locator('input[name="vehicle"]');
    expect(await boxes.count()).toBe(3);
    for (const vehicle of await boxes.all()) await vehicle.uncheck();
    await approve.click();
    await page.locator('.alert').waitFor();
    expect(await page.locator('.alert').innerText()).toBe('Choose at least one vehicle, or select Deny.');
    expect(await Promise.all((await boxes.all()).map((vehicle) => vehicle.isChecked()))).toEqual([false, false, false]);
    await check(page, 'connect-grant-nothing-chosen');
    await page.locator('input[name="vehicle"]').first().check();
    await page.click('button#approval-button');
    await page.waitForURL((current) => current.pathname === '/demo/callback');
    await check(page, 'demo-callback');

    // The owner sees and can revoke what the demo application holds.
    await page.goto(`${address}/connect/owner`);
    await check(page, 'owner-sign-in');
    await page.selectOption('select#owner-make', 'TESLA');
    await page.selectOption('select#owner-mode', 'test');
    await page.fill('input#username', '3-vehicles@smartcar.com');
    await page.fill('input#password', 'pw');
    await page.click('button#sign-in-button');
    await page.locator('table.grants').waitFor();
    await check(page, 'owner-grants');

    // A Connect URL Carport cannot accept ends on Carport's own error page.
    const refused = await page.goto(`${address}/oauth/authorize?response_type=code&client_id=unknown-client&redirect_uri=${encodeURIComponent(`${address}/demo/callback`)}`);
    expect(refused?.status()).toBe(400);
    await check(page, 'connect-error');

    // A session left open past 30 minutes says it expired.
    await page.goto(url);
    clockOffsetMs = 31 * 60_000;
    await page.click('button#continue-button');
    await page.locator('h1', { hasText: 'This session has expired' }).waitFor();
    expect(await page.locator('.alert').innerText()).toBe('Connect sessions last 30 minutes. Return to the application and start again.');
    await check(page, 'connect-expired');
    clockOffsetMs = 0;

    const failing = results.filter((result) => result.scrollWidth > phone.width || result.violations.length > 0);
    if (failing.length > 0) console.error(JSON.stringify(failing, null, 2));
    expect(failing).toEqual([]);
    expect(results.map((result) => result.name)).toContain('owner-grants');
    // The refused choice, the refused Connect URL and the expired session answer 4xx documents on purpose.
    expect(problems.filter((problem) => !/status of 4\d\d/.test(problem))).toEqual([]);
    expect(problems.length).toBeLessThanOrEqual(3);
    // axe takes seconds per page on a busy two-core machine; an idle one walks all of this in far less.
  }, 180_000);
});
