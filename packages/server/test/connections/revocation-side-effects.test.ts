/**
 * @module Every path that revokes a connection has the same consequences: the grant ends with its
 * reason, the application's webhook subscriptions for it end, and the plan's vehicle count is read
 * afresh at once (a vehicle beyond the plan is served as soon as another one is disconnected).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { authorizeUrl, ConnectDriver, hiddenFields } from '../helpers/connect-driver.js';
import { fakeRegistry } from '../helpers/fake-provider.js';
import { buildTestApp, tickingClock, type TestApp } from '../helpers/test-app.js';
import { limitsProbeModule } from '../limits/limits-harness.js';
import { seedWorld } from '../helpers/test-world.js';

const plans = JSON.stringify({ 'tight-fleet': { maxConnectedVehicles: 1, monthlyRequestsPerVehicle: null, vehicleRate: null, applicationRate: null } });
const redirectUri = 'https://app.example/callback';

/** An application on the one-vehicle plan whose user is the fake Tesla owner, with both live Teslas connected and a webhook subscribed to each. */
interface Seeded {
  readonly applicationId: string;
  readonly clientId: string;
  readonly accessToken: string;
  readonly managementToken: string;
  /** The vehicle ids, oldest connection (the one the plan covers) first. */
  readonly vehicleIds: readonly [string, string];
  readonly connectionIds: readonly [string, string];
  readonly webhookId: string;
}

async function seed(app: FastifyInstance): Promise<Seeded> {
  const { repositories } = app.carport;
  // The account the fake provider signs `owner@example.com` in as, so the owner page finds these grants.
  const world = await seedWorld(repositories, {
    application: { name: 'Fleet Insights', redirectUris: [redirectUri], plan: 'tight-fleet' },
    mode: 'live',
    owner: { providerAccountId: 'acct-owner@example.com', email: 'owner@example.com' },
    vehicles: [
      { providerVehicleId: 'tesla-model-3', model: 'Model 3', year: 2019 },
      { providerVehicleId: 'tesla-model-y', model: 'Model 3', year: 2019 },
    ],
    permissions: ['read_vehicle_info', 'read_charge'],
  });
  const webhook = await repositories.webhooks.create({ applicationId: world.applicationId, name: 'Charging', callbackUrl: 'https://hooks.example/cb', kind: 'eventBased', mode: 'live', config: { eventTypes: ['CHARGING_STARTED'] } });
  const [first, second] = world.connections;
  if (first === undefined || second === undefined) throw new Error('seeding connected two vehicles');
  for (const connection of [first, second]) await repositories.subscriptions.subscribe(webhook.id, connection.id);
  return {
    applicationId: world.applicationId,
    clientId: world.clientId,
    accessToken: world.accessToken,
    managementToken: world.managementToken,
    vehicleIds: [first.applicationVehicleId, second.applicationVehicleId],
    connectionIds: [first.id, second.id],
    webhookId: webhook.id,
  };
}

describe('the consequences of revoking a connection', () => {
  let harness: TestApp;
  let seeded: Seeded;

  beforeEach(async () => {
    harness = await buildTestApp({ providers: fakeRegistry(), now: tickingClock(), modules: [limitsProbeModule], env: { CARPORT_PLANS: plans } });
    seeded = await seed(harness.app);
  });
  afterEach(async () => {
    await harness.app.close();
  });

  const probe = (vehicleId: string) =>
    harness.app.inject({ method: 'GET', url: `/v2.0/vehicles/${vehicleId}/limits-probe`, headers: { authorization: `Bearer ${seeded.accessToken}` } });
  const subscribedConnections = async () => (await harness.app.carport.repositories.subscriptions.listByWebhook(seeded.webhookId)).map((subscription) => subscription.connectionId);
  const revocationOf = async (connectionId: string) => {
    const connection = await harness.app.carport.repositories.connections.findById(connectionId);
    return { revoked: connection?.revokedAt !== null, reason: connection?.revocationReason };
  };

  /** The second vehicle is beyond the one-vehicle plan until the first one's grant ends. */
  async function expectSecondBeyondPlan(): Promise<void> {
    expect((await probe(seeded.vehicleIds[1])).statusCode).toBe(430);
  }

  it('Vehicle API disconnect: ends the subscription and brings the vehicle beyond the plan within it at once', async () => {
    await expectSecondBeyondPlan();
    const disconnected = await harness.app.inject({ method: 'DELETE', url: `/v2.0/vehicles/${seeded.vehicleIds[0]}/application`, headers: { authorization: `Bearer ${seeded.accessToken}` } });
    expect(disconnected.statusCode).toBe(200);
    expect(disconnected.json()).toEqual({ status: 'success' });

    expect(await revocationOf(seeded.connectionIds[0])).toEqual({ revoked: true, reason: 'application_disconnected' });
    expect(await subscribedConnections()).toEqual([seeded.connectionIds[1]]);
    const within = await probe(seeded.vehicleIds[1]);
    expect(within.statusCode).toBe(200);
    expect(within.json()).toEqual({ ok: true });
  });

  it('owner page: ends the subscription and brings the vehicle beyond the plan within it at once', async () => {
    await expectSecondBeyondPlan();
    const owner = new ConnectDriver(harness.app);
    const signIn = await owner.get('/connect/owner');
    const csrf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    await owner.post('/connect/owner/sign-in', { csrf: csrf(signIn.html), make: 'TESLA', mode: 'live', username: 'owner@example.com', password: 'correct horse' });
    const grants = await owner.get('/connect/owner');
    const revoked = await owner.post('/connect/owner/revoke', { csrf: csrf(grants.html), connection: seeded.connectionIds[0] });
    expect(revoked.status).toBe(200);
    expect(revoked.html).toContain('Access revoked. The application can no longer use this vehicle.');

    expect(await revocationOf(seeded.connectionIds[0])).toEqual({ revoked: true, reason: 'owner_revoked' });
    expect(await subscribedConnections()).toEqual([seeded.connectionIds[1]]);
    const within = await probe(seeded.vehicleIds[1]);
    expect(within.statusCode).toBe(200);
    expect(within.json()).toEqual({ ok: true });
  });

  it('Management API deletion: ends the subscription and brings the vehicle beyond the plan within it at once', async () => {
    await expectSecondBeyondPlan();
    const deleted = await harness.app.inject({
      method: 'DELETE',
      url: `/v2.0/management/connections?vehicle_id=${seeded.vehicleIds[0]}`,
      headers: { authorization: `Basic ${Buffer.from(`default:${seeded.managementToken}`).toString('base64')}` },
    });
    expect(deleted.statusCode).toBe(200);

    expect(await revocationOf(seeded.connectionIds[0])).toEqual({ revoked: true, reason: 'management_api_deleted' });
    expect(await subscribedConnections()).toEqual([seeded.connectionIds[1]]);
    expect((await probe(seeded.vehicleIds[1])).statusCode).toBe(200);
  });

  it('Connect re-grant: the replaced grant keeps the vehicle id and its subscription ends with it', async () => {
    // Plans do not matter here: connecting again replaces the grants, it adds no vehicle.
    await harness.app.carport.repositories.applications.update(seeded.applicationId, { plan: 'free' });
    const driver = new ConnectDriver(harness.app);
    const url = authorizeUrl({ response_type: 'code', client_id: seeded.clientId, redirect_uri: redirectUri, scope: 'read_vehicle_info read_odometer', state: 's', mode: 'live', make: 'TESLA' });
    const preamble = await driver.follow(await driver.get(url));
    const login = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
    const grant = await driver.submit(login, '/connect/login', { username: 'owner@example.com', password: 'correct horse' });
    const done = await driver.post('/connect/grant', { ...hiddenFields(grant.html), action: 'approve', vehicle: ['tesla-model-3'] });
    expect(done.status).toBe(303);

    expect(await revocationOf(seeded.connectionIds[0])).toEqual({ revoked: true, reason: 'reconnected' });
    const replacement = await harness.app.carport.repositories.connections.findActiveByApplicationVehicleId(seeded.applicationId, seeded.vehicleIds[0]);
    expect(replacement?.permissions).toEqual(['read_vehicle_info', 'read_odometer', 'read_charge']);
    expect(await subscribedConnections()).toEqual([seeded.connectionIds[1]]);
  });
});
