/**
 * @module The dashboard's security properties over HTTP, as a browser meets them: cookie flags,
 * CSRF refusals, session rotation, throttling, single-use expiring links, the team's second-factor
 * rule, role checks and team isolation.
 */
import { TOTP } from 'otpauth';
import { afterEach, describe, expect, it } from 'vitest';
import { DeveloperAccounts, logLinkSender } from '../../src/accounts/index.js';
import { createTestClock, type TestClock } from '../store/fixtures.js';
import { buildTestApp, type CapturedLog, type TestApp } from '../helpers/test-app.js';
import { DashboardClient, csrfTokenOf, setCookiesOf } from './dashboard-client.js';

const password = 'correct horse battery';
let running: TestApp | undefined;

afterEach(async () => {
  await running?.app.close();
  running = undefined;
});

async function start(env: Record<string, string> = {}, clock: TestClock = createTestClock()): Promise<TestApp & { clock: TestClock }> {
  running = await buildTestApp({ env, now: clock });
  return { ...running, clock };
}

async function signUp(client: DashboardClient, email: string, teamName = 'Team'): Promise<void> {
  const response = await client.submit('/dashboard/sign-up', '/dashboard/sign-up', { email, password, teamName });
  expect(response.statusCode).toBe(303);
}

/** The last one-time link the log sender wrote for `purpose`. */
function linkFromLog(log: CapturedLog, purpose: string): string {
  const line = log.lines.filter((entry) => entry.purpose === purpose).at(-1);
  if (typeof line?.link !== 'string') throw new Error(`no ${purpose} link in the log:\n${log.text()}`);
  return new URL(line.link).pathname;
}

describe('dashboard sessions', () => {
  it('sets an opaque HttpOnly SameSite=Lax session cookie scoped to the dashboard, without Secure on http', async () => {
    const { app } = await start();
    const client = new DashboardClient(app);
    const page = await client.get('/dashboard/sign-up');
    const response = await client.postRaw('/dashboard/sign-up', { _csrf: csrfTokenOf(page.body), email: ' Ann@Example.COM ', password, teamName: 'Ann team' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/dashboard');
    expect(setCookiesOf(response).get('carport_dashboard')).toMatch(/^carport_dashboard=ds_[A-Za-z0-9_-]{43}; Path=\/dashboard; HttpOnly; SameSite=Lax$/);
    const home = await client.get('/dashboard');
    expect(home.statusCode).toBe(200);
    expect(home.headers['cache-control']).toBe('no-store');
    expect(home.body).toContain('<span class="muted">ann@example.com</span>');
  });

  it('marks the cookies Secure when the public URL is https', async () => {
    const { app } = await start({ PUBLIC_URL: 'https://carport.test' });
    const client = new DashboardClient(app);
    const page = await client.get('/dashboard/sign-in');
    expect(setCookiesOf(page).get('carport_dashboard_csrf')).toMatch(/; Path=\/dashboard; HttpOnly; Secure; SameSite=Lax$/);
    await signUp(client, 'ann@example.com');
    const signIn = await client.submit('/dashboard/sign-in', '/dashboard/sign-in', { email: 'ann@example.com', password });
    expect(setCookiesOf(signIn).get('carport_dashboard')).toMatch(/; Path=\/dashboard; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('stores the password as an argon2id hash', async () => {
    const { app } = await start();
    await signUp(new DashboardClient(app), 'ann@example.com');
    const row = await app.carport.store.db.selectFrom('developer_accounts').select(['email', 'password_hash']).executeTakeFirstOrThrow();
    expect(row.email).toBe('ann@example.com');
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('issues a new session id at sign-in, so an id known before sign-in never becomes signed in', async () => {
    const { app } = await start();
    const client = new DashboardClient(app);
    await signUp(client, 'ann@example.com');
    const before = client.cookies.get('carport_dashboard');
    const signIn = await client.submit('/dashboard/sign-in', '/dashboard/sign-in', { email: 'ann@example.com', password });
    expect(signIn.statusCode).toBe(303);
    const after = client.cookies.get('carport_dashboard');
    expect(after).not.toBe(before);
    const planted = new DashboardClient(app);
    planted.cookies.set('carport_dashboard', before ?? '');
    const home = await planted.get('/dashboard');
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/dashboard/sign-in');
  });

  it('signs out: the session id stops working', async () => {
    const { app } = await start();
    const client = new DashboardClient(app);
    await signUp(client, 'ann@example.com');
    const id = client.cookies.get('carport_dashboard') ?? '';
    const signOut = await client.submit('/dashboard', '/dashboard/sign-out', {});
    expect(signOut.statusCode).toBe(303);
    expect(signOut.headers.location).toBe('/dashboard/sign-in?signed-out=1');
    const replay = new DashboardClient(app);
    replay.cookies.set('carport_dashboard', id);
    expect((await replay.get('/dashboard')).headers.location).toBe('/dashboard/sign-in');
  });
});

describe('CSRF', () => {
  it('refuses a POST without a token with a clear page, and changes nothing', async () => {
    const { app } = await start();
    const client = new DashboardClient(app);
    await client.get('/dashboard/sign-up');
    const response = await client.postRaw('/dashboard/sign-up', { email: 'ann@example.com', password, teamName: 'Team' });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<h1>This form has expired</h1>');
    expect(response.body).toContain('Nothing was changed');
    expect(await app.carport.repositories.developerAccounts.findByEmail('ann@example.com')).toBeNull();
  });

  it("refuses a token of another browser's session", async () => {
    const { app } = await start();
    const ann = new DashboardClient(app);
    await signUp(ann, 'ann@example.com', 'Ann team');
    const mallory = new DashboardClient(app);
    await signUp(mallory, 'mallory@example.com', 'Mallory team');
    const malloryToken = csrfTokenOf((await mallory.get('/dashboard/team')).body);
    const forged = await ann.postRaw('/dashboard/team/invitations', { _csrf: malloryToken, email: 'mallory@example.com', role: 'owner' });
    expect(forged.statusCode).toBe(403);
    const annTeam = (await app.carport.repositories.teams.membershipsOf((await app.carport.repositories.developerAccounts.findByEmail('ann@example.com'))?.id ?? ''))[0];
    expect(await app.carport.repositories.teams.pendingInvitations(annTeam?.team.id ?? '')).toEqual([]);
  });

  it('refuses a token rendered before sign-in once signed in', async () => {
    const { app } = await start();
    const client = new DashboardClient(app);
    const signedOutToken = csrfTokenOf((await client.get('/dashboard/sign-up')).body);
    await client.postRaw('/dashboard/sign-up', { _csrf: signedOutToken, email: 'ann@example.com', password, teamName: 'Team' });
    const response = await client.postRaw('/dashboard/sign-out', { _csrf: signedOutToken });
    expect(response.statusCode).toBe(403);
  });
});

describe('sign-in', () => {
  it('refuses a wrong password without telling which part was wrong', async () => {
    const { app } = await start();
    await signUp(new DashboardClient(app), 'ann@example.com');
    const client = new DashboardClient(app);
    for (const attempt of [{ email: 'ann@example.com', password: 'not the password' }, { email: 'nobody@example.com', password }]) {
      const response = await client.submit('/dashboard/sign-in', '/dashboard/sign-in', attempt);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('<li><a href="#field-email">The email address or password is not right.</a></li>');
    }
  });

  it('throttles an account after five failures, even with the right password, until the window passes', async () => {
    const { app, clock } = await start();
    await signUp(new DashboardClient(app), 'ann@example.com');
    const client = new DashboardClient(app);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await client.submit('/dashboard/sign-in', '/dashboard/sign-in', { email: 'ann@example.com', password: 'wrong password!!' })).statusCode).toBe(400);
    }
    const throttled = await client.submit('/dashboard/sign-in', '/dashboard/sign-in', { email: 'ann@example.com', password });
    expect(throttled.statusCode).toBe(429);
    expect(throttled.headers['retry-after']).toBe('900');
    expect(throttled.body).toContain('Too many failed attempts. Try again in 15 minutes.');
    clock.advance(15 * 60 * 1000);
    expect((await client.submit('/dashboard/sign-in', '/dashboard/sign-in', { email: 'ann@example.com', password })).statusCode).toBe(303);
  });

  it('asks for the second factor, then accepts a TOTP code or a recovery code once', async () => {
    const { app, clock } = await start();
    const client = new DashboardClient(app);
    await signUp(client, 'ann@example.com');
    await client.submit('/dashboard/account', '/dashboard/account/mfa/start', {});
    const enrolPage = (await client.get('/dashboard/account')).body;
    const secret = /<code class="secret" id="totp-secret">([A-Z2-7]+)<\/code>/.exec(enrolPage)?.[1] ?? '';
    expect(enrolPage).toContain(`otpauth://totp/Carport:ann%40example.com?issuer=Carport&amp;secret=${secret}&amp;algorithm=SHA1&amp;digits=6&amp;period=30`);
    const totp = new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 });
    const wrong = await client.submit('/dashboard/account', '/dashboard/account/mfa', { code: '000000' === totp.generate({ timestamp: clock().getTime() }) ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    const enabled = await client.submit('/dashboard/account', '/dashboard/account/mfa', { code: totp.generate({ timestamp: clock().getTime() }) });
    expect(enabled.statusCode).toBe(200);
    const codes = [...enabled.body.matchAll(/<li>([a-z2-7]{5}-[a-z2-7]{5})<\/li>/g)].map((match) => match[1] ?? '');
    expect(codes).toHaveLength(10);
    await client.submit('/dashboard', '/dashboard/sign-out', {});

    const password1 = await client.submit('/dashboard/sign-in', '/dashboard/sign-in', { email: 'ann@example.com', password });
    expect(password1.headers.location).toBe('/dashboard/sign-in/second-factor');
    expect((await client.get('/dashboard')).headers.location).toBe('/dashboard/sign-in');
    const pendingId = client.cookies.get('carport_dashboard');
    const verified = await client.submit('/dashboard/sign-in/second-factor', '/dashboard/sign-in/second-factor', { code: totp.generate({ timestamp: clock().getTime() }) });
    expect(verified.headers.location).toBe('/dashboard');
    expect(client.cookies.get('carport_dashboard')).not.toBe(pendingId);
    expect((await client.get('/dashboard')).statusCode).toBe(200);
    await client.submit('/dashboard', '/dashboard/sign-out', {});

    for (const expected of [303, 400]) {
      await client.submit('/dashboard/sign-in', '/dashboard/sign-in', { email: 'ann@example.com', password });
      const withRecovery = await client.submit('/dashboard/sign-in/second-factor', '/dashboard/sign-in/second-factor', { code: (codes[0] ?? '').toUpperCase() });
      expect(withRecovery.statusCode).toBe(expected);
      if (expected === 303) await client.submit('/dashboard', '/dashboard/sign-out', {});
    }
  });
});

describe('operators', () => {
  it('sets an operator\'s first password through the logged link, then signs in with the operator flag and no team', async () => {
    const { app, log } = await start();
    const accounts = new DeveloperAccounts({ repositories: app.carport.repositories, publicUrl: 'http://carport.test', sender: logLinkSender(app.carport.logger), now: app.carport.now });
    const created = await accounts.createOperator('Olga@Example.com');
    expect(created.ok).toBe(true);
    const link = linkFromLog(log, 'first-password');
    const client = new DashboardClient(app);
    expect((await client.submit('/dashboard/sign-in', '/dashboard/sign-in', { email: 'olga@example.com', password })).statusCode).toBe(400);
    expect((await client.submit(link, link, { password })).headers.location).toBe('/dashboard/sign-in?password-set=1');
    expect((await client.submit('/dashboard/sign-in', '/dashboard/sign-in', { email: 'olga@example.com', password })).headers.location).toBe('/dashboard');
    const home = await client.get('/dashboard');
    expect(home.body).toContain('<span class="muted">olga@example.com (operator)</span>');
    expect(home.body).toContain('You belong to no team.');
    expect((await client.get('/dashboard/team')).statusCode).toBe(404);
  });
});

describe('password reset', () => {
  it('sends a single-use link to the log, which sets the password and ends every session', async () => {
    const { app, log } = await start();
    const ann = new DashboardClient(app);
    await signUp(ann, 'ann@example.com');
    const visitor = new DashboardClient(app);
    const asked = await visitor.submit('/dashboard/forgot-password', '/dashboard/forgot-password', { email: 'ANN@example.com' });
    expect(asked.body).toContain('If an account has this email address, a link to reset its password is on its way.');
    const unknown = await visitor.submit('/dashboard/forgot-password', '/dashboard/forgot-password', { email: 'nobody@example.com' });
    expect(unknown.body).toContain('If an account has this email address, a link to reset its password is on its way.');
    const link = linkFromLog(log, 'password-reset');
    expect(link).toMatch(/^\/dashboard\/reset-password\/pr_[A-Za-z0-9_-]{43}$/);
    expect(log.lines.filter((line) => line.purpose === 'password-reset')).toHaveLength(1);

    const tooShort = await visitor.submit(link, link, { password: 'short' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.body).toContain('Use a password of at least 12 characters.');
    const reset = await visitor.submit(link, link, { password: 'a brand new passphrase' });
    expect(reset.statusCode).toBe(303);
    expect(reset.headers.location).toBe('/dashboard/sign-in?password-set=1');
    expect((await ann.get('/dashboard')).headers.location).toBe('/dashboard/sign-in');
    const again = await visitor.submit(link, link, { password: 'yet another passphrase' });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('This link has expired or was already used. Ask for a new one.');
    expect((await visitor.submit('/dashboard/sign-in', '/dashboard/sign-in', { email: 'ann@example.com', password: 'a brand new passphrase' })).statusCode).toBe(303);
  });

  it('refuses a link after its hour', async () => {
    const { app, log, clock } = await start();
    await signUp(new DashboardClient(app), 'ann@example.com');
    const visitor = new DashboardClient(app);
    await visitor.submit('/dashboard/forgot-password', '/dashboard/forgot-password', { email: 'ann@example.com' });
    const link = linkFromLog(log, 'password-reset');
    clock.advance(60 * 60 * 1000);
    expect((await visitor.submit(link, link, { password: 'a brand new passphrase' })).statusCode).toBe(410);
  });
});

describe('teams', () => {
  /** Ann owns a team and invites Bob as `role`; both are signed in. */
  async function teamOfTwo(role: string): Promise<{ app: TestApp['app']; ann: DashboardClient; bob: DashboardClient; bobId: string; clock: TestClock }> {
    const { app, log, clock } = await start();
    const ann = new DashboardClient(app);
    await signUp(ann, 'ann@example.com', 'Ann team');
    const invited = await ann.submit('/dashboard/team', '/dashboard/team/invitations', { email: 'bob@example.com', role });
    expect(invited.statusCode).toBe(200);
    const link = linkFromLog(log, 'team-invitation');
    expect(invited.body).toContain(`<code class="secret" id="invitation-link">http://carport.test${link}</code>`);
    const bob = new DashboardClient(app);
    const accepted = await bob.submit(link, link, { password });
    expect(accepted.headers.location).toBe('/dashboard/team');
    const spent = await bob.postRaw(link, { _csrf: csrfTokenOf((await bob.get('/dashboard/team')).body), password });
    expect(spent.statusCode).toBe(410);
    expect(spent.body).toContain('It has expired or was already used. Ask the team for a new one.');
    const bobId = (await app.carport.repositories.developerAccounts.findByEmail('bob@example.com'))?.id ?? '';
    return { app, ann, bob, bobId, clock };
  }

  it('lets a viewer see the team but not manage members', async () => {
    const { ann, bob, bobId } = await teamOfTwo('viewer');
    const page = await bob.get('/dashboard/team');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Your role: viewer.');
    expect(page.body).not.toContain('Create invitation');
    const annId = /action="\/dashboard\/team\/members\/([0-9a-f-]+)\/role"/.exec((await ann.get('/dashboard/team')).body)?.[1] ?? '';
    for (const [url, form] of [
      [`/dashboard/team/members/${annId}/remove`, {}],
      [`/dashboard/team/members/${bobId}/role`, { role: 'owner' }],
      ['/dashboard/team/invitations', { email: 'eve@example.com', role: 'owner' }],
    ] as const) {
      const refused = await bob.submit('/dashboard/team', url, form);
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain('Your role in this team does not allow this. Ask an owner.');
    }
  });

  it("answers 404 for a member of another team, and keeps the last owner", async () => {
    const { app, ann, bobId } = await teamOfTwo('developer');
    const eve = new DashboardClient(app);
    await signUp(eve, 'eve@example.com', 'Eve team');
    const outsider = await eve.submit('/dashboard/team', `/dashboard/team/members/${bobId}/remove`, {});
    expect(outsider.statusCode).toBe(404);
    expect(outsider.body).toContain('There is no such member in your team.');
    const leave = await ann.submit('/dashboard/team', '/dashboard/team/leave', {});
    expect(leave.statusCode).toBe(409);
    expect(leave.body).toContain('You are the last owner: make someone else owner before you leave.');
    expect((await ann.submit('/dashboard/team', `/dashboard/team/members/${bobId}/role`, { role: 'viewer' })).statusCode).toBe(200);
    const annTeam = (await app.carport.repositories.teams.membershipsOf(bobId))[0];
    expect(annTeam?.role).toBe('viewer');
  });

  it("shows the team's applications only to its members", async () => {
    const { app, bob } = await teamOfTwo('viewer');
    const eve = new DashboardClient(app);
    await signUp(eve, 'eve@example.com', 'Eve team');
    const bobId = (await app.carport.repositories.developerAccounts.findByEmail('bob@example.com'))?.id ?? '';
    const team = (await app.carport.repositories.teams.membershipsOf(bobId))[0]?.team;
    const created = await app.carport.repositories.applications.createApplication({ name: 'Fleet <tracker>', redirectUris: ['https://app.example/cb'] });
    await app.carport.repositories.teams.assignApplication(created.application.id, team?.id ?? '');
    expect((await bob.get('/dashboard')).body).toContain(`<td data-label="Name"><a href="/dashboard/applications/${created.application.clientId}">Fleet &lt;tracker&gt;</a></td><td data-label="Client id"><code>${created.application.clientId}</code></td>`);
    expect((await eve.get('/dashboard')).body).not.toContain(created.application.clientId);
  });

  it('sends members without a second factor to set one up once the team requires it', async () => {
    const { ann, bob } = await teamOfTwo('developer');
    expect((await ann.submit('/dashboard/team', '/dashboard/team/mfa', { required: 'true' })).body).toContain('Every member must now use two-step verification.');
    for (const path of ['/dashboard', '/dashboard/team']) {
      const response = await bob.get(path);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/dashboard/account');
    }
    const account = await bob.get('/dashboard/account');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Your team requires two-step verification. Set it up to continue.');
  });
});
