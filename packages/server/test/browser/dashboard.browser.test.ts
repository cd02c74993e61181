/**
 * The developer dashboard in Chromium, as a developer meets it: sign up, sign out, sign in, enrol a
 * second factor (the test computes the TOTP codes), sign in with it, invite a member, who accepts in
 * a second browser. Every page passes axe-core at desktop width and on a 390 px phone; screenshots
 * of each go to docs/screenshots, and docs/dashboard.md shows them.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import { launchBrowser, watchPageProblems } from '../helpers/browser.js';
import { CapturedLog, testConfig } from '../helpers/test-app.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const docsDir = join(import.meta.dirname, '..', '..', '..', '..', 'docs');
const screenshotsDir = join(docsDir, 'screenshots');
const viewports = { desktop: { width: 1024, height: 720 }, phone: { width: 390, height: 844 } } as const;
const password = 'correct horse battery';

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

interface Shot {
  readonly name: string;
  readonly title: string;
}

describe('developer dashboard in Chromium', () => {
  let browser: Browser;
  let server: RunningServer;
  const log = new CapturedLog();
  const shots: Shot[] = [];
  const findings: { name: string; viewport: string; scrollWidth: number; violations: string[] }[] = [];

  /** axe and the page width at both sizes, and a screenshot of each, of the page the browser shows now. */
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

  /** The path of the last one-time link the server logged for `purpose`. */
  function loggedLink(purpose: string): string {
    const line = log.lines.filter((entry) => entry.purpose === purpose).at(-1);
    if (typeof line?.link !== 'string') throw new Error(`no ${purpose} link logged`);
    return new URL(line.link).pathname;
  }

  beforeAll(async () => {
    mkdirSync(screenshotsDir, { recursive: true });
    const dataDir = mkdtempSync(join(tmpdir(), 'carport-dashboard-'));
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

  it('signs up, signs in with a second factor, invites a member who accepts, every page accessible', async () => {
    const context = await browser.newContext({ viewport: viewports.desktop });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const problems = watchPageProblems(page);
    const address = server.address;

    await page.goto(`${address}/`);
    await page.click('a#dashboard-link');
    await page.waitForURL(`${address}/dashboard/sign-in`);
    await page.click('text=Create one');
    await page.waitForURL(`${address}/dashboard/sign-up`);
    await page.click('button[type=submit].primary');
    await page.locator('.error-summary').waitFor();
    await check(page, 'sign-up-errors', 'Sign up, with the error summary');
    // The refused form answers 400 on purpose, which Chromium reports as a failed load.
    problems.length = 0;
    await page.fill('#field-email', 'ann@example.com');
    await page.fill('#field-password', password);
    await page.fill('#field-teamName', 'Ann’s team');
    await page.click('button[type=submit].primary');
    await page.waitForURL(`${address}/dashboard`);
    expect(await page.locator('#no-applications').isVisible()).toBe(true);
    await check(page, 'applications', 'Applications (the home page)');

    await page.click('header button:has-text("Sign out")');
    await page.waitForURL(`${address}/dashboard/sign-in?signed-out=1`);
    await check(page, 'sign-in', 'Sign in');
    await page.fill('#field-email', 'ann@example.com');
    await page.fill('#field-password', password);
    await page.click('button[type=submit].primary');
    await page.waitForURL(`${address}/dashboard`);

    await page.click('nav a:has-text("Account")');
    await page.waitForURL(`${address}/dashboard/account`);
    await check(page, 'account', 'Account settings');
    await page.click('button:has-text("Set up two-step verification")');
    const secret = await page.locator('#totp-secret').innerText();
    expect(await page.locator('#otpauth-uri').getAttribute('href')).toBe(`otpauth://totp/Carport:ann%40example.com?issuer=Carport&secret=${secret}&algorithm=SHA1&digits=6&period=30`);
    await check(page, 'mfa-enrol', 'Two-step verification: adding an authenticator');
    const totp = new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 });
    await page.fill('#field-code', totp.generate());
    await page.click('button:has-text("Turn on two-step verification")');
    await page.locator('#recovery-codes').waitFor();
    expect(await page.locator('#recovery-codes li').count()).toBe(10);
    await check(page, 'mfa-recovery-codes', 'Two-step verification on, with the recovery codes');

    await page.click('header button:has-text("Sign out")');
    await page.waitForURL(/\/dashboard\/sign-in/);
    await page.fill('#field-email', 'ann@example.com');
    await page.fill('#field-password', password);
    await page.click('button[type=submit].primary');
    await page.waitForURL(`${address}/dashboard/sign-in/second-factor`);
    await check(page, 'sign-in-second-factor', 'Sign in: the second factor');
    await page.fill('#field-code', totp.generate());
    await page.click('button:has-text("Verify")');
    await page.waitForURL(`${address}/dashboard`);

    await page.click('nav a:has-text("Team")');
    await page.waitForURL(`${address}/dashboard/team`);
    await page.fill('#field-email', 'bob@example.com');
    await page.selectOption('#invite-role', 'viewer');
    await page.click('button:has-text("Create invitation")');
    const invitation = new URL(await page.locator('#invitation-link').innerText()).pathname;
    expect(invitation).toBe(loggedLink('team-invitation'));
    await check(page, 'team', 'Team: members, roles and invitations');

    const bobContext = await browser.newContext({ viewport: viewports.desktop });
    bobContext.setDefaultTimeout(15_000);
    const bob = await bobContext.newPage();
    const bobProblems = watchPageProblems(bob);
    await bob.goto(`${address}${invitation}`);
    expect(await bob.locator('#field-email').inputValue()).toBe('bob@example.com');
    await check(bob, 'accept-invitation', 'Accepting an invitation');
    await bob.fill('#field-password', 'bobs own long passphrase');
    await bob.click('button:has-text("Create account and join")');
    await bob.waitForURL(`${address}/dashboard/team`);
    expect(await bob.locator('main').innerText()).toContain('Your role: viewer.');
    expect(await bob.locator('button:has-text("Create invitation")').count()).toBe(0);

    await bob.click('header button:has-text("Sign out")');
    await bob.waitForURL(/\/dashboard\/sign-in/);
    await bob.click('text=Forgot your password?');
    await bob.fill('#field-email', 'bob@example.com');
    await bob.click('button:has-text("Send reset link")');
    await bob.locator('.notice').waitFor();
    await check(bob, 'forgot-password', 'Forgot password');
    await bob.goto(`${address}${loggedLink('password-reset')}`);
    await check(bob, 'reset-password', 'Choose a new password');
    await bob.fill('#field-password', 'a brand new passphrase');
    await bob.click('button:has-text("Set password")');
    await bob.waitForURL(`${address}/dashboard/sign-in?password-set=1`);

    const ann = await page.goto(`${address}/dashboard/team`);
    expect(ann?.status()).toBe(200);
    expect(await page.locator('tbody tr').count()).toBe(2);

    writeFileSync(
      join(docsDir, 'dashboard.md'),
      [
        '# Developer dashboard',
        '',
        'Written by `packages/server/test/browser/dashboard.browser.test.ts`, which walks these pages in Chromium',
        '(sign up, sign out, sign in, two-step verification, invitation, password reset), checks each with axe-core',
        'at 1024 px and on a 390 px phone, and takes these screenshots. The dashboard is served under `/dashboard`;',
        'see [architecture.md](architecture.md#developer-dashboard) for how it is built. The partner-lifecycle pages',
        '(applying, the application’s timeline and checklist, the operator’s review queue) are in',
        '[dashboard-lifecycle.md](dashboard-lifecycle.md).',
        '',
        ...shots.flatMap((shot) => [`## ${shot.title}`, '', `![${shot.title} at desktop width](screenshots/${shot.name}-desktop.png)`, `![${shot.title} on a phone](screenshots/${shot.name}-phone.png)`, '']),
      ].join('\n'),
    );
    expect(findings.filter((finding) => finding.violations.length > 0 || finding.scrollWidth > viewports[finding.viewport === 'phone' ? 'phone' : 'desktop'].width)).toEqual([]);
    expect([...problems, ...bobProblems]).toEqual([]);
  }, 240_000);
});
