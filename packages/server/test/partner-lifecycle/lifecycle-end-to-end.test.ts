/**
 * @module The partner lifecycle end to end over HTTP: Connect's refusals by state through the real
 * redirect flow, the joint-testing checklist filling itself as a test-mode vehicle is connected,
 * read and commanded and a webhook is verified and delivered, release limited to the approved data
 * packages, and suspension refusing the Vehicle API with the reason.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { requestAccess } from '../../src/partner-lifecycle/request-access.js';
import type { PartnerRequest } from '../../src/store/index.js';
import { authorizeUrl, ConnectDriver, hiddenFields, redirectParams, type Step } from '../helpers/connect-driver.js';
import { buildTestApp } from '../helpers/test-app.js';
import { managementAuthorization } from '../helpers/test-world.js';
import { createTestClock, type TestClock } from '../store/fixtures.js';
import { TestReceiver } from '../webhooks/receiver.js';
import { webhookTestEnv } from '../webhooks/webhook-app.js';

const redirectUri = 'https://app.example/callback';
const adminToken = 'admin-token-for-lifecycle-tests-0123456789';
const partnerRequest: PartnerRequest = {
  company: 'Charge Co',
  contactName: 'Ada Lovelace',
  contactEmail: 'ada@charge.example',
  website: null,
  intendedUse: 'Smart charging.',
  dataPackages: ['vehicle_details', 'control_charging'],
  makes: ['NIO'],
  regions: ['EUROPE'],
  privacyPolicyUrl: null,
};

const opened: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close();
});

interface Partner {
  readonly app: FastifyInstance;
  readonly clock: TestClock;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly managementToken: string;
}

async function requestedPartner(): Promise<Partner> {
  const clock = createTestClock('2026-11-22T10:00:00.000Z');
  const { app } = await buildTestApp({ now: clock, env: { ...webhookTestEnv, CARPORT_ADMIN_TOKEN: adminToken } });
  opened.push(app);
  const created = await requestAccess(app.carport.repositories, { name: 'Charge Co app', redirectUris: [redirectUri], requestedBy: 'developer:ada' }, partnerRequest);
  return { app, clock, clientId: created.application.clientId, clientSecret: created.clientSecret, managementToken: created.managementToken };
}

function admin(partner: Partner, action: string, body: Record<string, unknown> = {}): Promise<LightMyRequestResponse> {
  return partner.app.inject({ method: 'POST', url: `/admin/applications/${partner.clientId}/lifecycle/${action}`, headers: { authorization: `Bearer ${adminToken}` }, payload: body });
}

async function lifecycleOf(partner: Partner): Promise<Record<string, unknown>> {
  const response = await partner.app.inject({ method: 'GET', url: '/v2.0/management/lifecycle', headers: { authorization: managementAuthorization(partner.managementToken) } });
  expect(response.statusCode).toBe(200);
  return response.json<Record<string, unknown>>();
}

/** Opens the Connect URL as the owner's browser does and returns where Carport sends it. */
async function authorize(partner: Partner, params: Record<string, string>): Promise<Step> {
  const driver = new ConnectDriver(partner.app);
  return driver.get(authorizeUrl({ response_type: 'code', client_id: partner.clientId, redirect_uri: redirectUri, state: 'st', ...params }));
}

/** Connect in `mode` for NIO with `scope` through to the token; answers the access token and the vehicle id. */
async function connectVehicle(partner: Partner, scope: string, mode: string, username: string): Promise<{ token: string; vehicleId: string }> {
  const driver = new ConnectDriver(partner.app);
  const preamble = await driver.follow(await driver.get(authorizeUrl({ response_type: 'code', client_id: partner.clientId, redirect_uri: redirectUri, scope, state: 'st', mode, make: 'NIO' })));
  const login = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
  const grant = await driver.submit(login, '/connect/login', { username, password: mode === 'live' ? 'carport-demo' : 'any password' });
  const vehicles = [...grant.html.matchAll(/name="vehicle" value="([^"]*)" checked/g)].map((match) => match[1] ?? '');
  const approved = await driver.post('/connect/grant', { ...hiddenFields(grant.html), page: '1', vehicle: vehicles, action: 'approve' });
  const { code = '' } = redirectParams(approved.location);
  const exchanged = await partner.app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { authorization: `Basic ${Buffer.from(`${partner.clientId}:${partner.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }).toString(),
  });
  expect(exchanged.statusCode, exchanged.body).toBe(200);
  const token = exchanged.json<{ access_token: string }>().access_token;
  const listed = await partner.app.inject({ method: 'GET', url: '/v2.0/vehicles', headers: { authorization: `Bearer ${token}` } });
  return { token, vehicleId: listed.json<{ vehicles: string[] }>().vehicles[0] ?? '' };
}

function configurationError(message: string): Record<string, string> {
  return { error: 'configuration_error', error_description: message, status_code: '400', error_message: message, state: 'st' };
}

describe('before release', () => {
  it('refuses live Connect with a configuration_error naming the state, and opens test mode', async () => {
    const partner = await requestedPartner();
    const live = await authorize(partner, { scope: 'read_odometer', mode: 'live' });
    expect(live.status).toBe(303);
    expect(live.location?.startsWith(`${redirectUri}?`)).toBe(true);
    expect(redirectParams(live.location)).toEqual(configurationError('The application is in state requested: until it is released, Connect works in test and simulated mode only.'));
    for (const mode of ['test', 'simulated']) {
      const opening = await authorize(partner, { scope: 'read_odometer', mode });
      expect(opening.location?.startsWith('/connect/preamble?flow=')).toBe(true);
    }
  });

  it('fills the joint-testing checklist as a test vehicle is connected, read, commanded and a webhook verified and delivered', async () => {
    const partner = await requestedPartner();
    const receiver = await TestReceiver.start();
    opened.push(receiver);
    receiver.nowSeconds = () => partner.clock().getTime() / 1000;
    receiver.token = partner.managementToken;
    expect((await admin(partner, 'review')).statusCode).toBe(200);
    const approved = await admin(partner, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'joint_testing', approvedDataPackages: ['vehicle_details', 'control_charging'] });

    const open = (await lifecycleOf(partner)).checklist;
    expect(open).toEqual({
      complete: false,
      items: [
        { item: 'vehicle connected', kind: 'vehicle_connected', dataPackage: null, doneAt: null },
        { item: 'vehicle_details used', kind: 'data_package_used', dataPackage: 'vehicle_details', doneAt: null },
        { item: 'control_charging used', kind: 'data_package_used', dataPackage: 'control_charging', doneAt: null },
        { item: 'command sent', kind: 'command_sent', dataPackage: null, doneAt: null },
        { item: 'webhook verified', kind: 'webhook_verified', dataPackage: null, doneAt: null },
        { item: 'webhook delivery succeeded', kind: 'webhook_delivered', dataPackage: null, doneAt: null },
      ],
    });
    const refusedRelease = await admin(partner, 'release');
    expect(refusedRelease.statusCode).toBe(400);
    expect(refusedRelease.json()).toMatchObject({
      type: 'VALIDATION',
      code: 'PARAMETER',
      description:
        'Joint testing is not complete: vehicle connected, vehicle_details used, control_charging used, command sent, webhook verified, webhook delivery succeeded. Release with force to release anyway.',
    });

    const { token, vehicleId } = await connectVehicle(partner, 'read_odometer control_charge', 'test', 'ada@charge.example');
    const bearer = { authorization: `Bearer ${token}` };
    expect((await partner.app.inject({ method: 'GET', url: `/v2.0/vehicles/${vehicleId}/odometer`, headers: bearer })).statusCode).toBe(200);
    const locked = await partner.app.inject({ method: 'POST', url: `/v2.0/vehicles/${vehicleId}/charge`, headers: bearer, payload: { action: 'START' } });
    expect(locked.statusCode, locked.body).toBe(200);
    const webhook = await partner.app.inject({
      method: 'POST',
      url: '/v2.0/management/webhooks',
      headers: { authorization: managementAuthorization(partner.managementToken) },
      payload: { name: 'Odometer', callbackUrl: receiver.url(), kind: 'scheduled', mode: 'test', intervalSeconds: 3600, endpoints: ['/odometer'] },
    });
    expect(webhook.json()).toMatchObject({ verification: { status: 'verified' } });
    const webhookId = webhook.json<{ id: string }>().id;
    const subscribed = await partner.app.inject({ method: 'POST', url: `/v2.0/vehicles/${vehicleId}/webhooks/${webhookId}`, headers: { ...bearer, 'content-type': 'application/json' }, payload: '' });
    expect(subscribed.statusCode, subscribed.body).toBe(200);
    partner.clock.advance(60 * 60_000);
    expect(await partner.app.carport.webhooks.scheduler.tick()).toBe(1);
    expect(await partner.app.carport.webhooks.worker.runOnce()).toBe(1);
    await receiver.waitForDeliveries(1);

    const filled = (await lifecycleOf(partner)).checklist as { complete: boolean; items: { item: string; doneAt: string | null }[] };
    expect(filled.items.map((item) => [item.item, item.doneAt !== null])).toEqual([
      ['vehicle connected', true],
      ['vehicle_details used', true],
      ['control_charging used', true],
      ['command sent', true],
      ['webhook verified', true],
      ['webhook delivery succeeded', true],
    ]);
    expect(filled.complete).toBe(true);
    const released = await admin(partner, 'release');
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({ state: 'released', nextActions: ['suspend', 'revoke'] });
  });
});

describe('once released', () => {
  async function releasedPartner(): Promise<Partner> {
    const partner = await requestedPartner();
    for (const [action, body] of [['review', {}], ['approve', { dataPackages: ['vehicle_details'] }], ['release', { force: true }]] as const) {
      const answer = await admin(partner, action, body);
      expect(answer.statusCode, answer.body).toBe(200);
    }
    return partner;
  }

  it('opens live Connect for the approved data packages only, naming the scopes outside them', async () => {
    const partner = await releasedPartner();
    expect((await authorize(partner, { scope: 'read_odometer read_thermometer', mode: 'live' })).location?.startsWith('/connect/preamble?flow=')).toBe(true);
    const outside = await authorize(partner, { scope: 'read_odometer read_location control_security', mode: 'live' });
    expect(redirectParams(outside.location)).toEqual(
      configurationError("The scope asks for read_location, control_security, outside the application's approved data packages (vehicle_details)."),
    );
  });

  it('when suspended, refuses Connect in every mode and the Vehicle API with ACCOUNT_SUSPENDED and the reason; resuming lifts both', async () => {
    const partner = await releasedPartner();
    const { token, vehicleId } = await connectVehicle(partner, 'read_odometer', 'simulated', 'ada@charge.example');
    const suspended = await admin(partner, 'suspend', { reason: 'Unpaid invoice 2026-11' });
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json()).toMatchObject({ state: 'suspended', reason: 'Unpaid invoice 2026-11', nextActions: ['resume', 'revoke'] });
    const read = await partner.app.inject({ method: 'GET', url: `/v2.0/vehicles/${vehicleId}/odometer`, headers: { authorization: `Bearer ${token}` } });
    expect(read.statusCode).toBe(430);
    expect(read.json()).toMatchObject({
      type: 'BILLING',
      code: 'ACCOUNT_SUSPENDED',
      description: 'The application is suspended: its access to the Vehicle API is disabled. Reason: Unpaid invoice 2026-11',
      statusCode: 430,
    });
    for (const mode of ['live', 'test', 'simulated']) {
      expect(redirectParams((await authorize(partner, { scope: 'read_odometer', mode })).location)).toEqual(
        configurationError('The application is suspended and cannot connect vehicles in any mode. Reason: Unpaid invoice 2026-11'),
      );
    }
    expect((await admin(partner, 'resume')).statusCode).toBe(200);
    expect((await partner.app.inject({ method: 'GET', url: `/v2.0/vehicles/${vehicleId}/odometer`, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
  });

  it('refuses an action the state does not allow, and one without its reason, with the catalog error naming why', async () => {
    const partner = await releasedPartner();
    const approve = await admin(partner, 'approve');
    expect(approve.statusCode).toBe(400);
    const message = 'An application in state released cannot approve: from released the application can only suspend, revoke.';
    expect(approve.json()).toMatchObject({ type: 'VALIDATION', code: 'PARAMETER', description: message, detail: [{ field: 'action', message }], statusCode: 400 });
    const revoke = await admin(partner, 'revoke');
    expect(revoke.json()).toMatchObject({ description: 'To revoke an application, give a reason: the developer is told it.' });
    const unknown = await partner.app.inject({ method: 'POST', url: '/admin/applications/nope/lifecycle/review', headers: { authorization: `Bearer ${adminToken}` } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ type: 'RESOURCE_NOT_FOUND', code: 'PATH', description: 'No application has client id nope.' });
    const timeline = (await lifecycleOf(partner)).timeline as { action: string; actor: string }[];
    expect(timeline.map((entry) => `${entry.action} by ${entry.actor}`)).toEqual([
      'create by developer:ada',
      'review by operator:admin-api',
      'approve by operator:admin-api',
      'release by operator:admin-api',
    ]);
  });
});

describe('the developer side', () => {
  it('sees the operator ask for changes with the reason, and resubmits a corrected request', async () => {
    const partner = await requestedPartner();
    expect((await admin(partner, 'review')).statusCode).toBe(200);
    expect((await admin(partner, 'request_changes', { reason: 'Name a privacy policy.' })).statusCode).toBe(200);
    expect(await lifecycleOf(partner)).toMatchObject({ state: 'changes_requested', reason: 'Name a privacy policy.', nextActions: ['resubmit', 'reject'] });
    const resubmit = (payload: Record<string, unknown>): Promise<LightMyRequestResponse> =>
      partner.app.inject({ method: 'POST', url: '/v2.0/management/lifecycle/resubmit', headers: { authorization: managementAuthorization(partner.managementToken) }, payload });
    const corrected = { ...partnerRequest, privacyPolicyUrl: 'https://charge.example/privacy' };
    const invalid = await resubmit({ request: { ...corrected, contactEmail: 'ada' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ type: 'VALIDATION', code: 'PARAMETER', detail: [{ field: 'body.request.contactEmail', message: 'must be an email address' }] });
    expect(await lifecycleOf(partner)).toMatchObject({ state: 'changes_requested', request: { privacyPolicyUrl: null } });
    const accepted = await resubmit({ request: corrected });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ state: 'requested', reason: null, request: { privacyPolicyUrl: 'https://charge.example/privacy' } });
    const again = await resubmit({});
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ description: 'An application in state requested cannot resubmit: from requested the application can only review, reject.' });
    const timeline = (await lifecycleOf(partner)).timeline as { action: string; actor: string; reason: string | null }[];
    expect(timeline.slice(-2)).toEqual([
      expect.objectContaining({ action: 'request_changes', actor: 'operator:admin-api', reason: 'Name a privacy policy.' }),
      expect.objectContaining({ action: 'resubmit', actor: `developer:${partner.clientId}`, reason: null }),
    ]);
  });
});
