/** @module Tests of claiming and settling deliveries in batches: leases keep batches apart, and a worker dying mid-batch loses nothing it had not settled. */
import { expect, it } from 'vitest';
import type { Repositories, WebhookDeliveryRecord } from '../../src/store/index.js';
import { describeEachDatabase } from './database-harness.js';
import { anyUuid, createTestClock, repositoriesFor, storeWorld } from './fixtures.js';
import { seedWorld } from '../helpers/test-world.js';

/** The test clock's start, 2026-11-22T02:24:42.000Z. */
const START = Date.parse('2026-11-22T02:24:42.000Z');

async function seedDeliveries(repositories: Repositories, count: number): Promise<WebhookDeliveryRecord[]> {
  const seeded = await seedWorld(repositories, storeWorld);
  const webhook = await repositories.webhooks.create({ applicationId: seeded.application.id, name: 'Events', callbackUrl: 'https://app.example/hooks', kind: 'eventBased', mode: 'simulated' });
  const deliveries: WebhookDeliveryRecord[] = [];
  // Due one minute apart, oldest first, so due order is index order.
  for (let index = 0; index < count; index += 1) {
    const delivery = await repositories.outbox.enqueueDelivery({
      applicationId: seeded.application.id,
      webhookId: webhook.id,
      eventType: 'CHARGING_STARTED',
      payload: { index },
      availableAt: new Date(START - (count - index) * 60_000),
    });
    if (delivery === null) throw new Error('enqueue refused');
    deliveries.push(delivery);
  }
  return deliveries;
}

/** A delivery as a claim hands it over: the stored body, the exact bytes to send, instead of the parsed payload. */
function asClaimed({ payload, ...delivery }: WebhookDeliveryRecord) {
  return { ...delivery, body: JSON.stringify(payload) };
}

const ids = (deliveries: readonly { readonly id: string }[]) => deliveries.map((delivery) => delivery.id);

describeEachDatabase('outbox batch claims', (getStore, context) => {
  it('gives two claimers disjoint batches while the leases hold, and a lapsed batch whole to the next claimer', async () => {
    const clock = createTestClock();
    const first = repositoriesFor(getStore(), clock);
    // On PostgreSQL the second claimer has its own pool, as a second worker process would.
    const second = context.dialect === 'postgres' ? repositoriesFor(await context.openAnother(), clock) : first;
    const deliveries = await seedDeliveries(first, 10);

    const batchA = await first.outbox.claimDueDeliveries({ workerId: 'a', limit: 6, leaseSeconds: 30 });
    const batchB = await second.outbox.claimDueDeliveries({ workerId: 'b', limit: 6, leaseSeconds: 120 });
    expect(ids(batchA)).toEqual(ids(deliveries.slice(0, 6)));
    expect(ids(batchB)).toEqual(ids(deliveries.slice(6)));
    expect(batchA.map((delivery) => [delivery.status, delivery.claimedBy, delivery.claimedUntil, delivery.attemptCount])).toEqual(
      Array.from({ length: 6 }, () => ['delivering', 'a', '2026-11-22T02:25:12.000Z', 1]),
    );
    expect(await first.outbox.claimDueDeliveries({ workerId: 'c', limit: 10, leaseSeconds: 30 })).toEqual([]);
    expect(await second.outbox.claimDueDeliveries({ workerId: 'c', limit: 10, leaseSeconds: 30 })).toEqual([]);

    // a's lease lapses, b's holds: the next claimer takes a's batch, whole and in due order, and nothing of b's.
    clock.advance(30_000);
    const retaken = await second.outbox.claimDueDeliveries({ workerId: 'c', limit: 10, leaseSeconds: 30 });
    expect(retaken).toEqual(
      deliveries.slice(0, 6).map((delivery) => ({ ...asClaimed(delivery), status: 'delivering', claimedBy: 'c', claimedUntil: '2026-11-22T02:25:42.000Z', attemptCount: 2 })),
    );
    // a's outcomes no longer apply; c's do.
    const attempt = { attemptedAt: new Date(START), statusCode: 200, latencyMs: 3, error: null, responseSnippet: null };
    expect(await first.outbox.settleDeliveries('a', ids(batchA).map((id) => ({ id, kind: 'delivered', attempt })))).toEqual(new Set());
    expect(await first.outbox.settleDeliveries('c', ids(retaken).map((id) => ({ id, kind: 'delivered', attempt })))).toEqual(new Set(ids(retaken)));
  });

  it('claims pending and lease-expired deliveries together, in due order, up to the limit', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const deliveries = await seedDeliveries(repositories, 6);
    // Deliveries 1 and 3 are claimed by a worker that then dies.
    const [one, three] = [deliveries[1], deliveries[3]];
    if (one === undefined || three === undefined) throw new Error('seed');
    const seeded = await repositories.outbox.claimDueDeliveries({ workerId: 'dead', limit: 4, leaseSeconds: 10 });
    await repositories.outbox.settleDeliveries(
      'dead',
      seeded
        .filter((delivery) => delivery.id !== one.id && delivery.id !== three.id)
        .map((delivery, index) => ({ id: delivery.id, kind: 'held', nextAttemptAt: new Date(START - (10 - index) * 60_000) })),
    );
    clock.advance(10_000);
    const claimed = await repositories.outbox.claimDueDeliveries({ workerId: 'w', limit: 5, leaseSeconds: 10 });
    // 0 and 2 were released back due 10 and 9 minutes ago (before the others); 1 and 3 lapsed; 4 was never claimed.
    expect(ids(claimed)).toEqual(ids([deliveries[0], deliveries[2], one, three, deliveries[4]].filter((delivery) => delivery !== undefined)));
    expect(claimed.map((delivery) => delivery.attemptCount)).toEqual([2, 2, 2, 2, 1]);
  });

  it('keeps what a worker settled before dying mid-batch and offers everything it had not settled again', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const deliveries = await seedDeliveries(repositories, 5);
    const batch = await repositories.outbox.claimDueDeliveries({ workerId: 'a', limit: 5, leaseSeconds: 60 });
    expect(ids(batch)).toEqual(ids(deliveries));
    const [d0, d1, d2, d3, d4] = deliveries;
    if (d0 === undefined || d1 === undefined || d2 === undefined || d3 === undefined || d4 === undefined) throw new Error('seed');
    const ok = { attemptedAt: new Date(START), statusCode: 200, latencyMs: 4, error: null, responseSnippet: '{}' };
    const refused = { attemptedAt: new Date(START), statusCode: 503, latencyMs: 7, error: null, responseSnippet: 'busy' };
    // Two outcomes are settled; the worker dies before settling the other three (one of which it had even sent).
    expect(
      await repositories.outbox.settleDeliveries('a', [
        { id: d0.id, kind: 'delivered', attempt: ok },
        { id: d1.id, kind: 'failed', nextAttemptAt: new Date(START + 25_000), attempt: refused },
      ]),
    ).toEqual(new Set([d0.id, d1.id]));
    expect(await repositories.outbox.claimDueDeliveries({ workerId: 'b', limit: 10, leaseSeconds: 60 })).toEqual([]);

    clock.advance(60_000);
    const again = await repositories.outbox.claimDueDeliveries({ workerId: 'b', limit: 10, leaseSeconds: 60 });
    // Due order: the unsettled three (due minutes ago), then the failed one's retry (due 25 s after the start).
    expect(again).toEqual([
      ...[d2, d3, d4].map((delivery) => ({ ...asClaimed(delivery), status: 'delivering', claimedBy: 'b', claimedUntil: '2026-11-22T02:26:42.000Z', attemptCount: 2 })),
      { ...asClaimed(d1), status: 'delivering', claimedBy: 'b', claimedUntil: '2026-11-22T02:26:42.000Z', attemptCount: 2, failedAttempts: 1, nextAttemptAt: '2026-11-22T02:25:07.000Z' },
    ]);
    expect(await repositories.outbox.findDelivery(d0.applicationId, d0.id)).toEqual({ ...d0, status: 'delivered', attemptCount: 1, deliveredAt: '2026-11-22T02:24:42.000Z' });
    expect(await repositories.outbox.listAttempts(d0.id)).toEqual([
      { id: anyUuid, eventId: d0.id, attemptedAt: '2026-11-22T02:24:42.000Z', statusCode: 200, latencyMs: 4, error: null, responseSnippet: '{}' },
    ]);
    expect(await repositories.outbox.listAttempts(d1.id)).toEqual([
      { id: anyUuid, eventId: d1.id, attemptedAt: '2026-11-22T02:24:42.000Z', statusCode: 503, latencyMs: 7, error: null, responseSnippet: 'busy' },
    ]);
    expect(await repositories.outbox.listAttempts(d2.id)).toEqual([]);
  });

  it('settles a mixed batch in one call: delivered, retried, dead-lettered and held', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const [d0, d1, d2, d3] = await seedDeliveries(repositories, 4);
    if (d0 === undefined || d1 === undefined || d2 === undefined || d3 === undefined) throw new Error('seed');
    await repositories.outbox.claimDueDeliveries({ workerId: 'w', limit: 4, leaseSeconds: 60 });
    clock.advance(1_000);
    const attempt = { attemptedAt: new Date(START + 500), statusCode: null, latencyMs: 1_000.4, error: 'connection refused', responseSnippet: null };
    const settled = await repositories.outbox.settleDeliveries('w', [
      { id: d0.id, kind: 'delivered', attempt: { ...attempt, statusCode: 204, error: null } },
      { id: d1.id, kind: 'failed', nextAttemptAt: new Date(START + 60_000), attempt },
      { id: d2.id, kind: 'failed', nextAttemptAt: null, attempt: { ...attempt, responseSnippet: 'x'.repeat(1_500) } },
      { id: d3.id, kind: 'held', nextAttemptAt: new Date(START + 30_000) },
    ]);
    expect(settled).toEqual(new Set([d0.id, d1.id, d2.id, d3.id]));
    const released = { claimedBy: null, claimedUntil: null, attemptCount: 1 };
    expect(await repositories.outbox.findDelivery(d0.applicationId, d0.id)).toEqual({ ...d0, ...released, status: 'delivered', deliveredAt: '2026-11-22T02:24:43.000Z' });
    expect(await repositories.outbox.findDelivery(d1.applicationId, d1.id)).toEqual({ ...d1, ...released, status: 'pending', failedAttempts: 1, nextAttemptAt: '2026-11-22T02:25:42.000Z' });
    expect(await repositories.outbox.findDelivery(d2.applicationId, d2.id)).toEqual({ ...d2, ...released, status: 'dead', failedAttempts: 1 });
    expect(await repositories.outbox.findDelivery(d3.applicationId, d3.id)).toEqual({ ...d3, ...released, status: 'pending', failedAttempts: 0, nextAttemptAt: '2026-11-22T02:25:12.000Z' });
    expect(await repositories.outbox.listAttempts(d2.id)).toEqual([
      { id: anyUuid, eventId: d2.id, attemptedAt: '2026-11-22T02:24:42.500Z', statusCode: null, latencyMs: 1_000, error: 'connection refused', responseSnippet: 'x'.repeat(1_000) },
    ]);
    expect(await repositories.outbox.listAttempts(d3.id)).toEqual([]);
    // Settling again finds no claim to settle.
    expect(await repositories.outbox.settleDeliveries('w', [{ id: d0.id, kind: 'delivered', attempt }])).toEqual(new Set());
  });
});
