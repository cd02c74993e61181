/**
 * @module A management token rotated with a grace window: both tokens authenticate, deliveries keep
 * verifying at a receiver that still holds the old token (and at one that already has the new one,
 * through `Carport-Signature`), challenges verify with either; when the window ends, only the new one.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { VehicleEvent } from '../../src/providers/vehicle-provider.js';
import { hmacHex, verifyTimestampedSignature } from '../../src/webhooks/signing.js';
import { describeEachDatabase } from '../store/database-harness.js';
import type { TestReceiver} from './receiver.js';
import { type ReceivedRequest } from './receiver.js';
import { closeWebhookHarness, startWebhookHarness, createWebhookVia, managementAuth, subscribeVia, type WebhookTestApp, webhookPermissions } from './webhook-app.js';
import { seedWorld, type SeededWorld } from '../helpers/test-world.js';

const DAY_MS = 24 * 3_600_000;

function charging(seeded: SeededWorld, eventId: string): VehicleEvent {
  return { eventId, ref: { make: 'TESLA', mode: 'simulated', providerVehicleId: seeded.vehicle.providerVehicleId }, type: 'CHARGING_STARTED', occurredAt: new Date('2026-11-22T03:00:00.000Z'), data: {} };
}

describeEachDatabase('management token rotation with a grace window', (getStore) => {
  let receiver: TestReceiver;
  let harness: WebhookTestApp;
  beforeEach(async () => ({ receiver, harness } = await startWebhookHarness(getStore())));
  afterEach(() => closeWebhookHarness({ receiver, harness }));

  const listWebhooks = async (token: string): Promise<number> =>
    (await harness.app.inject({ method: 'GET', url: '/v2.0/management/webhooks', headers: managementAuth(token) })).statusCode;

  /** Emits one event and delivers it; answers what the receiver got. */
  const deliverOne = async (seeded: SeededWorld, eventId: string): Promise<ReceivedRequest> => {
    const before = receiver.deliveries().length;
    harness.provider.emit(charging(seeded, eventId));
    await harness.runtime.intake.idle();
    expect(await harness.runtime.worker.runOnce()).toBe(1);
    const delivery = receiver.deliveries()[before];
    if (delivery === undefined) throw new Error('nothing delivered');
    return delivery;
  };

  /** The `v1` values of a `Carport-Signature` header, in order. */
  const v1s = (delivery: ReceivedRequest): string[] =>
    String(delivery.headers['carport-signature'])
      .split(',')
      .filter((part) => part.startsWith('v1='))
      .map((part) => part.slice(3));

  it('signs SC-Signature with the old token and Carport-Signature with both until the window ends', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const oldToken = seeded.managementToken;
    const webhookId = await createWebhookVia(harness.app, seeded, receiver, { kind: 'eventBased', eventTypes: ['CHARGING_STARTED'] });
    await subscribeVia(harness.app, seeded, webhookId);
    // The worker has signed with the old token before the rotation (and cached it).
    expect((await deliverOne(seeded, 'before')).sdkVerified).toBe(true);

    const newToken = (await harness.repositories.applications.rotateManagementToken(seeded.applicationId, { graceMs: DAY_MS })) ?? '';
    expect(await listWebhooks(oldToken)).toBe(200);
    expect(await listWebhooks(newToken)).toBe(200);
    // Past the worker's key cache, still inside the window.
    harness.clock.advance(60_000);

    // A receiver that still holds the old token verifies both headers, as the official SDK does.
    const during = await deliverOne(seeded, 'during');
    expect(during).toMatchObject({ sdkVerified: true, rawSignatureValid: true, timestampedSignatureValid: true });
    expect(during.headers['sc-signature']).toBe(hmacHex(oldToken, during.rawBody));
    const timestamp = Math.floor(harness.clock().getTime() / 1000);
    expect(v1s(during)).toEqual([hmacHex(newToken, `${timestamp}.${during.rawBody}`), hmacHex(oldToken, `${timestamp}.${during.rawBody}`)]);
    // A receiver already given the new token verifies Carport-Signature.
    expect(verifyTimestampedSignature(newToken, during.rawBody, String(during.headers['carport-signature']), { nowSeconds: timestamp })).toBe(true);

    // A challenge answered with either token verifies.
    for (const token of [newToken, oldToken]) {
      receiver.token = token;
      const verified = await harness.app.inject({ method: 'POST', url: `/v2.0/management/webhooks/${webhookId}/verify`, headers: managementAuth(newToken) });
      expect(verified.json<{ verification: unknown }>().verification).toEqual({ status: 'verified', verifiedAt: harness.clock.iso(), error: null });
      expect(receiver.requests.at(-1)?.headers['sc-signature']).toBe(hmacHex(oldToken, receiver.requests.at(-1)?.rawBody ?? ''));
    }

    // The window ends: the old token authenticates nothing and signs nothing.
    harness.clock.advance(DAY_MS);
    expect(await listWebhooks(oldToken)).toBe(401);
    expect(await listWebhooks(newToken)).toBe(200);
    receiver.token = newToken;
    const after = await deliverOne(seeded, 'after');
    expect(after).toMatchObject({ sdkVerified: true, rawSignatureValid: true, timestampedSignatureValid: true });
    expect(v1s(after)).toHaveLength(1);
    receiver.token = oldToken;
    receiver.responder = () => undefined;
    const refused = await harness.app.inject({ method: 'POST', url: `/v2.0/management/webhooks/${webhookId}/verify`, headers: managementAuth(newToken) });
    expect(refused.json<{ verification: unknown }>().verification).toEqual({
      status: 'failed',
      verifiedAt: null,
      error: 'The callback answered a challenge that is not hex HMAC-SHA256(application management token, challenge).',
    });
  });

  it('switches at once without a grace window', async () => {
    const seeded = await seedWorld(harness.repositories, { permissions: webhookPermissions });
    const webhookId = await createWebhookVia(harness.app, seeded, receiver, { kind: 'eventBased', eventTypes: ['CHARGING_STARTED'] });
    await subscribeVia(harness.app, seeded, webhookId);
    const newToken = (await harness.repositories.applications.rotateManagementToken(seeded.applicationId)) ?? '';
    expect(await listWebhooks(seeded.managementToken)).toBe(401);
    harness.clock.advance(60_000);
    receiver.token = newToken;
    const delivery = await deliverOne(seeded, 'only-new');
    expect(delivery).toMatchObject({ sdkVerified: true, rawSignatureValid: true, timestampedSignatureValid: true });
    expect(v1s(delivery)).toHaveLength(1);
  });
});
