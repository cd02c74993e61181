/**
 * Fleet Telemetry and signed commands end to end: the emulated Tesla cloud streams records through
 * the real Mosquitto broker on loopback as its cars charge, Carport subscribes, serves reads from
 * the stream with the record's own age and delivers charging events through the webhook pipeline,
 * signed; a restarted subscriber gets the records published while it was down, redelivered records
 * raise nothing twice; and a car that requires signed commands is commanded through the emulated
 * vehicle-command proxy once the owner paired Carport's virtual key.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { EmulatedTeslaCloud, type EmulatedVehicle } from '@carport/emulators';
import { connectAsync } from 'mqtt';
import smartcar from 'smartcar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import type { TelemetrySample } from '../../src/store/index.js';
import { ConnectDriver, hiddenFields, redirectParams } from '../helpers/connect-driver.js';
import { catalogErrorBody } from '../helpers/error-bodies.js';
import { testConfig } from '../helpers/test-app.js';
import { TlsFront } from '../helpers/tls-front.js';
import { TestReceiver } from '../webhooks/receiver.js';
import { parkedAt, signInAtEmulatedTesla } from './tesla-subject.js';

const mqttUrl = 'mqtt://127.0.0.1:1883';
const redirectUri = 'https://app.example/callback';
const accounts = ['stream@tesla.test', 'restart@tesla.test', 'duplicates@tesla.test', 'signed@tesla.test'] as const;
const scope = ['read_vehicle_info', 'read_vin', 'read_odometer', 'read_battery', 'read_charge', 'read_charge_events', 'control_charge', 'read_location', 'read_security', 'control_security'];
const streamedFields = ['BatteryLevel', 'ChargeLimitSoc', 'DetailedChargeState', 'EstBatteryRange', 'Location', 'Locked', 'Odometer', 'RatedRange'];

/** Waits for a condition the system reaches asynchronously (a record crossing the broker), checking it each time a little later. */
async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`never happened: ${what}`);
}

describe('Tesla Fleet Telemetry and signed commands against the emulated cloud and Mosquitto', () => {
  const topicPrefix = `carport-test/${randomUUID()}`;
  const clientId = `carport-test-${randomUUID()}`;
  let cloud: EmulatedTeslaCloud;
  let server: RunningServer;
  let auth: smartcar.AuthClient;
  let managementToken: string;
  let receiver: TestReceiver;
  let front: TlsFront;
  const tlsCheck = process.env.NODE_TLS_REJECT_UNAUTHORIZED;

  beforeAll(async () => {
    cloud = await EmulatedTeslaCloud.start({ accounts: [...accounts], now: () => new Date(parkedAt), telemetry: { mqttUrl, topicPrefix }, signedCommandAccounts: ['signed@tesla.test'] });
    receiver = await TestReceiver.start();
    front = await TlsFront.start(Number(new URL(receiver.url()).port));
    // Live webhooks call https:// only; the loopback receiver's certificate is self-signed (this
    // file runs in its own forked process, so no other test is affected).
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    server = await startServer(
      testConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        CARPORT_DEMO_APP: 'false',
        CARPORT_READ_CACHE_TTL_MS: '0',
        CARPORT_SIMULATED_MODES: 'test,simulated',
        CARPORT_LIMITS_ENABLED: 'false',
        CARPORT_WEBHOOK_ALLOW_ADDRESSES: 'loopback',
        CARPORT_WEBHOOK_POLL_INTERVAL_MS: '50',
        CARPORT_TESLA_CLIENT_ID: cloud.clientId,
        CARPORT_TESLA_CLIENT_SECRET: cloud.clientSecret,
        CARPORT_TESLA_AUTH_URL: cloud.origin,
        CARPORT_TESLA_FLEET_API_URL_NA: cloud.origin,
        CARPORT_TESLA_TIMEOUT_MS: '5000',
        CARPORT_TESLA_TELEMETRY_MQTT_URL: mqttUrl,
        CARPORT_TESLA_TELEMETRY_TOPIC_PREFIX: topicPrefix,
        CARPORT_TESLA_TELEMETRY_CLIENT_ID: clientId,
        CARPORT_TESLA_TELEMETRY_HOSTNAME: 'telemetry.carport.example',
        CARPORT_TESLA_COMMAND_PROXY_URL: `${cloud.origin}/_proxy`,
        CARPORT_TESLA_PARTNER_DOMAIN: 'carport.example',
      }),
      { logger: createLogger('silent') },
      { print: () => undefined, warn: () => undefined },
    );
    process.env.SMARTCAR_API_ORIGIN = server.address;
    process.env.SMARTCAR_AUTH_ORIGIN = server.address;
    const created = await server.app.carport.repositories.applications.createApplication({ name: 'Fleet Stream', redirectUris: [redirectUri] });
    managementToken = created.managementToken;
    receiver.token = managementToken;
    auth = new smartcar.AuthClient({ clientId: created.application.clientId, clientSecret: created.clientSecret, redirectUri, mode: 'live' });
  });
  afterAll(async () => {
    delete process.env.SMARTCAR_API_ORIGIN;
    delete process.env.SMARTCAR_AUTH_ORIGIN;
    await server.app.close();
    await cloud.close();
    await front.close();
    await receiver.close();
    if (tlsCheck === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = tlsCheck;
    // Ends the broker's persistent session of this run's subscriber.
    await (await connectAsync(mqttUrl, { clientId, clean: true })).endAsync();
  });

  async function connect(email: string): Promise<{ accessToken: string; vehicleId: string; vehicle: EmulatedVehicle }> {
    const url = new URL(auth.getAuthUrl(scope, { state: `state-${email}`, makeBypass: 'TESLA' }));
    const driver = new ConnectDriver(server.app);
    const preamble = await driver.follow(await driver.get(url.pathname + url.search));
    const toTesla = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
    const back = await signInAtEmulatedTesla(new URL(toTesla.location ?? ''), email);
    const grant = await driver.follow(await driver.get(back.pathname + back.search));
    const boxes = [...grant.html.matchAll(/name="vehicle" value="([^"]+)"/g)].map((match) => match[1] ?? '');
    const done = await driver.post('/connect/grant', { ...hiddenFields(grant.html), action: 'approve', vehicle: boxes });
    const access = await auth.exchangeCode(redirectParams(done.location).code ?? '');
    const { vehicles } = await smartcar.getVehicles(access.accessToken);
    return { accessToken: access.accessToken, vehicleId: vehicles[0] ?? '', vehicle: cloud.vehicleOf(email) };
  }

  async function api(accessToken: string, vehicleId: string, method: 'GET' | 'POST', path: string, payload?: Record<string, unknown>): Promise<{ status: number; body: unknown; headers: Record<string, unknown> }> {
    const response = await server.app.inject({ method, url: `/v2.0/vehicles/${vehicleId}${path}`, headers: { authorization: `Bearer ${accessToken}` }, ...(payload === undefined ? {} : { payload }) });
    return { status: response.statusCode, body: response.json<unknown>(), headers: response.headers };
  }

  /** An event-based webhook for charging events, verified, with the vehicle subscribed. */
  async function chargingWebhook(accessToken: string, vehicleId: string): Promise<string> {
    const created = await server.app.inject({
      method: 'POST',
      url: '/v2.0/management/webhooks',
      headers: { authorization: `Basic ${Buffer.from(`default:${managementToken}`).toString('base64')}` },
      payload: { name: 'Charging', callbackUrl: `https://127.0.0.1:${front.port}/hooks`, mode: 'live', kind: 'eventBased', eventTypes: ['CHARGING_STARTED', 'CHARGING_STOPPED', 'CHARGING_COMPLETED'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const webhookId = created.json<{ id: string }>().id;
    const subscribed = await server.app.inject({ method: 'POST', url: `/v2.0/vehicles/${vehicleId}/webhooks/${webhookId}`, headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' }, payload: '' });
    expect(subscribed.statusCode).toBe(200);
    return webhookId;
  }

  /** The vehicle's stored sample of `field` once it was recorded at `createdAt`. */
  function streamed(vin: string, field: string, createdAt?: string): Promise<TelemetrySample> {
    return until(`${field} of ${vin} streamed`, async () =>
      (await server.app.carport.repositories.vehicleTelemetry.latest(vin)).find((sample) => sample.field === field && (createdAt === undefined || sample.createdAt === createdAt)),
    );
  }

  function deliveriesFor(webhookId: string): { eventType: string; eventTime: string; vehicleId: string; eventId: string; signed: boolean }[] {
    return receiver
      .deliveries()
      .filter((delivery) => delivery.body.webhookId === webhookId)
      .map((delivery) => ({ ...(delivery.body.payload as { eventType: string; eventTime: string; vehicleId: string; eventId: string }), signed: delivery.sdkVerified && delivery.rawSignatureValid }))
      .map(({ eventType, eventTime, vehicleId, eventId, signed }) => ({ eventType, eventTime, vehicleId, eventId, signed }));
  }

  it('configures streaming at Connect; a streamed charging record delivers a signed webhook and reads serve the streamed value with its age', async () => {
    const { accessToken, vehicleId, vehicle } = await connect(accounts[0]);
    const config = cloud.telemetry.configOf(vehicle);
    expect(config === null ? null : { ...config, exp: typeof config.exp }).toEqual({
      hostname: 'telemetry.carport.example',
      port: 443,
      ca: null,
      fields: Object.fromEntries(streamedFields.map((field) => [field, { interval_seconds: 30 }])),
      exp: 'number',
    });
    const webhookId = await chargingWebhook(accessToken, vehicleId);
    // Unplugged at first; plugged in (a Tesla starts charging then, below its limit), it charges.
    expect(await cloud.telemetry.stream(vehicle)).toBe(true);
    expect((await streamed(vehicle.vin, 'DetailedChargeState')).value).toBe('DetailedChargeStateDisconnected');
    await cloud.garage.plugIn(vehicle);
    expect(await cloud.garage.execute(vehicle, 'setChargeLimit', { limit: 1 })).toBeNull();

    const car = new smartcar.Vehicle(vehicleId, accessToken, { unitSystem: 'metric' });
    expect((await car.startCharge()).status).toBe('success');
    await until('the charging record', async () => ((await streamed(vehicle.vin, 'DetailedChargeState')).value === 'DetailedChargeStateCharging' ? true : undefined));
    const [delivery] = await receiver.waitForDeliveries(1, 30_000).then(() => deliveriesFor(webhookId));
    const record = await streamed(vehicle.vin, 'DetailedChargeState');
    expect(delivery).toEqual({ eventType: 'CHARGING_STARTED', eventTime: record.createdAt, vehicleId, eventId: expect.any(String) as string, signed: true });

    const vehicleDataCalls = cloud.fleetRequests.filter((request) => request.endsWith('/vehicle_data')).length;
    const charge = await api(accessToken, vehicleId, 'GET', '/charge');
    expect([charge.status, charge.body, charge.headers['sc-data-age']]).toEqual([200, { isPluggedIn: true, state: 'CHARGING' }, record.createdAt]);
    const odometer = await streamed(vehicle.vin, 'Odometer');
    const read = await api(accessToken, vehicleId, 'GET', '/odometer');
    expect([read.status, read.body, read.headers['sc-data-age']]).toEqual([200, { distance: Math.round(Number(odometer.value) * 1.609344 * 100) / 100 }, odometer.createdAt]);
    // Served from the stream: Tesla was not asked.
    expect(cloud.fleetRequests.filter((request) => request.endsWith('/vehicle_data')).length).toBe(vehicleDataCalls);
  });

  it('delivers after a restart of the subscriber the records published while it was down', async () => {
    const { accessToken, vehicleId, vehicle } = await connect(accounts[1]);
    const webhookId = await chargingWebhook(accessToken, vehicleId);
    await cloud.telemetry.stream(vehicle);
    expect((await streamed(vehicle.vin, 'DetailedChargeState')).value).toBe('DetailedChargeStateDisconnected');
    const tesla = server.app.carport.providers.byId('tesla');
    if (tesla === undefined) throw new Error('no tesla provider');
    await tesla.stop();
    await cloud.garage.plugIn(vehicle);
    expect(await cloud.garage.execute(vehicle, 'setChargeLimit', { limit: 1 })).toBeNull();
    await cloud.telemetry.stream(vehicle);
    expect(await cloud.garage.execute(vehicle, 'controlCharge', { action: 'STOP' })).toBeNull();
    await cloud.telemetry.stream(vehicle);
    await tesla.start();
    await until('both charging events delivered', () => (deliveriesFor(webhookId).length >= 2 ? true : undefined));
    expect(deliveriesFor(webhookId).map((delivery) => delivery.eventType)).toEqual(['CHARGING_STARTED', 'CHARGING_STOPPED']);
    expect((await streamed(vehicle.vin, 'DetailedChargeState')).value).toBe('DetailedChargeStateStopped');
  });

  it('raises nothing twice for redelivered or late records', async () => {
    const { accessToken, vehicleId, vehicle } = await connect(accounts[2]);
    const webhookId = await chargingWebhook(accessToken, vehicleId);
    const publisher = await connectAsync(mqttUrl, { clientId: `carport-test-publisher-${randomUUID()}` });
    const publish = (field: string, value: unknown, createdAt: string): Promise<unknown> => publisher.publishAsync(`${topicPrefix}/${vehicle.vin}/v/${field}`, JSON.stringify({ value, createdAt }), { qos: 1 });
    const t = (seconds: number): string => new Date(parkedAt + 3_600_000 + seconds * 1000).toISOString();
    await publish('DetailedChargeState', 'DetailedChargeStateStopped', t(0));
    await publish('DetailedChargeState', 'DetailedChargeStateCharging', t(10));
    await publish('DetailedChargeState', 'DetailedChargeStateCharging', t(10));
    await publish('DetailedChargeState', 'DetailedChargeStateStopped', t(0));
    await publish('DetailedChargeState', 'DetailedChargeStateCharging', t(10));
    // Records of one session arrive in order: once this one is stored, every one before it was applied.
    await publish('Odometer', 1234.5, t(20));
    await publisher.endAsync();
    await streamed(vehicle.vin, 'Odometer', t(20));
    await server.app.carport.webhooks.intake.idle();
    await until('the delivery', () => (deliveriesFor(webhookId).length >= 1 ? true : undefined));
    const log = await server.app.inject({ method: 'GET', url: `/v2.0/management/webhooks/deliveries?webhook_id=${webhookId}`, headers: { authorization: `Basic ${Buffer.from(`default:${managementToken}`).toString('base64')}` } });
    expect(log.statusCode).toBe(200);
    expect(deliveriesFor(webhookId).map((delivery) => [delivery.eventType, delivery.eventTime])).toEqual([['CHARGING_STARTED', t(10)]]);
    expect((await streamed(vehicle.vin, 'DetailedChargeState')).createdAt).toBe(t(10));
  });

  it('refuses commands until the virtual key is paired, then sends them signed through the proxy', async () => {
    const { accessToken, vehicleId, vehicle } = await connect(accounts[3]);
    const status = await api(accessToken, vehicleId, 'GET', '/tesla/virtual_key');
    expect([status.status, status.body]).toEqual([200, { isPaired: false }]);
    const refused = await api(accessToken, vehicleId, 'POST', '/security', { action: 'LOCK' });
    expect([refused.status, refused.body]).toEqual([400, catalogErrorBody(refused.headers['sc-request-id'], 'CONNECTED_SERVICES_ACCOUNT', 'VIRTUAL_KEY_REQUIRED')]);
    cloud.pairVirtualKey(vehicle);
    expect((await api(accessToken, vehicleId, 'GET', '/tesla/virtual_key')).body).toEqual({ isPaired: true });
    const locked = await api(accessToken, vehicleId, 'POST', '/security', { action: 'LOCK' });
    expect([locked.status, locked.body]).toEqual([200, { status: 'success', message: 'Successfully sent request to vehicle' }]);
    expect(cloud.signedCommands).toEqual([`${vehicle.vin} door_lock`]);
    expect(cloud.fleetRequests.filter((request) => request.startsWith(`POST /api/1/vehicles/${vehicle.id}/command/`))).toEqual([]);
  });
});
