/**
 * The partner lifecycle in the dashboard, in Chromium: a developer signs up and applies, an operator
 * (created through the accounts layer) reviews and approves, a test-mode vehicle is connected and
 * read through Connect and the Vehicle API, the checklist on the page shows it, and the operator
 * releases. Every page passes axe-core at desktop width and on a 390 px phone; screenshots go to
 * docs/screenshots and docs/dashboard-lifecycle.md shows them.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeveloperAccounts, logLinkSender } from '../../src/accounts/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import { launchBrowser, watchPageProblems } from '../helpers/browser.js';
import { authorizeUrl, ConnectDriver, hiddenFields, redirectParams } from '../helpers/connect-driver.js';
import { CapturedLog, testConfig } from '../helpers/test-app.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const docsDir = join(import.meta.dirname, '..', '..', '..', '..', 'docs');
const screenshotsDir = join(docsDir, 'screenshots');
const viewports = { desktop: { width: 1024, height: 720 }, phone: { width: 390, height: 844 } } as const;
const password = 'correct horse battery';
const redirectUri = 'https://app.example/callback';

/** Runs in the page (as text: this project compiles without the DOM library). */
const examineInPage = `(async () => {
  const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
  return {
    scrollWidth: document.documentElement.scrollWidth,
    violations: violations.map((v) => v.id + ' (' + v.help + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', ')),
  };
})()`;

interface Examination {
  readonly scrollWidth: number;
  readonly violations: string[];
}

describe('partner lifecycle in the dashboard, in Chromium', () => {
  let browser: Browser;
  let server: RunningServer;
  const log = new CapturedLog();
  const shots: { name: string; title: string }[] = [];
  const findings: { name: string; viewport: string; scrollWidth: number; violations: string[] }[] = [];

  async function check(page: Page, name: string, title: string): Promise<void> {
    for (const [viewport, size] of Object.entries(viewports)) {
      await page.setViewportSize(size);
      if ((await page.evaluate('typeof window.axe')) !== 'object') await page.evaluate(axeSource);
      const { scrollWidth, violations } = await page.evaluate<Examination>(examineInPage);
      findings.push({ name, viewport, scrollWidth, violations });
      await page.screenshot({ path: join(screenshotsDir, `${name}-${viewport}.png`), fullPage: true });
    }
    await page.setViewportSize(viewports.desktop);
    shots.push({ name, title });
  }

  function loggedLink(purpose: string): string {
    const line = log.lines.filter((entry) => entry.purpose === purpose).at(-1);
    if (typeof line?.link !== 'string') throw new Error(`no ${purpose} link logged`);
    return new URL(line.link).pathname;
  }

  /** Connects a NIO test vehicle as the owner does in Connect and reads its odometer with the token. */
  async function connectAndRead(clientId: string, clientSecret: string): Promise<void> {
    const app = server.app;
    const driver = new ConnectDriver(app);
    const preamble = await driver.follow(await driver.get(authorizeUrl({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'read_odometer', state: 'st', mode: 'test', make: 'NIO' })));
    const login = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
    const grant = await driver.submit(login, '/connect/login', { username: 'ann@example.com', password: 'any password' });
    const vehicles = [...grant.html.matchAll(/name="vehicle" value="([^"]*)" checked/g)].map((match) => match[1] ?? '');
    const approved = await driver.post('/connect/grant', { ...hiddenFields(grant.html), page: '1', vehicle: vehicles, action: 'approve' });
    const { code = '' } = redirectParams(approved.location);
    const exchanged = await app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }).toString(),
    });
    expect(exchanged.statusCode, exchanged.body).toBe(200);
    const bearer = { authorization: `Bearer ${exchanged.json<{ access_token: string }>().access_token}` };
    const vehicleId = (await app.inject({ method: 'GET', url: '/v2.0/vehicles', headers: bearer })).json<{ vehicles: string[] }>().vehicles[0] ?? '';
    const read = await app.inject({ method: 'GET', url: `/v2.0/vehicles/${vehicleId}/odometer`, headers: bearer });
    expect(read.statusCode, read.body).toBe(200);
  }

  beforeAll(async () => {
    mkdirSync(screenshotsDir, { recursive: true });
    const dataDir = mkdtempSync(join(tmpdir(), 'carport-dashboard-lifecycle-'));
    server = await startServer(
      testConfig({ DATABASE_URL: '', CARPORT_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', PUBLIC_URL: 'http://127.0.0.1' }),
      { logger: createLogger('info', log.stream) },
      { print: () => undefined, warn: () => undefined },
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await server.app.close();
  });

  it('applies, is reviewed and approved, fills the checklist from a test vehicle, and is released, every page accessible', async () => {
    const address = server.address;
    const annContext = await browser.newContext({ viewport: viewports.desktop });
    annContext.setDefaultTimeout(15_000);
    const ann = await annContext.newPage();
    const problems = watchPageProblems(ann);

    await ann.goto(`${address}/dashboard/sign-up`);
    await ann.fill('#field-email', 'ann@example.com');
    await ann.fill('#field-password', password);
    await ann.fill('#field-teamName', 'Acme');
    await ann.click('button[type=submit].primary');
    await ann.waitForURL(`${address}/dashboard`);
    await ann.click('a:has-text("Apply for an application")');
    await ann.waitForURL(`${address}/dashboard/applications/new`);
    await check(ann, 'lifecycle-apply', 'Applying for an application');
    await ann.fill('#field-name', 'Trip Log');
    await ann.fill('#field-company', 'Acme Mobility');
    await ann.fill('#field-contactName', 'Ann Example');
    await ann.fill('#field-intendedUse', 'Keeps a log of trips for expense reports.');
    await ann.check('input[name=dataPackages][value=vehicle_details]');
    await ann.fill('#field-makes', 'NIO');
    await ann.check('input[name=regions][value=EUROPE]');
    await ann.fill('#field-redirectUris', redirectUri);
    await ann.click('button:has-text("Apply")');
    await ann.locator('#client-secret').waitFor();
    const clientId = await ann.locator('#client-id').innerText();
    const clientSecret = await ann.locator('#client-secret').innerText();
    await check(ann, 'lifecycle-credentials', 'The test-mode credentials, shown once');
    // The form's answer is 201 Created, which the page watcher does not count as a problem; nothing else is expected.
    await ann.click('a:has-text("Go to the application")');
    await ann.waitForURL(`${address}/dashboard/applications/${clientId}`);
    expect(await ann.locator('#state .badge').innerText()).toBe('requested');

    const accounts = new DeveloperAccounts({ repositories: server.app.carport.repositories, publicUrl: address, sender: logLinkSender(server.app.carport.logger), now: server.app.carport.now });
    expect((await accounts.createOperator('olga@example.com')).ok).toBe(true);
    const olgaContext = await browser.newContext({ viewport: viewports.desktop });
    olgaContext.setDefaultTimeout(15_000);
    const olga = await olgaContext.newPage();
    const olgaProblems = watchPageProblems(olga);
    await olga.goto(`${address}${loggedLink('first-password')}`);
    await olga.fill('#field-password', password);
    await olga.click('button[type=submit]');
    await olga.waitForURL(/\/dashboard\/sign-in/);
    await olga.fill('#field-email', 'olga@example.com');
    await olga.fill('#field-password', password);
    await olga.click('button[type=submit].primary');
    await olga.waitForURL(`${address}/dashboard`);
    await olga.click('nav a:has-text("Review queue")');
    await olga.waitForURL(`${address}/dashboard/review`);
    await check(olga, 'lifecycle-review-queue', 'The operator’s review queue');
    await olga.click('a:has-text("Trip Log")');
    await olga.waitForURL(`${address}/dashboard/review/${clientId}`);
    await olga.click('button:has-text("Review")');
    await olga.locator('#state .badge:has-text("in review")').waitFor();
    await check(olga, 'lifecycle-operator-review', 'An application in review, with the operator’s actions');
    await olga.click('button:has-text("Approve")');
    await olga.locator('#state .badge:has-text("joint testing")').waitFor();

    await connectAndRead(clientId, clientSecret);
    await ann.reload();
    expect(await ann.locator('#checklist li[data-done=true]').allInnerTexts()).toEqual([expect.stringMatching(/^Done: vehicle connected/), expect.stringMatching(/^Done: vehicle_details used/)]);
    expect(await ann.locator('#state .badge').innerText()).toBe('joint testing');
    await check(ann, 'lifecycle-joint-testing', 'Joint testing: the checklist fills itself');

    await olga.reload();
    await olga.fill('input[name=reason] >> nth=-1', 'Released for the pilot');
    await olga.check('input[name=force]');
    await olga.click('button:has-text("Release")');
    await olga.locator('#state .badge:has-text("released")').waitFor();
    await check(olga, 'lifecycle-released', 'Released, with the timeline');
    await ann.reload();
    expect(await ann.locator('#state .badge').innerText()).toBe('released');
    expect(await ann.locator('#timeline tbody tr').count()).toBe(4);

    writeFileSync(
      join(docsDir, 'dashboard-lifecycle.md'),
      [
        '# Dashboard: the partner lifecycle',
        '',
        'Written by `packages/server/test/browser/dashboard-lifecycle.browser.test.ts`, which walks these pages in Chromium',
        '(apply, the operator reviews and approves, a test-mode vehicle fills the checklist, release), checks each with',
        'axe-core at 1024 px and on a 390 px phone, and takes these screenshots. The lifecycle itself is described in',
        '[lifecycle.md](lifecycle.md); the rest of the dashboard in [dashboard.md](dashboard.md).',
        '',
        ...shots.flatMap((shot) => [`## ${shot.title}`, '', `![${shot.title} at desktop width](screenshots/${shot.name}-desktop.png)`, `![${shot.title} on a phone](screenshots/${shot.name}-phone.png)`, '']),
      ].join('\n'),
    );
    expect(findings.filter((finding) => finding.violations.length > 0 || finding.scrollWidth > viewports[finding.viewport === 'phone' ? 'phone' : 'desktop'].width)).toEqual([]);
    expect({ ann: problems, olga: olgaProblems }).toEqual({ ann: [], olga: [] });
  }, 240_000);
});
