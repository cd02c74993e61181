/**
 * @module The partner-lifecycle pages of the dashboard over HTTP: applying, the application page,
 * resubmission, the operator's queue and actions, with CSRF refusals, role limits and team isolation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DeveloperAccounts, logLinkSender } from '../../src/accounts/index.js';
import { buildTestApp, type CapturedLog, type TestApp } from '../helpers/test-app.js';
import { DashboardClient, csrfTokenOf } from './dashboard-client.js';

const password = 'correct horse battery';
let running: TestApp | undefined;

afterEach(async () => {
  await running?.app.close();
  running = undefined;
});

async function start(): Promise<TestApp> {
  running = await buildTestApp();
  return running;
}

async function signUp(client: DashboardClient, email: string, teamName: string): Promise<void> {
  expect((await client.submit('/dashboard/sign-up', '/dashboard/sign-up', { email, password, teamName })).statusCode).toBe(303);
}

function linkFromLog(log: CapturedLog, purpose: string): string {
  const line = log.lines.filter((entry) => entry.purpose === purpose).at(-1);
  if (typeof line?.link !== 'string') throw new Error(`no ${purpose} link in the log:\n${log.text()}`);
  return new URL(line.link).pathname;
}

async function signInOperator(testApp: TestApp, email: string): Promise<DashboardClient> {
  const { app, log } = testApp;
  const accounts = new DeveloperAccounts({ repositories: app.carport.repositories, publicUrl: 'http://carport.test', sender: logLinkSender(app.carport.logger), now: app.carport.now });
  expect((await accounts.createOperator(email)).ok).toBe(true);
  const link = linkFromLog(log, 'first-password');
  const client = new DashboardClient(app);
  expect((await client.submit(link, link, { password })).statusCode).toBe(303);
  expect((await client.submit('/dashboard/sign-in', '/dashboard/sign-in', { email, password })).headers.location).toBe('/dashboard');
  return client;
}

const applyForm = {
  name: 'Charge Planner',
  company: 'Acme Mobility',
  contactName: 'Ann Example',
  contactEmail: 'ann@example.com',
  website: 'https://acme.example',
  intendedUse: 'Plans charging around electricity prices.',
  dataPackages: 'charging_status',
  makes: 'nio, TESLA',
  regions: 'EUROPE',
  privacyPolicyUrl: 'https://acme.example/privacy',
  redirectUris: 'https://acme.example/callback',
};

/** Applies through the form; the client id from the credentials page. */
async function apply(client: DashboardClient): Promise<{ clientId: string; clientSecret: string }> {
  const response = await client.submit('/dashboard/applications/new', '/dashboard/applications/new', applyForm);
  expect(response.statusCode).toBe(201);
  const clientId = /id="client-id">([^<]+)</.exec(response.body)?.[1];
  const clientSecret = /id="client-secret">([^<]+)</.exec(response.body)?.[1];
  if (clientId === undefined || clientSecret === undefined) throw new Error(`no credentials on the page:\n${response.body}`);
  return { clientId, clientSecret };
}

describe('applying for an application', () => {
  it('creates the application in requested, owned by the team, with the request stored and the secret shown once', async () => {
    const testApp = await start();
    const ann = new DashboardClient(testApp.app);
    await signUp(ann, 'ann@example.com', 'Acme');
    const { clientId, clientSecret } = await apply(ann);
    expect(clientSecret).toMatch(/^\S{20,}$/);
    const repositories = testApp.app.carport.repositories;
    const application = await repositories.applications.findByClientId(clientId);
    expect(application?.lifecycleState).toBe('requested');
    expect(application?.redirectUris).toEqual(['https://acme.example/callback']);
    const request = await repositories.lifecycle.findRequest(application?.id ?? '');
    expect(request).toMatchObject({ company: 'Acme Mobility', contactName: 'Ann Example', contactEmail: 'ann@example.com', website: 'https://acme.example', dataPackages: ['charging_status'], makes: ['NIO', 'TESLA'], regions: ['EUROPE'], privacyPolicyUrl: 'https://acme.example/privacy' });
    const home = await ann.get('/dashboard');
    expect(home.body).toContain(`<a href="/dashboard/applications/${clientId}">Charge Planner</a>`);
    const page = await ann.get(`/dashboard/applications/${clientId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<span class="badge" data-state="requested">requested</span>');
    expect(page.body).not.toContain(clientSecret);
    expect(page.body).toContain('<li data-done="false">Open: vehicle connected</li>');
    expect(page.body).toContain('<li data-done="false">Open: charging_status used</li>');
  });

  it('answers 400 with each problem at its field and creates nothing', async () => {
    const testApp = await start();
    const ann = new DashboardClient(testApp.app);
    await signUp(ann, 'ann@example.com', 'Acme');
    const response = await ann.submit('/dashboard/applications/new', '/dashboard/applications/new', { ...applyForm, name: '', contactEmail: 'nope', dataPackages: 'teleport', redirectUris: 'not a url' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<li><a href="#field-contactEmail">contactEmail: must be an email address</a></li>');
    expect(response.body).toContain('<li><a href="#field-dataPackages">dataPackages: unknown data packages: teleport</a></li>');
    expect(response.body).toContain('<li><a href="#field-name">Give the application a name.</a></li>');
    expect(response.body).toContain('<li><a href="#field-redirectUris">not a url must be an absolute http(s) URL.</a></li>');
    expect(await testApp.app.carport.repositories.applications.list()).toEqual([]);
  });

  it('refuses a form without a valid CSRF token with 403 and creates nothing', async () => {
    const testApp = await start();
    const ann = new DashboardClient(testApp.app);
    await signUp(ann, 'ann@example.com', 'Acme');
    const response = await ann.postRaw('/dashboard/applications/new', { ...applyForm, _csrf: 'forged' });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('This form has expired');
    expect(await testApp.app.carport.repositories.applications.list()).toEqual([]);
  });

  it('sends a signed-out visitor to sign in', async () => {
    const testApp = await start();
    const visitor = new DashboardClient(testApp.app);
    const response = await visitor.get('/dashboard/applications/new');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/dashboard/sign-in');
  });
});

describe('role limits and team isolation', () => {
  it('shows a viewer the application read-only, refuses them applying and resubmitting with 403, and hides it from another team with 404', async () => {
    const testApp = await start();
    const { app } = testApp;
    const ann = new DashboardClient(app);
    await signUp(ann, 'ann@example.com', 'Acme');
    const { clientId } = await apply(ann);
    const invited = await ann.submit('/dashboard/team', '/dashboard/team/invitations', { email: 'vic@example.com', role: 'viewer' });
    const link = new URL(/id="invitation-link">([^<]+)</.exec(invited.body)?.[1] ?? 'http://x/none').pathname;
    // Signed out, Vic creates the account through the invitation, so Acme is the only team.
    const vic = new DashboardClient(app);
    expect((await vic.submit(link, link, { email: 'vic@example.com', password })).statusCode).toBe(303);
    const viewerPage = await vic.get(`/dashboard/applications/${clientId}`);
    expect(viewerPage.statusCode).toBe(200);
    expect(viewerPage.body).toContain('<span class="badge" data-state="requested">requested</span>');
    expect(viewerPage.body).not.toContain('action="/dashboard/applications/');
    expect((await vic.get('/dashboard/applications/new')).statusCode).toBe(403);
    const viewerRefused = await vic.postRaw(`/dashboard/applications/${clientId}/resubmit`, { _csrf: csrfTokenOf(viewerPage.body), ...applyForm });
    expect(viewerRefused.statusCode).toBe(403);
    const bob = new DashboardClient(app);
    await signUp(bob, 'bob@example.com', 'Other');
    const other = await bob.get(`/dashboard/applications/${clientId}`);
    expect(other.statusCode).toBe(404);
    expect(other.body).toContain('Your team has no such application.');
    const home = await bob.get('/dashboard');
    const refused = await bob.postRaw(`/dashboard/applications/${clientId}/resubmit`, { _csrf: csrfTokenOf(home.body), ...applyForm });
    expect(refused.statusCode).toBe(404);
    expect((await bob.get('/dashboard/review')).statusCode).toBe(403);
    expect((await bob.postRaw(`/dashboard/review/${clientId}/approve`, { _csrf: csrfTokenOf(home.body) })).statusCode).toBe(403);
    expect((await app.carport.repositories.applications.findByClientId(clientId))?.lifecycleState).toBe('requested');
  });
});

describe('operator review', () => {
  it('lists the queue by state, takes actions through the domain with reasons, and the developer resubmits after changes were asked for', async () => {
    const testApp = await start();
    const { app } = testApp;
    const ann = new DashboardClient(app);
    await signUp(ann, 'ann@example.com', 'Acme');
    const { clientId } = await apply(ann);
    const olga = await signInOperator(testApp, 'olga@example.com');
    const queue = await olga.get('/dashboard/review');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(`<a href="/dashboard/review/${clientId}">Charge Planner</a>`);
    expect(queue.body).toContain('<h2 id="state-requested"><span class="badge" data-state="requested">requested</span>');
    const page = `/dashboard/review/${clientId}`;
    const review = await olga.submit(page, `${page}/review`, { reason: '' });
    expect(review.statusCode).toBe(303);
    expect(review.headers.location).toBe(`${page}?done=review`);
    expect((await olga.get(`${page}?done=review`)).body).toContain('<div class="notice" role="status">Done: review. The application is now in review.</div>');
    const missingReason = await olga.submit(page, `${page}/request_changes`, { reason: ' ' });
    expect(missingReason.statusCode).toBe(400);
    expect(missingReason.body).toContain('To request changes an application, give a reason: the developer is told it.');
    expect((await olga.submit(page, `${page}/request_changes`, { reason: 'Add a privacy policy in German' })).statusCode).toBe(303);
    const annPage = await ann.get(`/dashboard/applications/${clientId}`);
    expect(annPage.body).toContain('<p id="state-reason"><strong>Reason:</strong> Add a privacy policy in German</p>');
    expect(annPage.body).toContain('<td data-label="Who">olga@example.com (operator)</td><td data-label="Change">in_review → changes_requested</td><td data-label="Why">Add a privacy policy in German</td>');
    expect(annPage.body).toContain('<td data-label="Who">ann@example.com (developer)</td><td data-label="Change">new → requested</td>');
    const resubmitted = await ann.submit(`/dashboard/applications/${clientId}`, `/dashboard/applications/${clientId}/resubmit`, { ...applyForm, privacyPolicyUrl: 'https://acme.example/datenschutz' });
    expect(resubmitted.statusCode).toBe(303);
    expect(resubmitted.headers.location).toBe(`/dashboard/applications/${clientId}?resubmitted=1`);
    const afterResubmit = await ann.get(`/dashboard/applications/${clientId}?resubmitted=1`);
    expect(afterResubmit.body).toContain('The request is submitted again and waits for review.');
    expect(afterResubmit.body).toContain('<span class="badge" data-state="requested">requested</span>');
    expect((await app.carport.repositories.lifecycle.findRequest((await app.carport.repositories.applications.findByClientId(clientId))?.id ?? ''))?.privacyPolicyUrl).toBe('https://acme.example/datenschutz');
    const again = await ann.submit(`/dashboard/applications/${clientId}`, `/dashboard/applications/${clientId}/resubmit`, applyForm);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('An application in state requested cannot resubmit');
    await olga.submit(page, `${page}/review`, {});
    expect((await olga.submit(page, `${page}/approve`, {})).statusCode).toBe(303);
    expect((await olga.get(page)).body).toContain('<span class="badge" data-state="joint_testing">joint testing</span>');
    const early = await olga.submit(page, `${page}/release`, {});
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('Joint testing is not complete: vehicle connected, charging_status used, command sent, webhook verified, webhook delivery succeeded.');
    expect((await olga.submit(page, `${page}/release`, { force: 'true' })).statusCode).toBe(303);
    expect((await olga.get(page)).body).toContain('<span class="badge" data-state="released">released</span>');
    const unknown = await olga.submit(page, `${page}/teleport`, {});
    expect(unknown.statusCode).toBe(404);
    expect((await olga.get('/dashboard/review/nope')).statusCode).toBe(404);
    const lifecycle = await app.carport.repositories.lifecycle.timeline((await app.carport.repositories.applications.findByClientId(clientId))?.id ?? '');
    expect(lifecycle.map((entry) => [entry.action, entry.to, entry.actor.split(':')[0]])).toEqual([
      ['create', 'requested', 'developer'],
      ['review', 'in_review', 'operator'],
      ['request_changes', 'changes_requested', 'operator'],
      ['resubmit', 'requested', 'developer'],
      ['review', 'in_review', 'operator'],
      ['approve', 'joint_testing', 'operator'],
      ['release', 'released', 'operator'],
    ]);
  });
});
