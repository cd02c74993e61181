/**
 * @module A delivery worker SIGKILLed mid-delivery, again and again, loses no event and duplicates
 * only what it had in flight: the receiver holds responses open until every slot of the worker waits
 * on one, the test kills it there, and each delivery arrives once plus once per kill it was held at.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, migrateToLatest, openDatabase, type Repositories, type Store } from '../../src/store/index.js';
import { EventIntake } from '../../src/webhooks/event-intake.js';
import { createScratchPostgresDatabase, describePostgres, type ScratchDatabase } from '../store/database-harness.js';
import { TestReceiver, type ReceivedRequest } from './receiver.js';
import { webhookPermissions } from './webhook-app.js';
import { seedWorld } from '../helpers/test-world.js';

const secretKey = 'crash-test-secret-key-0123456789abcdefghij';
const workerScript = fileURLToPath(new URL('./worker-process.ts', import.meta.url));
const EVENTS = 60;
const KILLS = 4;
/** The worker's slots: each kill interrupts exactly this many requests. */
const CONCURRENCY = 4;
/** Requests answered at once in each round before the receiver starts holding responses open. */
const ANSWERED_PER_ROUND = 3;

/** Where the child workers find the database. */
type Location = { readonly databaseUrl: string } | { readonly dataDir: string };

function startWorker(location: Location): ChildProcess {
  const env = {
    PATH: process.env.PATH ?? '',
    CARPORT_SECRET_KEY: secretKey,
    ...('databaseUrl' in location ? { DATABASE_URL: location.databaseUrl } : { CARPORT_DATA_DIR: location.dataDir }),
    CARPORT_WEBHOOK_ALLOW_ADDRESSES: 'loopback',
    // Nothing but a kill may send a delivery twice: a held response must not time out while the
    // worker fills its other slots (a timeout is a failed attempt, sent again). The claim's lease
    // follows the timeout (one second more), and is what a delivery killed in flight waits before
    // another worker sends it again.
    CARPORT_WEBHOOK_TIMEOUT_MS: '10000',
    CARPORT_WEBHOOK_CLAIM_LEASE_MS: '1000',
    CARPORT_WEBHOOK_CONCURRENCY: String(CONCURRENCY),
    CARPORT_WEBHOOK_POLL_INTERVAL_MS: '50',
    CARPORT_WEBHOOK_RETRY_SCHEDULE: '100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms',
  };
  return spawn(process.execPath, ['--conditions=source', '--import', 'tsx', workerScript], { env, stdio: ['ignore', 'pipe', 'inherit'] });
}

async function seedEvents(repositories: Repositories, receiver: TestReceiver): Promise<string[]> {
  const seeded = await seedWorld(repositories, { permissions: webhookPermissions });
  receiver.token = seeded.managementToken;
  const webhook = await repositories.webhooks.create({ applicationId: seeded.applicationId, name: 'Crash', callbackUrl: receiver.url(), kind: 'eventBased', mode: 'simulated', config: { eventTypes: ['DTC_ACTIVATED'] } });
  await repositories.webhooks.markVerified(webhook.id);
  await repositories.subscriptions.subscribe(webhook.id, seeded.connection.id);
  const intake = new EventIntake({ repositories, logger: pino({ level: 'silent' }), maxHeldEvents: EVENTS });
  for (let index = 0; index < EVENTS; index += 1) {
    await intake.ingest({ eventId: `dtc-${index}`, ref: { make: 'TESLA', mode: 'simulated', providerVehicleId: seeded.vehicle.providerVehicleId }, type: 'DTC_ACTIVATED', occurredAt: new Date(), data: { index } });
  }
  const rows = await repositories.outbox.listDeliveries({ applicationId: seeded.applicationId, limit: 100 });
  return rows.items.map((row) => row.id);
}

/** The delivery id a received request carries. */
function deliveryIdOf(request: ReceivedRequest): string {
  return (request.body.payload as { eventId: string }).eventId;
}

/** How many times each id occurs in `ids`. */
function countOf(ids: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** Kills workers `KILLS` times, each once all its slots wait on a held response, then lets one finish. */
async function killRepeatedly(location: Location, store: Store): Promise<void> {
  const receiver = await TestReceiver.start();
  const workers: ChildProcess[] = [];
  try {
    const repositories = createRepositories(store, { secretKey });
    const eventIds = await seedEvents(repositories, receiver);
    expect(eventIds).toHaveLength(EVENTS);
    /** The deliveries each killed worker had sent and not settled, one entry per kill. */
    const heldAtKills: string[] = [];
    for (let round = 0; round < KILLS; round += 1) {
      const child = startWorker(location);
      workers.push(child);
      // From the round's fourth request on, responses are held open, so the worker fills its slots
      // with requests the receiver has seen and not answered; the kill lands once all are full.
      const holdFrom = receiver.requests.length + ANSWERED_PER_ROUND;
      let release = (): void => undefined;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      receiver.responder = (_request, index) => (index >= holdFrom ? { status: 200, body: '{}', until: released } : undefined);
      await expect.poll(() => receiver.requests.length, { timeout: 60_000, interval: 5 }).toBe(holdFrom + CONCURRENCY);
      heldAtKills.push(...receiver.requests.slice(holdFrom).map(deliveryIdOf));
      child.kill('SIGKILL');
      await once(child, 'exit');
      receiver.responder = () => undefined;
      release();
    }
    expect(heldAtKills).toHaveLength(KILLS * CONCURRENCY);
    const killedAfter = new Set(receiver.requests.map(deliveryIdOf)).size;
    expect(killedAfter).toBeLessThan(EVENTS);

    const finisher = startWorker(location);
    workers.push(finisher);
    const pending = async () => (await store.db.selectFrom('outbox_events').select('id').where('status', '!=', 'delivered').execute()).length;
    await expect.poll(pending, { timeout: 60_000, interval: 50 }).toBe(0);
    finisher.kill('SIGTERM');
    await once(finisher, 'exit');

    const statuses = await store.db.selectFrom('outbox_events').select(['status', 'failed_attempts']).execute();
    expect(statuses.filter((row) => row.status !== 'delivered' || row.failed_attempts !== 0)).toEqual([]);
    expect(receiver.requests.every((request) => request.sdkVerified && request.rawSignatureValid)).toBe(true);
    // At least once: every event arrived. Not exactly once, but within the bound: a delivery is sent
    // once, plus once for each kill that found it in flight; nothing else is sent twice.
    const receipts = countOf(receiver.requests.map(deliveryIdOf));
    const heldCounts = countOf(heldAtKills);
    expect([...receipts.keys()].sort()).toEqual([...eventIds].sort());
    expect(Object.fromEntries(receipts)).toEqual(Object.fromEntries(eventIds.map((id) => [id, 1 + (heldCounts.get(id) ?? 0)])));
    const engine = 'databaseUrl' in location ? 'postgres' : 'sqlite';
    console.log(`[faults] delivery worker SIGKILLed ${KILLS}× [${engine}]: events=${EVENTS} delivered=${receipts.size} requests=${receiver.requests.length} duplicated=${receiver.requests.length - receipts.size} (in flight at the kills: ${heldAtKills.length})`);
  } finally {
    // A failed assertion leaves its worker running; it must not outlive the test.
    for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
    await receiver.close();
  }
}

describe('webhook worker crashes [sqlite file]', () => {
  let dataDir: string;
  let store: Store;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'carport-crash-'));
    store = await openDatabase({ databaseUrl: undefined, dataDir });
    await migrateToLatest(store);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every event at least once, sending again only what each SIGKILLed worker had in flight', async () => {
    await killRepeatedly({ dataDir }, store);
  }, 120_000);
});

describePostgres('webhook worker crashes [postgres]', () => {
  let scratch: ScratchDatabase;
  let store: Store;
  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase();
    store = await openDatabase({ databaseUrl: scratch.url, dataDir: tmpdir() });
    await migrateToLatest(store);
  });
  afterAll(async () => {
    await store.close();
    await scratch.drop();
  });

  it('delivers every event at least once, sending again only what each SIGKILLed worker had in flight', async () => {
    await killRepeatedly({ databaseUrl: scratch.url }, store);
  }, 120_000);
});
