/**
 * End to end on the real simulated fleet (no fake provider): plugging in and starting a charge on a
 * simulated vehicle delivers a signed CHARGING_STARTED, and reaching the limit a CHARGING_COMPLETED,
 * each stamped with its simulated time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/build-app.js';
import { createLogger } from '../../src/logging/logger.js';
import { testConfig } from '../helpers/test-app.js';
import { TestReceiver } from './receiver.js';
import { createWebhookVia, managementAuth, subscribeVia } from './webhook-app.js';
import { passwordLinkingOf } from '../../src/providers/contract/index.js';
import { listedVehicle, seedWorld, type SeededWorld } from '../helpers/test-world.js';

const adminToken = 'admin-token-for-the-fleet-events-test-0123456789';

/**
 * The simulated owners keep routines (commutes, scheduled night charging), so what a vehicle does
 * next depends on the simulated time of day. The processes' clock runs in real time from a fixed
 * instant, a weekday evening when this vehicle is parked at home for hours before its scheduled
 * night charge, so every run meets it in the same part of its day, whatever the real time is.
 */
const clockShiftMs = Date.parse('2026-11-25T20:00:00Z') - Date.now();
const shiftedClock = (): Date => new Date(Date.now() + clockShiftMs);

describe('webhooks on the simulated fleet', () => {
  let app: FastifyInstance;
  let receiver: TestReceiver;
  let seeded: SeededWorld;
  let providerVehicleId: string;

  const dataDir = mkdtempSync(join(tmpdir(), 'carport-fleet-events-'));
  const start = () =>
    buildApp(
      testConfig({
        // A database file, so a second process (the restart test) sees the first one's state.
        DATABASE_URL: '',
        CARPORT_DATA_DIR: dataDir,
        // Twenty simulated minutes per real second: a charge to the limit completes within seconds,
        // and a few seconds' delay on a loaded machine stays well inside the evening at home.
        CARPORT_SIM_SPEED: '1200',
        CARPORT_ADMIN_TOKEN: adminToken,
        CARPORT_LIMITS_ENABLED: 'false',
        CARPORT_WEBHOOK_ALLOW_ADDRESSES: 'loopback',
        CARPORT_WEBHOOK_POLL_INTERVAL_MS: '50',
      }),
      { logger: createLogger('silent'), now: shiftedClock },
    );

  beforeAll(async () => {
    app = await start();
    receiver = await TestReceiver.start();
    const { repositories, providers } = app.carport;
    const provider = providers.find('TESLA', 'simulated');
    const signedIn = await passwordLinkingOf(provider)?.signIn('TESLA', 'simulated', { username: 'webhook-e2e@example.com', password: 'x' });
    if (provider === undefined || signedIn?.ok !== true) throw new Error('cannot sign in to the simulated fleet');
    const [vehicle] = await provider.listVehicles(signedIn.account);
    if (vehicle === undefined) throw new Error('no simulated vehicle');
    providerVehicleId = vehicle.ref.providerVehicleId;
    seeded = await seedWorld(repositories, {
      application: { name: 'Events' },
      owner: signedIn.account,
      vehicles: [listedVehicle(vehicle)],
      permissions: ['read_battery', 'read_charge', 'read_charge_events', 'control_charge'],
    });
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  const api = (method: 'GET' | 'POST', path: string, payload?: unknown) =>
    app.inject({ method, url: `/v2.0/vehicles/${seeded.vehicleId}${path}`, headers: { authorization: `Bearer ${seeded.accessToken}` }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  /** Plugs the car in (once it is parked) and starts a charge to a limit a little above its charge. */
  async function startCharging(): Promise<void> {
    // Plug in once the car is parked (it may be on its commute right now).
    let plugged = false;
    for (let attempt = 0; attempt < 60 && !plugged; attempt += 1) {
      const plug = await app.inject({ method: 'POST', url: `/admin/fleet/vehicles/${providerVehicleId}/plug?mode=simulated&make=TESLA`, headers: { authorization: `Bearer ${adminToken}` }, payload: {} });
        plugged = plug.statusCode === 200 || plug.json<{ code?: string }>().code === 'CHARGING_PLUG_CONNECTED';
      if (!plugged) await sleep(100);
    }
    expect(plugged).toBe(true);
    const soc = (await api('GET', '/battery')).json<{ percentRemaining: number }>().percentRemaining;
    const limit = Math.min(1, Math.max(0.5, Math.round((soc + 0.05) * 100) / 100));
    expect((await api('POST', '/charge/limit', { limit })).statusCode).toBe(200);
    const started = await api('POST', '/charge', { action: 'START' });
    expect(started.statusCode, started.body).toBe(200);
  }

  it('delivers CHARGING_STARTED and CHARGING_COMPLETED at their simulated times, signed', async () => {
    const webhookId = await createWebhookVia(app, seeded, receiver, { kind: 'eventBased', eventTypes: ['CHARGING_STARTED', 'CHARGING_COMPLETED'] });
    expect((await subscribeVia(app, seeded, webhookId)).statusCode).toBe(200);
    await startCharging();
    const deliveries = await receiver.waitForDeliveries(2, 30_000);
    const events = deliveries.map((delivery) => delivery.body as { eventName: string; payload: { eventType: string; eventTime: string; vehicleId: string } });
    expect(events.map((event) => event.payload.eventType)).toEqual(['CHARGING_STARTED', 'CHARGING_COMPLETED']);
    expect(events.every((event) => event.eventName === 'eventBased' && event.payload.vehicleId === seeded.vehicleId)).toBe(true);
    expect(deliveries.every((delivery) => delivery.sdkVerified && delivery.rawSignatureValid)).toBe(true);
    const [started, completed] = events.map((event) => Date.parse(event.payload.eventTime));
    // Simulated times: the charge took simulated minutes although only a few real seconds passed.
    expect((completed ?? 0) - (started ?? 0)).toBeGreaterThan(60_000);
    expect((await api('GET', '/charge')).json()).toMatchObject({ isPluggedIn: true, state: 'FULLY_CHARGED' });
    const log = await app.inject({ method: 'GET', url: `/v2.0/management/webhooks/deliveries?webhook_id=${webhookId}`, headers: managementAuth(seeded.managementToken) });
    expect(log.statusCode).toBe(200);
  });

  it('keeps delivering a subscribed vehicle’s events after a restart, with no API call to wake it', async () => {
    await app.inject({ method: 'POST', url: `/admin/fleet/vehicles/${providerVehicleId}/unplug?mode=simulated&make=TESLA`, headers: { authorization: `Bearer ${adminToken}` } });
    const before = receiver.deliveries().length;
    await startCharging();
    await receiver.waitForDeliveries(before + 1, 30_000);
    expect((receiver.deliveries()[before]?.body as { payload: { eventType: string } }).payload.eventType).toBe('CHARGING_STARTED');
    // The process stops before the charge completes; the next one must pick the vehicle up itself.
    await app.close();
    app = await start();
    const deliveries = await receiver.waitForDeliveries(before + 2, 30_000);
    expect((deliveries[before + 1]?.body as { payload: { eventType: string } }).payload.eventType).toBe('CHARGING_COMPLETED');
  });
});
