/** @module Tests of the outbox: enqueue, claim leases, settling, attempts, and concurrent claimers. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type OutboxEventRecord, type Repositories } from '../../src/store/index.js';
import { describeEachDatabase } from './database-harness.js';
import { createTestClock, repositoriesFor, storeWorld, anyUuid } from './fixtures.js';
import { runTogether } from './processes.js';
import { seedWorld } from '../helpers/test-world.js';

async function seedWebhook(repositories: Repositories) {
  const seeded = await seedWorld(repositories, storeWorld);
  const webhook = await repositories.webhooks.create({
    applicationId: seeded.application.id,
    name: 'Events',
    callbackUrl: 'https://app.example/hooks',
    kind: 'event',
    mode: 'simulated',
  });
  return { ...seeded, webhook };
}

async function enqueueMany(repositories: Repositories, seeded: Awaited<ReturnType<typeof seedWebhook>>, count: number) {
  for (let index = 0; index < count; index += 1) {
    await repositories.outbox.enqueue({ applicationId: seeded.application.id, webhookId: seeded.webhook.id, eventType: 'E', payload: { index } });
  }
}

/** Workers claim batches until nothing is due; returns every claimed id, duplicates included. */
async function drain(workers: { repositories: Repositories; workerId: string }[], batch: number): Promise<string[]> {
  const claimed: string[] = [];
  await Promise.all(
    workers.map(async ({ repositories, workerId }) => {
      for (;;) {
        const events = await repositories.outbox.claimDue({ workerId, limit: batch, leaseSeconds: 300 });
        if (events.length === 0) return;
        claimed.push(...events.map((event) => event.id));
      }
    }),
  );
  return claimed;
}

describeEachDatabase('outbox repository', (getStore, context) => {
  it('enqueues an event and returns its exact record', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const seeded = await seedWebhook(repositories);
    const event = await repositories.outbox.enqueue({
      applicationId: seeded.application.id,
      webhookId: seeded.webhook.id,
      vehicleId: seeded.vehicle.id,
      eventType: 'CHARGING_STARTED',
      payload: { vehicleId: seeded.connection.applicationVehicleId, data: [1, 'two', null] },
    });
    expect(event).toEqual({
      id: anyUuid,
      applicationId: seeded.application.id,
      webhookId: seeded.webhook.id,
      vehicleId: seeded.vehicle.id,
      eventType: 'CHARGING_STARTED',
      payload: { vehicleId: seeded.connection.applicationVehicleId, data: [1, 'two', null] },
      status: 'pending',
      attemptCount: 0,
      nextAttemptAt: '2026-11-22T02:24:42.000Z',
      claimedBy: null,
      claimedUntil: null,
      createdAt: '2026-11-22T02:24:42.000Z',
      deliveredAt: null,
    });
    expect(await repositories.outbox.findById(event.id)).toEqual(event);
    expect(await repositories.outbox.listByWebhook(seeded.webhook.id, 10)).toEqual([event]);
  });

  it('claims only due events, leases them, and re-offers them when the lease expires', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const seeded = await seedWebhook(repositories);
    const due = await repositories.outbox.enqueue({ applicationId: seeded.application.id, webhookId: seeded.webhook.id, eventType: 'A', payload: 1 });
    const later = await repositories.outbox.enqueue({
      applicationId: seeded.application.id,
      webhookId: seeded.webhook.id,
      eventType: 'B',
      payload: 2,
      availableAt: new Date('2026-11-22T03:00:00.000Z'),
    });
    const [claimed, ...rest] = await repositories.outbox.claimDue({ workerId: 'w1', limit: 10, leaseSeconds: 30 });
    expect(rest).toEqual([]);
    expect(claimed).toEqual({ ...due, status: 'delivering', attemptCount: 1, claimedBy: 'w1', claimedUntil: '2026-11-22T02:25:12.000Z' });
    expect(await repositories.outbox.claimDue({ workerId: 'w2', limit: 10, leaseSeconds: 30 })).toEqual([]);
    clock.advance(30_000);
    const retaken = await repositories.outbox.claimDue({ workerId: 'w2', limit: 10, leaseSeconds: 30 });
    expect(retaken.map((event) => [event.id, event.claimedBy, event.attemptCount])).toEqual([[due.id, 'w2', 2]]);
    // The first worker lost its claim: it can no longer settle the event.
    expect(await repositories.outbox.markDelivered(due.id, 'w1')).toBe(false);
    expect(await repositories.outbox.markDelivered(due.id, 'w2')).toBe(true);
    expect(await repositories.outbox.findById(due.id)).toMatchObject({ status: 'delivered', deliveredAt: '2026-11-22T02:25:12.000Z', claimedBy: null });
    expect((await repositories.outbox.findById(later.id))?.status).toBe('pending');
  });

  it('reschedules and gives up on events', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const seeded = await seedWebhook(repositories);
    await enqueueMany(repositories, seeded, 2);
    const [first, second] = await repositories.outbox.claimDue({ workerId: 'w', limit: 2, leaseSeconds: 60 });
    if (first === undefined || second === undefined) throw new Error('expected two events');
    expect(await repositories.outbox.reschedule(first.id, 'w', new Date('2026-11-22T02:30:00.000Z'))).toBe(true);
    expect(await repositories.outbox.markDead(second.id, 'w')).toBe(true);
    expect(await repositories.outbox.markDead(second.id, 'w')).toBe(false);
    expect(await repositories.outbox.findById(first.id)).toMatchObject({ status: 'pending', nextAttemptAt: '2026-11-22T02:30:00.000Z', claimedBy: null });
    expect(await repositories.outbox.findById(second.id)).toMatchObject({ status: 'dead', claimedBy: null });
    expect(await repositories.outbox.claimDue({ workerId: 'w', limit: 5, leaseSeconds: 60 })).toEqual([]);
    clock.advance(6 * 60_000);
    expect((await repositories.outbox.claimDue({ workerId: 'w', limit: 5, leaseSeconds: 60 })).map((event) => event.id)).toEqual([first.id]);
  });

  it('claims in due order, honouring the limit', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const seeded = await seedWebhook(repositories);
    const events: OutboxEventRecord[] = [];
    for (const minutes of [3, 1, 2]) {
      events.push(
        await repositories.outbox.enqueue({
          applicationId: seeded.application.id,
          webhookId: seeded.webhook.id,
          eventType: 'E',
          payload: minutes,
          availableAt: new Date(Date.parse('2026-11-22T02:00:00.000Z') + minutes * 60_000),
        }),
      );
    }
    const claimed = await repositories.outbox.claimDue({ workerId: 'w', limit: 2, leaseSeconds: 60 });
    expect(claimed.map((event) => event.payload)).toEqual([1, 2]);
    await expect(repositories.outbox.claimDue({ workerId: 'w', limit: 0, leaseSeconds: 60 })).rejects.toThrow(RangeError);
  });

  it('records delivery attempts, truncating long response bodies', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const seeded = await seedWebhook(repositories);
    const event = await repositories.outbox.enqueue({ applicationId: seeded.application.id, webhookId: seeded.webhook.id, eventType: 'E', payload: {} });
    const failed = await repositories.outbox.recordAttempt({ eventId: event.id, statusCode: null, latencyMs: 5000.4, error: 'timeout', responseSnippet: null });
    clock.advance(1_000);
    const ok = await repositories.outbox.recordAttempt({ eventId: event.id, statusCode: 200, latencyMs: 12, error: null, responseSnippet: 'x'.repeat(5_000) });
    expect(failed).toEqual({
      id: anyUuid,
      eventId: event.id,
      attemptedAt: '2026-11-22T02:24:42.000Z',
      statusCode: null,
      latencyMs: 5000,
      error: 'timeout',
      responseSnippet: null,
    });
    expect(ok.responseSnippet).toHaveLength(1_000);
    expect(await repositories.outbox.listAttempts(event.id)).toEqual([failed, ok]);
    await expect(
      repositories.outbox.recordAttempt({ eventId: '00000000-0000-4000-8000-000000000000', statusCode: 500, latencyMs: 1, error: null, responseSnippet: null }),
    ).rejects.toMatchObject({ kind: 'foreign_key' });
  });

  it('commits an event with the state it describes, or neither', async () => {
    const repositories = repositoriesFor(getStore(), createTestClock());
    const seeded = await seedWebhook(repositories);
    const failure = repositories.transaction(async (trx) => {
      await trx.webhooks.markVerified(seeded.webhook.id);
      await trx.outbox.enqueue({ applicationId: seeded.application.id, webhookId: seeded.webhook.id, eventType: 'E', payload: {} });
      throw new Error('boom');
    });
    await expect(failure).rejects.toThrow('boom');
    expect(await repositories.outbox.listByWebhook(seeded.webhook.id, 10)).toEqual([]);
    expect((await repositories.webhooks.findById(seeded.webhook.id))?.verifiedAt).toBeNull();
    const event = await repositories.transaction(async (trx) => {
      await trx.webhooks.markVerified(seeded.webhook.id);
      return trx.outbox.enqueue({ applicationId: seeded.application.id, webhookId: seeded.webhook.id, eventType: 'E', payload: {} });
    });
    expect(await repositories.outbox.findById(event.id)).toEqual(event);
  });

  it('never hands the same event to two concurrent claimers', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const seeded = await seedWebhook(repositories);
    await enqueueMany(repositories, seeded, 120);
    // On PostgreSQL the claimers use two pools, as two worker processes would.
    const other: Repositories = context.dialect === 'postgres' ? repositoriesFor(await context.openAnother(), clock) : repositories;
    const workers = Array.from({ length: 6 }, (_, index) => ({ repositories: index % 2 === 0 ? repositories : other, workerId: `w${index}` }));
    const claimed = await drain(workers, 7);
    expect(claimed).toHaveLength(120);
    expect(new Set(claimed).size).toBe(120);
  });
});

describe('outbox claim on one SQLite file from several connections', () => {
  let directory = '';
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'carport-outbox-'));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  async function seedFile(count: number): Promise<void> {
    const store = await openDatabase({ databaseUrl: undefined, dataDir: directory });
    try {
      await migrateToLatest(store);
      const repositories = repositoriesFor(store, createTestClock());
      await enqueueMany(repositories, await seedWebhook(repositories), count);
    } finally {
      await store.close();
    }
  }

  it('never hands the same event to two connections of one process', async () => {
    await seedFile(60);
    const first = await openDatabase({ databaseUrl: undefined, dataDir: directory });
    const second = await openDatabase({ databaseUrl: undefined, dataDir: directory });
    try {
      const clock = createTestClock();
      const [a, b] = [repositoriesFor(first, clock), repositoriesFor(second, clock)];
      const workers = [a, b, a, b].map((repositories, index) => ({ repositories, workerId: `w${index}` }));
      const claimed = await drain(workers, 4);
      expect(claimed).toHaveLength(60);
      expect(new Set(claimed).size).toBe(60);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('never hands the same event to two processes', async () => {
    await seedFile(300);
    const perProcess = await runTogether<string[]>('claim', directory, ['p1', 'p2', 'p3', 'p4']);
    const claimed = perProcess.flat();
    // The processes really competed (each got a share), and no event went to two of them.
    expect(perProcess.filter((ids) => ids.length > 0).length).toBeGreaterThan(1);
    expect(claimed).toHaveLength(300);
    expect(new Set(claimed).size).toBe(300);
  });
});
