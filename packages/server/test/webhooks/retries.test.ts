/** @module Failed deliveries: the retry schedule with jitter on an injectable clock, dead-lettering, the attempt log, and replay. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CallbackSender } from '../../src/webhooks/callback-sender.js';
import { DeliveryWorker } from '../../src/webhooks/delivery-worker.js';
import { describeEachDatabase } from '../store/database-harness.js';
import { TestReceiver } from './receiver.js';
import { buildWebhookApp, createWebhookVia, json, managementAuth, subscribeVia, type WebhookTestApp, webhookPermissions } from './webhook-app.js';
import { seedWorld } from '../helpers/test-world.js';

describeEachDatabase('webhook retries, dead letters and replay', (getStore) => {
  let receiver: TestReceiver;
  let harness: WebhookTestApp;
  beforeEach(async () => {
    receiver = await TestReceiver.start();
    harness = await buildWebhookApp(getStore(), { env: { CARPORT_WEBHOOK_RETRY_SCHEDULE: '25s,50s,100s', CARPORT_WEBHOOK_RETRY_JITTER_PERCENT: '20' } });
    receiver.nowSeconds = () => harness.clock().getTime() / 1000;
  });
  afterEach(async () => {
    await harness.app.close();
    await receiver.close();
  });

  /** A worker like the app's, with jitter fixed at half its range. */
  function workerWithFixedJitter(sender: CallbackSender = harness.runtime.sender): DeliveryWorker {
    return new DeliveryWorker({
      repositories: harness.repositories,
      sender,
      settings: harness.runtime.settings,
      logger: harness.app.carport.logger,
      now: harness.clock,
      random: () => 0.5,
      workerId: 'test-worker',
    });
  }

  it('retries after 25 s, 50 s and 100 s plus jitter, keeps the eventId, logs every attempt, then dead-letters; replay delivers the same event', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const webhookId = await createWebhookVia(harness.app, seeded, receiver, { kind: 'eventBased', eventTypes: ['CHARGING_STARTED'] });
    await subscribeVia(harness.app, seeded, webhookId);
    receiver.responder = (request) => (request.body.eventName === 'verify' ? undefined : { status: 503, body: '{"error":"busy"}' });
    await harness.runtime.intake.ingest({
      eventId: 'sim-1',
      ref: { make: 'TESLA', mode: 'simulated', providerVehicleId: seeded.vehicle.providerVehicleId },
      type: 'CHARGING_STARTED',
      occurredAt: new Date('2026-11-22T02:20:00.000Z'),
      data: {},
    });
    const worker = workerWithFixedJitter();
    const start = harness.clock().getTime();
    const attemptTimes: number[] = [];
    // Each retry is due exactly at schedule × 1.1 (jitter 20 % × 0.5): not a millisecond earlier.
    for (const delayMs of [0, 27_500, 55_000, 110_000]) {
      if (delayMs > 0) {
        harness.clock.advance(delayMs - 1);
        expect(await worker.runOnce()).toBe(0);
        harness.clock.advance(1);
      }
      attemptTimes.push(harness.clock().getTime() - start);
      expect(await worker.runOnce()).toBe(1);
    }
    harness.clock.advance(3_600_000);
    expect(await worker.runOnce()).toBe(0);
    expect(attemptTimes).toEqual([0, 27_500, 82_500, 192_500]);

    const received = receiver.deliveries();
    expect(received.map((request) => request.headers['carport-delivery-attempt'])).toEqual(['1', '2', '3', '4']);
    expect(new Set(received.map((request) => request.rawBody)).size).toBe(1);
    expect(received.every((request) => request.sdkVerified)).toBe(true);
    const eventId = (received[0]?.body.payload as { eventId: string }).eventId;

    const dead = await harness.app.inject({ method: 'GET', url: '/v2.0/management/webhooks/deliveries?status=dead', headers: managementAuth(seeded.managementToken) });
    const [deadDelivery] = dead.json<{ deliveries: { id: string }[] }>().deliveries;
    expect(deadDelivery?.id).toBe(eventId);
    const detail = await harness.app.inject({ method: 'GET', url: `/v2.0/management/webhooks/deliveries/${eventId}`, headers: managementAuth(seeded.managementToken) });
    const attemptAt = (offsetMs: number) => new Date(start + offsetMs).toISOString();
    expect(json(detail)).toEqual({
      id: eventId,
      eventId,
      webhookId,
      vehicleId: seeded.vehicleId,
      eventName: 'eventBased',
      eventType: 'CHARGING_STARTED',
      status: 'dead',
      failedAttempts: 4,
      nextAttemptAt: null,
      createdAt: '2026-11-22T02:24:42.000Z',
      deliveredAt: null,
      replayOf: null,
      body: JSON.parse(received[0]?.rawBody ?? 'null') as unknown,
      attempts: attemptTimes.map((offset) => ({ attemptedAt: attemptAt(offset), statusCode: 503, latencyMs: expect.any(Number) as unknown, error: null, responseSnippet: '{"error":"busy"}' })),
    });

    receiver.responder = () => undefined;
    const replay = await harness.app.inject({ method: 'POST', url: `/v2.0/management/webhooks/deliveries/${eventId}/replay`, headers: managementAuth(seeded.managementToken) });
    expect(replay.statusCode).toBe(201);
    const replayed = replay.json<{ id: string }>();
    expect(replayed).toMatchObject({ eventId, replayOf: eventId, status: 'pending', failedAttempts: 0 });
    expect(replayed.id).not.toBe(eventId);
    expect(await worker.runOnce()).toBe(1);
    const last = receiver.deliveries().at(-1);
    expect(last?.rawBody).toBe(received[0]?.rawBody);
    expect(last?.headers['carport-delivery-id']).toBe(replayed.id);
    const after = await harness.app.inject({ method: 'GET', url: `/v2.0/management/webhooks/deliveries?webhook_id=${webhookId}&vehicle_id=${seeded.vehicleId}`, headers: managementAuth(seeded.managementToken) });
    expect(after.json<{ deliveries: { id: string; status: string }[] }>().deliveries.map(({ id, status }) => ({ id, status }))).toEqual([
      { id: replayed.id, status: 'delivered' },
      { id: eventId, status: 'dead' },
    ]);
  });

  it('records timeouts and refused connections as failed attempts without a status code', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const webhookId = await createWebhookVia(harness.app, seeded, receiver, { kind: 'eventBased', eventTypes: ['CHARGING_STOPPED'] });
    await subscribeVia(harness.app, seeded, webhookId);
    receiver.responder = (request) => (request.body.eventName === 'verify' ? undefined : { status: 200, delayMs: 1_000 });
    await harness.runtime.intake.ingest({ eventId: 'x', ref: { make: 'TESLA', mode: 'simulated', providerVehicleId: seeded.vehicle.providerVehicleId }, type: 'CHARGING_STOPPED', occurredAt: new Date(), data: {} });
    const impatient = new CallbackSender({ ...harness.runtime.settings, timeoutMs: 200 });
    await workerWithFixedJitter(impatient).runOnce();
    await impatient.close();
    const [row] = await getStore().db.selectFrom('delivery_attempts').select(['status_code', 'error']).execute();
    expect(row).toEqual({ status_code: null, error: 'no complete answer within 200 ms' });
    await receiver.close();
    harness.clock.advance(27_500);
    await workerWithFixedJitter().runOnce();
    const rows = await getStore().db.selectFrom('delivery_attempts').select(['status_code', 'error']).orderBy('attempted_at').execute();
    expect(rows[1]).toEqual({ status_code: null, error: 'connection refused' });
    receiver = await TestReceiver.start();
  });

  it('pages through the delivery log and refuses a foreign cursor', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const webhookId = await createWebhookVia(harness.app, seeded, receiver, { kind: 'eventBased', eventTypes: ['DTC_ACTIVATED'] });
    await subscribeVia(harness.app, seeded, webhookId);
    for (const code of ['P0001', 'P0002', 'P0003']) {
      harness.clock.advance(1_000);
      await harness.runtime.intake.ingest({ eventId: code, ref: { make: 'TESLA', mode: 'simulated', providerVehicleId: seeded.vehicle.providerVehicleId }, type: 'DTC_ACTIVATED', occurredAt: harness.clock(), data: { code } });
    }
    const codes: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page = (
        await harness.app.inject({ method: 'GET', url: `/v2.0/management/webhooks/deliveries?limit=2${query}`, headers: managementAuth(seeded.managementToken) })
      ).json<{ deliveries: { eventId: string }[]; paging: { cursor: string | null } }>();
      for (const delivery of page.deliveries) {
        const shown = (
          await harness.app.inject({ method: 'GET', url: `/v2.0/management/webhooks/deliveries/${delivery.eventId}`, headers: managementAuth(seeded.managementToken) })
        ).json<{ body: { payload: { data: { code: string } } } }>();
        codes.push(shown.body.payload.data.code);
      }
      cursor = page.paging.cursor;
    } while (cursor !== null);
    expect(codes).toEqual(['P0003', 'P0002', 'P0001']);
    const foreign = await harness.app.inject({ method: 'GET', url: '/v2.0/management/webhooks/deliveries?cursor=bm9wZQ', headers: managementAuth(seeded.managementToken) });
    expect(foreign.statusCode).toBe(400);
    expect(json(foreign)).toMatchObject({ type: 'VALIDATION', code: null, detail: [{ field: 'query.cursor', message: 'The cursor is not one a previous page returned.' }] });
    const other = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const empty = await harness.app.inject({ method: 'GET', url: '/v2.0/management/webhooks/deliveries', headers: managementAuth(other.managementToken) });
    expect(json(empty)).toEqual({ deliveries: [], paging: { cursor: null } });
  });
});
