/**
 * Two Carport processes deliver one PostgreSQL outbox to a receiver on loopback. The receiver holds
 * every response from the Nth delivery on, so both workers end up with all their slots waiting on it;
 * the test then SIGKILLs the process that sent the Nth delivery, lets the survivor go on, records
 * events while the killed one is down, and starts it again. Every event arrives at least once with a
 * valid signature, and the only duplicates are exactly the requests the killed process had in flight.
 */
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRepositories, migrateToLatest, openDatabase, type Store } from '../../src/store/index.js';
import { deleteKeys, uniqueKeyPrefix } from '../limits/redis-harness.js';
import { createScratchPostgresDatabase, describePostgres, type ScratchDatabase } from '../store/database-harness.js';
import { TestReceiver } from '../webhooks/receiver.js';
import { faultTestSecretKey, sharedEnv, startServerProcess, type ServerProcess } from './server-process.js';
import { deliveryIdOf, receiptsOf, seedWebhookFixture, type WebhookFixture } from './webhook-fixture.js';

/**
 * Slots per worker: the requests a kill can interrupt, and so the bound on duplicates. The two
 * processes get different numbers so that, once every slot waits on the receiver, the claims each
 * worker holds tell which process is which.
 */
const SLOTS = { A: 3, B: 4 } as const;
/** Deliveries answered normally before the receiver starts holding. */
const ANSWERED_BEFORE_HOLD = 10;

const workerEnv = {
  CARPORT_WEBHOOK_ALLOW_ADDRESSES: 'loopback',
  CARPORT_WEBHOOK_POLL_INTERVAL_MS: '50',
  // Held responses must not time out while the workers fill their slots and the test sets up the
  // kill, however loaded the machine (a timeout is a failed attempt, sent again, a duplicate no kill
  // caused); the lease, and so the redelivery of what the killed process held, follows one second after it.
  CARPORT_WEBHOOK_TIMEOUT_MS: '10000',
  CARPORT_WEBHOOK_CLAIM_LEASE_MS: '1000',
  CARPORT_WEBHOOK_RETRY_SCHEDULE: '100ms,100ms,100ms,100ms,100ms',
  CARPORT_WEBHOOK_RETRY_JITTER_PERCENT: '0',
};

describePostgres('webhook deliveries across two processes, one SIGKILLed mid-delivery', () => {
  const keyPrefix = uniqueKeyPrefix();
  let scratch: ScratchDatabase;
  let store: Store;
  let receiver: TestReceiver;
  let webhook: WebhookFixture;
  const processes: ServerProcess[] = [];

  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase();
    store = await openDatabase({ databaseUrl: scratch.url, dataDir: tmpdir() });
    await migrateToLatest(store);
    receiver = await TestReceiver.start();
    webhook = await seedWebhookFixture(store, createRepositories(store, { secretKey: faultTestSecretKey }), receiver);
  });
  afterAll(async () => {
    await Promise.all(processes.map((server) => server.stop()));
    await receiver.close();
    await store.close();
    await scratch.drop();
    await deleteKeys(keyPrefix);
  });

  const start = async (name: keyof typeof SLOTS, label: string = name): Promise<ServerProcess> => {
    const server = await startServerProcess(label, { ...sharedEnv(scratch.url, keyPrefix), ...workerEnv, CARPORT_WEBHOOK_CONCURRENCY: String(SLOTS[name]) });
    processes.push(server);
    return server;
  };

  const claimants = async (ids: readonly string[]) =>
    new Map((await store.db.selectFrom('outbox_events').select(['id', 'claimed_by']).where('id', 'in', ids).execute()).map((row) => [row.id, row.claimed_by]));
  const receivedIds = () => new Set(receiver.deliveries().map(deliveryIdOf));

  /** Answers requests from index `from` on only once `release` is called. */
  function holdFrom(from: number): { release: () => void } {
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    receiver.responder = (_request, index) => (index >= from ? { status: 200, body: '{}', until: released } : undefined);
    return {
      release: () => {
        receiver.responder = () => undefined;
        release();
      },
    };
  }

  it('delivers every event at least once, duplicating only what the killed process had in flight', async () => {
    const [first, second] = await Promise.all([start('A'), start('B')]);
    const hold = holdFrom(ANSWERED_BEFORE_HOLD);
    const beforeKill = await webhook.record(40);
    // Every slot of both workers now waits on the receiver: nothing else moves until the test acts.
    await expect.poll(() => receiver.requests.length, { timeout: 30_000, interval: 20 }).toBe(ANSWERED_BEFORE_HOLD + SLOTS.A + SLOTS.B);
    const held = receiver.requests.slice(ANSWERED_BEFORE_HOLD).map(deliveryIdOf);
    const claimedBy = await claimants(held);
    const workerA = [...new Set(claimedBy.values())].find((worker) => held.filter((id) => claimedBy.get(id) === worker).length === SLOTS.A);
    expect(workerA).toMatch(/^worker-/);
    // The process that sent the Nth delivery, whose response is the first one held.
    const victimName = claimedBy.get(held[0] ?? '') === workerA ? 'A' : 'B';
    const [victim, survivor] = victimName === 'A' ? [first, second] : [second, first];
    const inFlightAtKill = held.filter((id) => (claimedBy.get(id) === workerA) === (victimName === 'A'));
    expect(inFlightAtKill).toHaveLength(SLOTS[victimName]);

    await victim.kill();
    hold.release();
    // Recorded while one process is down: the survivor delivers them on its own.
    const whileDown = await webhook.record(10);
    await expect.poll(() => whileDown.filter((id) => receivedIds().has(id)).length, { timeout: 20_000, interval: 50 }).toBe(whileDown.length);

    const restarted = await start(victimName, `${victimName} (restarted)`);
    const afterRestart = await webhook.record(10);
    await expect.poll(() => webhook.undelivered(), { timeout: 30_000, interval: 100 }).toBe(0);

    const all = [...beforeKill, ...whileDown, ...afterRestart];
    expect(all).toHaveLength(60);
    expect([...receivedIds()].sort()).toEqual([...all].sort());
    const deliveries = receiver.deliveries();
    expect(deliveries.filter((request) => !request.sdkVerified || !request.rawSignatureValid)).toEqual([]);
    const receipts = receiptsOf(receiver);
    const duplicated = [...receipts].filter(([, count]) => count > 1);
    // At least once, not exactly once: what the killed process had sent but not settled is sent
    // again after its lease, once each; nothing else is.
    expect(duplicated.map(([id]) => id).sort()).toEqual([...inFlightAtKill].sort());
    expect(duplicated.every(([, count]) => count === 2)).toBe(true);
    expect(deliveries).toHaveLength(all.length + inFlightAtKill.length);
    expect([survivor.exit(), restarted.exit(), victim.exit()]).toEqual([null, null, { code: null, signal: 'SIGKILL' }]);
    console.log(
      `[faults] webhook SIGKILL across two processes: events generated=${all.length} delivered=${receipts.size} requests=${deliveries.length} duplicated=${duplicated.length} (in flight in the killed process: ${inFlightAtKill.length}, its slots ${SLOTS[victimName]})`,
    );
  }, 180_000);
});
