/** @module Event-based deliveries: fake provider events → outbox → signed POSTs an SDK receiver verifies; duplicates, unverified webhooks. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { VehicleEvent } from '../../src/providers/vehicle-provider.js';
import type { Repositories } from '../../src/store/index.js';
import { EventIntake } from '../../src/webhooks/event-intake.js';
import { describeEachDatabase } from '../store/database-harness.js';
import { anyUuid } from '../store/fixtures.js';
import type { TestReceiver } from './receiver.js';
import { closeWebhookHarness, startWebhookHarness, createWebhookVia, json, managementAuth, subscribeVia, type WebhookTestApp, webhookPermissions } from './webhook-app.js';
import { seedWorld, type SeededWorld } from '../helpers/test-world.js';

function chargingEvent(seeded: SeededWorld, eventId: string, type: VehicleEvent['type'], at: string, data: Record<string, unknown>): VehicleEvent {
  return { eventId, ref: { make: 'TESLA', mode: 'simulated', providerVehicleId: seeded.vehicle.providerVehicleId }, type, occurredAt: new Date(at), data };
}

describeEachDatabase('event-based webhook deliveries', (getStore) => {
  let receiver: TestReceiver;
  let harness: WebhookTestApp;
  beforeEach(async () => ({ receiver, harness } = await startWebhookHarness(getStore())));
  afterEach(() => closeWebhookHarness({ receiver, harness }));

  it('delivers CHARGING_STARTED and CHARGING_COMPLETED at their vehicle times, signed so the official SDK verifies them', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const webhookId = await createWebhookVia(harness.app, seeded, receiver, { kind: 'eventBased', eventTypes: ['CHARGING_STARTED', 'CHARGING_COMPLETED'] });
    await subscribeVia(harness.app, seeded, webhookId);
    harness.provider.emit(chargingEvent(seeded, 'sim-1', 'CHARGING_STARTED', '2026-11-22T03:00:00.000Z', { stateOfCharge: 0.5 }));
    harness.provider.emit(chargingEvent(seeded, 'sim-2', 'CHARGING_COMPLETED', '2026-11-22T04:30:00.000Z', { stateOfCharge: 0.8 }));
    // Not asked for by this webhook.
    harness.provider.emit(chargingEvent(seeded, 'sim-3', 'DTC_ACTIVATED', '2026-11-22T04:31:00.000Z', { code: 'P0420' }));
    await harness.runtime.intake.idle();
    expect(await harness.runtime.worker.runOnce()).toBe(2);

    const eventTime = (body: Record<string, unknown>) => (body.payload as { eventTime: string }).eventTime;
    const deliveries = receiver.deliveries().sort((a, b) => eventTime(b.body).localeCompare(eventTime(a.body)));
    expect(deliveries.map((delivery) => delivery.body)).toEqual([
      {
        version: '2.0',
        webhookId,
        eventName: 'eventBased',
        mode: 'simulated',
        payload: { eventId: anyUuid, vehicleId: seeded.vehicleId, eventType: 'CHARGING_COMPLETED', eventTime: '2026-11-22T04:30:00.000Z', data: { stateOfCharge: 0.8 } },
      },
      {
        version: '2.0',
        webhookId,
        eventName: 'eventBased',
        mode: 'simulated',
        payload: { eventId: anyUuid, vehicleId: seeded.vehicleId, eventType: 'CHARGING_STARTED', eventTime: '2026-11-22T03:00:00.000Z', data: { stateOfCharge: 0.5 } },
      },
    ]);
    for (const delivery of deliveries) {
      const payload = delivery.body.payload as { eventId: string };
      expect(delivery.rawBody).toBe(JSON.stringify(delivery.body));
      expect(delivery.sdkVerified).toBe(true);
      expect(delivery.rawSignatureValid).toBe(true);
      expect(delivery.timestampedSignatureValid).toBe(true);
      expect(delivery.url).toBe('/hooks');
      expect(delivery.headers).toEqual({
        host: receiver.url('').replace('http://', ''),
        connection: 'keep-alive',
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(delivery.rawBody)),
        'user-agent': 'Carport-Webhooks/2.0',
        'sc-signature': expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
        'carport-signature': expect.stringMatching(new RegExp(`^t=${Math.floor(harness.clock().getTime() / 1000)},v1=[0-9a-f]{64}$`)) as unknown,
        'carport-delivery-id': payload.eventId,
        'carport-delivery-attempt': '1',
      });
    }
    const log = await harness.app.inject({ method: 'GET', url: '/v2.0/management/webhooks/deliveries?status=delivered', headers: managementAuth(seeded.managementToken) });
    const listed = log.json<{ deliveries: Record<string, unknown>[]; paging: unknown }>();
    expect(listed.paging).toEqual({ cursor: null });
    expect(listed.deliveries.map((delivery) => delivery.eventType).sort()).toEqual(['CHARGING_COMPLETED', 'CHARGING_STARTED']);
    expect(listed.deliveries[0]).toEqual({
      id: expect.any(String) as unknown,
      eventId: listed.deliveries[0]?.id,
      webhookId,
      vehicleId: seeded.vehicleId,
      eventName: 'eventBased',
      eventType: expect.any(String) as unknown,
      status: 'delivered',
      failedAttempts: 0,
      nextAttemptAt: null,
      createdAt: '2026-11-22T02:24:42.000Z',
      deliveredAt: '2026-11-22T02:24:42.000Z',
      replayOf: null,
    });
  });

  it('records a provider event reported twice once, and delivers it once', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const webhookId = await createWebhookVia(harness.app, seeded, receiver, { kind: 'eventBased', eventTypes: ['CHARGING_STOPPED'] });
    await subscribeVia(harness.app, seeded, webhookId);
    const event = chargingEvent(seeded, 'sim-dup', 'CHARGING_STOPPED', '2026-11-22T03:00:00.000Z', {});
    expect(await harness.runtime.intake.ingest(event)).toBe(1);
    expect(await harness.runtime.intake.ingest(event)).toBe(0);
    harness.provider.emit(event);
    await harness.runtime.intake.idle();
    expect(await harness.runtime.worker.runOnce()).toBe(1);
    expect(await harness.runtime.worker.runOnce()).toBe(0);
    expect(receiver.deliveries()).toHaveLength(1);
  });

  it('tries again when recording an event fails for a moment', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const webhookId = await createWebhookVia(harness.app, seeded, receiver, { kind: 'eventBased', eventTypes: ['CHARGING_STARTED'] });
    await subscribeVia(harness.app, seeded, webhookId);
    let failures = 1;
    const vehicles: Repositories['vehicles'] = {
      ...harness.repositories.vehicles,
      findByProviderVehicle: (...args) => (failures-- > 0 ? Promise.reject(new Error('database is locked')) : harness.repositories.vehicles.findByProviderVehicle(...args)),
    };
    const intake = new EventIntake({ repositories: { ...harness.repositories, vehicles }, logger: harness.app.carport.logger, maxHeldEvents: harness.runtime.settings.intakeMaxHeldEvents });
    intake.accept(chargingEvent(seeded, 'flaky', 'CHARGING_STARTED', '2026-11-22T03:00:00.000Z', {}));
    await intake.idle();
    expect(await getStore().db.selectFrom('outbox_events').select('event_type').execute()).toEqual([{ event_type: 'CHARGING_STARTED' }]);
    expect(harness.log.lines.filter((line) => line.msg === 'webhook intake failed to record a vehicle event; retrying')).toHaveLength(1);
  });

  it('delivers nothing to an unverified webhook, nor for a vehicle without the permission, nor for an unknown vehicle', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const webhookId = await createWebhookVia(harness.app, seeded, receiver, { kind: 'eventBased', eventTypes: ['CHARGING_STARTED'] });
    await subscribeVia(harness.app, seeded, webhookId);
    // The receiver now fails its challenge: the URL change leaves the webhook unverified.
    receiver.responder = () => ({ status: 404, body: 'not here' });
    const moved = await harness.app.inject({ method: 'PATCH', url: `/v2.0/management/webhooks/${webhookId}`, headers: managementAuth(seeded.managementToken), payload: { callbackUrl: receiver.url('/new') } });
    expect(json(moved).verification).toEqual({ status: 'failed', verifiedAt: null, error: expect.stringContaining('The callback answered HTTP 404') as unknown });
    expect(await harness.runtime.intake.ingest(chargingEvent(seeded, 'e1', 'CHARGING_STARTED', '2026-11-22T03:00:00.000Z', {}))).toBe(0);
    expect(await harness.runtime.intake.ingest({ ...chargingEvent(seeded, 'e2', 'CHARGING_STARTED', '2026-11-22T03:00:00.000Z', {}), ref: { make: 'TESLA', mode: 'simulated', providerVehicleId: 'unknown' } })).toBe(0);
    expect(await getStore().db.selectFrom('outbox_events').selectAll().execute()).toEqual([]);
  });

  it('holds deliveries of a disabled webhook until it is enabled again', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const webhookId = await createWebhookVia(harness.app, seeded, receiver, { kind: 'eventBased', eventTypes: ['SYSTEM_STATUS_CHANGED'] });
    await subscribeVia(harness.app, seeded, webhookId);
    await harness.runtime.intake.ingest(chargingEvent(seeded, 's1', 'SYSTEM_STATUS_CHANGED', '2026-11-22T03:00:00.000Z', { system: 'SYSTEM_TPMS', status: 'ALERT' }));
    await harness.app.inject({ method: 'PATCH', url: `/v2.0/management/webhooks/${webhookId}`, headers: managementAuth(seeded.managementToken), payload: { enabled: false } });
    expect(await harness.runtime.worker.runOnce()).toBe(1);
    expect(receiver.deliveries()).toEqual([]);
    await harness.app.inject({ method: 'PATCH', url: `/v2.0/management/webhooks/${webhookId}`, headers: managementAuth(seeded.managementToken), payload: { enabled: true } });
    harness.clock.advance(30_000);
    expect(await harness.runtime.worker.runOnce()).toBe(1);
    expect(receiver.deliveries().map((delivery) => delivery.body.payload)).toEqual([
      { eventId: anyUuid, vehicleId: seeded.vehicleId, eventType: 'SYSTEM_STATUS_CHANGED', eventTime: '2026-11-22T03:00:00.000Z', data: { system: 'SYSTEM_TPMS', status: 'ALERT' } },
    ]);
  });
});
