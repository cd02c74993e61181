/**
 * Provider events reported while PostgreSQL is away (behind a proxy the test controls) still reach
 * the webhook receiver, each exactly once and signed: the intake holds them, drops the oldest beyond
 * its bound, records the rest once the database answers and has the provider report the dropped
 * ones again. /readyz and the log say so, each once.
 */
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { VehicleEvent, VehicleRef } from '../../src/providers/vehicle-provider.js';
import { openDatabase, type Store } from '../../src/store/index.js';
import { startTcpFaultProxy, type ProxyMode, type TcpFaultProxy } from '../helpers/tcp-fault-proxy.js';
import { createScratchPostgresDatabase, describePostgres, type ScratchDatabase } from '../store/database-harness.js';
import type { TestClock } from '../store/fixtures.js';
import { FakeProvider } from '../webhooks/fake-provider.js';
import { TestReceiver } from '../webhooks/receiver.js';
import { buildWebhookApp, createWebhookVia, subscribeVia, webhookPermissions, type WebhookTestApp } from '../webhooks/webhook-app.js';
import { seedWorld, type SeededWorld } from '../helpers/test-world.js';

/** A provider that remembers what it reported and when, and reports it again from a time when asked to resume. */
class ReplayingProvider extends FakeProvider {
  readonly resumes: Date[] = [];
  readonly #reported: { readonly event: VehicleEvent; readonly at: Date }[] = [];

  report(event: VehicleEvent): void {
    this.#reported.push({ event, at: new Date() });
    this.emit(event);
  }

  /** When `eventId` was first reported. */
  reportedAt(eventId: string): Date | undefined {
    return this.#reported.find((reported) => reported.event.eventId === eventId)?.at;
  }

  resumeEvents(ref: VehicleRef, since: Date): Promise<void> {
    this.resumes.push(since);
    for (const { event, at } of this.#reported) {
      if (event.ref.providerVehicleId === ref.providerVehicleId && at >= since) this.emit(event);
    }
    return Promise.resolve();
  }
}

/** The machine's clock: arrivals, outbox times and the provider's report times must agree. */
function wallClock(): TestClock {
  const clock = (() => new Date()) as TestClock;
  clock.advance = () => {
    throw new Error('the wall clock cannot be moved');
  };
  clock.iso = () => new Date().toISOString();
  return clock;
}

const MAX_HELD_EVENTS = 5;

describePostgres('webhook event intake through a PostgreSQL outage', () => {
  let scratch: ScratchDatabase;
  let proxy: TcpFaultProxy;
  let store: Store;
  let receiver: TestReceiver;
  let provider: ReplayingProvider;
  let harness: WebhookTestApp;
  let seeded: SeededWorld;

  beforeEach(async () => {
    scratch = await createScratchPostgresDatabase();
    const direct = new URL(scratch.url);
    proxy = await startTcpFaultProxy({ host: direct.hostname, port: Number(direct.port === '' ? 5432 : direct.port) });
    const proxied = new URL(scratch.url);
    proxied.host = `${proxy.host}:${proxy.port}`;
    store = await openDatabase({ databaseUrl: proxied.toString(), dataDir: tmpdir(), timeouts: { connectMs: 500, queryMs: 1_000 } });
    receiver = await TestReceiver.start();
    provider = new ReplayingProvider();
    harness = await buildWebhookApp(store, {
      clock: wallClock(),
      provider,
      env: {
        CARPORT_WEBHOOK_WORKER: 'true',
        CARPORT_WEBHOOK_POLL_INTERVAL_MS: '100',
        CARPORT_WEBHOOK_RETRY_SCHEDULE: '100ms,100ms,100ms,100ms,100ms',
        CARPORT_READ_CACHE_TTL_MS: '0',
        CARPORT_WEBHOOK_INTAKE_MAX_HELD_EVENTS: String(MAX_HELD_EVENTS),
      },
    });
    seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const webhookId = await createWebhookVia(harness.app, seeded, receiver, { kind: 'eventBased', eventTypes: ['DTC_ACTIVATED'] });
    expect((await subscribeVia(harness.app, seeded, webhookId)).statusCode).toBe(200);
  });
  afterEach(async () => {
    proxy.setMode('pass');
    await harness.app.close();
    await receiver.close();
    await store.close();
    await proxy.close();
    await scratch.drop();
  });

  function report(index: number): void {
    provider.report({ eventId: `dtc-${index}`, ref: { make: 'TESLA', mode: 'simulated', providerVehicleId: seeded.vehicle.providerVehicleId }, type: 'DTC_ACTIVATED', occurredAt: new Date(), data: { index } });
  }

  const readiness = () => harness.app.inject({ method: 'GET', url: '/readyz' });

  /** Lines of the intake's log whose message starts with `start`. */
  const linesStarting = (start: string) => harness.log.lines.filter((line) => String(line.msg).startsWith(start));

  const undelivered = async () => (await store.db.selectFrom('outbox_events').select('id').where('status', '!=', 'delivered').execute()).length;

  const readyBody = { status: 'ready', checks: { database: 'ok', migrations: 'ok', schema: 'ok', limits: 'ok', webhookIntake: 'ok' }, webhookIntake: { heldEvents: 0, droppedEvents: 0 } };

  /** Waits until every event up to `last` was delivered and nothing is left to send, then checks each arrived once, signed. */
  async function expectEachDeliveredOnce(last: number): Promise<void> {
    await receiver.waitForDeliveries(last + 1, 30_000);
    await harness.runtime.intake.idle();
    await expect.poll(undelivered, { timeout: 10_000, interval: 100 }).toBe(0);
    const expected = Array.from({ length: last + 1 }, (_, index) => index);
    expect((await store.db.selectFrom('outbox_events').select('id').execute()).length).toBe(expected.length);
    const deliveries = receiver.deliveries();
    expect(deliveries.map((delivery) => (delivery.body.payload as { data: { index: number } }).data.index).sort((a, b) => a - b)).toEqual(expected);
    for (const delivery of deliveries) {
      expect(delivery.body).toMatchObject({ eventName: 'eventBased', payload: { vehicleId: seeded.vehicleId, eventType: 'DTC_ACTIVATED' } });
      expect(delivery.sdkVerified).toBe(true);
      expect(delivery.rawSignatureValid).toBe(true);
      expect(delivery.timestampedSignatureValid).toBe(true);
    }
    const ready = await readiness();
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual(readyBody);
  }

  /**
   * Reports `dtc-0` and waits until its delivery is recorded as delivered (a delivery whose outcome
   * the outage swallowed is sent again only when its claim expires, which is the worker's concern),
   * so the outbox has an event from before the outage.
   */
  async function deliverOneBeforeTheOutage(): Promise<void> {
    report(0);
    await receiver.waitForDeliveries(1, 10_000);
    await expect.poll(undelivered, { timeout: 10_000, interval: 50 }).toBe(0);
    expect((await readiness()).json()).toEqual(readyBody);
  }

  async function startOutage(mode: ProxyMode): Promise<void> {
    proxy.setMode(mode);
    proxy.reset();
    report(1);
    await expect.poll(() => harness.runtime.intake.health().status, { timeout: 10_000, interval: 50 }).toBe('degraded');
  }

  it('delivers every event reported while connections are refused exactly once, the ones dropped beyond the bound included', async () => {
    await deliverOneBeforeTheOutage();
    await startOutage('refuse');
    for (let index = 2; index <= 12; index += 1) report(index);
    // dtc-1 is being tried; the newest four wait behind it; dtc-2 to dtc-8 made room.
    const during = await readiness();
    expect(during.statusCode).toBe(503);
    expect(during.json()).toEqual({
      status: 'unavailable',
      checks: { database: 'unreachable', migrations: 'ok', schema: 'unknown', limits: 'ok', webhookIntake: 'degraded' },
      webhookIntake: { heldEvents: MAX_HELD_EVENTS, droppedEvents: 7 },
    });
    await sleep(2_000);
    expect(await store.db.selectFrom('outbox_events').select('id').execute().catch(() => 'unreachable')).toBe('unreachable');
    proxy.setMode('pass');

    await expectEachDeliveredOnce(12);
    // One resume, on recovery, from no later than the first held event's arrival.
    expect(provider.resumes).toHaveLength(1);
    expect(provider.resumes[0]?.getTime()).toBeLessThanOrEqual(provider.reportedAt('dtc-1')?.getTime() ?? 0);
    expect(linesStarting('webhook intake cannot reach the database')).toHaveLength(1);
    expect(linesStarting('webhook intake holds as many vehicle events as it may')).toEqual([expect.objectContaining({ level: 40, maxHeldEvents: MAX_HELD_EVENTS })]);
    expect(linesStarting('webhook intake recorded the vehicle events it held')).toEqual([expect.objectContaining({ level: 30, heldEvents: 12, droppedEvents: 7 })]);
    expect(linesStarting('webhook intake gave up')).toEqual([]);
  });

  it('delivers every event reported while the network swallows every byte exactly once', async () => {
    await deliverOneBeforeTheOutage();
    await startOutage('freeze');
    for (let index = 2; index <= 4; index += 1) report(index);
    await sleep(3_000);
    expect(harness.runtime.intake.health()).toEqual({ status: 'degraded', heldEvents: 4, droppedEvents: 0 });
    proxy.setMode('pass');

    await expectEachDeliveredOnce(4);
    expect(provider.resumes).toHaveLength(1);
    expect(linesStarting('webhook intake cannot reach the database')).toHaveLength(1);
    expect(linesStarting('webhook intake holds as many vehicle events as it may')).toEqual([]);
    expect(linesStarting('webhook intake recorded the vehicle events it held')).toEqual([expect.objectContaining({ level: 30, heldEvents: 4, droppedEvents: 0 })]);
  });
});
