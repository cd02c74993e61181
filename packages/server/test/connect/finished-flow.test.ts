/** @module A Connect flow ends once: replaying any of its forms with a copy of its cookie answers the finished page and never issues another code. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderFinishedFlowPage } from '../../src/http/connect/pages/finished-flow-page.js';
import { authorizeUrl, ConnectDriver, hiddenFields, redirectParams, type Step } from '../helpers/connect-driver.js';
import { fakeRegistry } from '../helpers/fake-provider.js';
import { buildTestApp, tickingClock, type TestApp } from '../helpers/test-app.js';

const redirectUri = 'https://app.example/callback';

describe('a finished Connect flow', () => {
  let harness: TestApp;
  let clientId: string;

  beforeEach(async () => {
    harness = await buildTestApp({ providers: fakeRegistry(), now: tickingClock('2026-11-22T10:00:00.000Z') });
    clientId = (await harness.app.carport.repositories.applications.createApplication({ name: 'Fleet Insights', redirectUris: [redirectUri] })).application.clientId;
  });
  afterEach(async () => {
    await harness.app.close();
  });

  /** Preamble → sign-in → the grant page, with the flow's cookie in `driver`. */
  async function grantPage(driver: ConnectDriver): Promise<Step> {
    const url = authorizeUrl({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'read_vehicle_info read_odometer', state: 'st-1', mode: 'live', make: 'TESLA' });
    const preamble = await driver.follow(await driver.get(url));
    const login = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
    const grant = await driver.submit(login, '/connect/login', { username: 'owner@example.com', password: 'correct horse' });
    expect(grant.html).toContain('id="approval-button"');
    return grant;
  }

  /** Puts back the cookies a browser (or an attacker's copy) still holds after the flow ended. */
  function restore(driver: ConnectDriver, cookies: ReadonlyMap<string, string>): void {
    for (const [name, value] of cookies) driver.cookies.set(name, value);
  }

  const codeCount = async () => (await harness.app.carport.store.db.selectFrom('authorization_codes').select('code_hash').execute()).length;

  function expectFinishedPage(step: Step, flowId: string): void {
    expect(step.status).toBe(400);
    expect(step.location).toBeUndefined();
    expect(step.response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(step.html).toBe(renderFinishedFlowPage(''));
    expect(step.response.cookies).toEqual([expect.objectContaining({ name: `carport_flow_${flowId}`, value: '', path: '/' })]);
  }

  it('answers a replayed consent with the finished page, not a second code', async () => {
    const driver = new ConnectDriver(harness.app);
    const grant = await grantPage(driver);
    const fields = hiddenFields(grant.html);
    const form = { ...fields, action: 'approve', vehicle: ['tesla-model-3'] };
    const cookies = new Map(driver.cookies);
    const approved = await driver.post('/connect/grant', form);
    expect(approved.status).toBe(303);
    expect(Object.keys(redirectParams(approved.location)).sort()).toEqual(['code', 'state']);
    expect(driver.cookies.size).toBe(0);

    restore(driver, cookies);
    const replayed = await driver.post('/connect/grant', form);
    expectFinishedPage(replayed, fields.flow ?? '');
    expect(await codeCount()).toBe(1);
  });

  it('answers every other step of the ended flow, form or page, with the finished page', async () => {
    const driver = new ConnectDriver(harness.app);
    const grant = await grantPage(driver);
    const fields = hiddenFields(grant.html);
    const cookies = new Map(driver.cookies);
    await driver.post('/connect/grant', { ...fields, action: 'approve', vehicle: ['tesla-model-3'] });
    const flowId = fields.flow ?? '';

    for (const [path, extra] of [
      ['/connect/preamble', { action: 'continue' }],
      ['/connect/login', { username: 'owner@example.com', password: 'correct horse' }],
      ['/connect/grant', { action: 'deny' }],
      ['/connect/grant', { goto: '1' }],
    ] as const) {
      restore(driver, cookies);
      expectFinishedPage(await driver.post(path, { ...fields, ...extra }), flowId);
    }
    restore(driver, cookies);
    expectFinishedPage(await driver.get(`/connect/grant?flow=${flowId}`), flowId);
    expect(await codeCount()).toBe(1);
  });

  it('lets no consent follow a denial', async () => {
    const driver = new ConnectDriver(harness.app);
    const grant = await grantPage(driver);
    const fields = hiddenFields(grant.html);
    const cookies = new Map(driver.cookies);
    const denied = await driver.post('/connect/grant', { ...fields, action: 'deny' });
    expect(redirectParams(denied.location)).toEqual({ error: 'access_denied', error_description: 'The vehicle owner declined to grant the application access.', state: 'st-1' });

    restore(driver, cookies);
    expectFinishedPage(await driver.post('/connect/grant', { ...fields, action: 'approve', vehicle: ['tesla-model-3'] }), fields.flow ?? '');
    expect(await codeCount()).toBe(0);
    expect(await harness.app.carport.store.db.selectFrom('connections').select('id').execute()).toEqual([]);
  });

  it('issues one code when the same consent arrives twice at once', async () => {
    const driver = new ConnectDriver(harness.app);
    const grant = await grantPage(driver);
    const form = { ...hiddenFields(grant.html), action: 'approve', vehicle: ['tesla-model-3'] };
    const cookie = [...driver.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const send = () =>
      harness.app.inject({ method: 'POST', url: '/connect/grant', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });
    const answers = await Promise.all([send(), send()]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([303, 400]);
    expect(answers.find((answer) => answer.statusCode === 400)?.body).toBe(renderFinishedFlowPage(''));
    expect(await codeCount()).toBe(1);
  });
});
