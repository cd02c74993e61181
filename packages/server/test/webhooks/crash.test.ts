/** @module A delivery worker killed with SIGKILL mid-delivery, again and again, loses no event: each is delivered at least once. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, migrateToLatest, openDatabase, type Repositories, type Store } from '../../src/store/index.js';
import { EventIntake } from '../../src/webhooks/event-intake.js';
import { createScratchPostgresDatabase, describePostgres, type ScratchDatabase } from '../store/database-harness.js';
import { TestReceiver } from './receiver.js';
import { seedConnectedVehicle } from './webhook-app.js';

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
    // Held responses must not time out before the kill (a timeout is a failed attempt, sent again,
    // which would blur the count of duplicates); the lease follows one second after.
    CARPORT_WEBHOOK_TIMEOUT_MS: '3000',
    CARPORT_WEBHOOK_CLAIM_LEASE_MS: '1000',
    CARPORT_WEBHOOK_CONCURRENCY: String(CONCURRENCY),
    CARPORT_WEBHOOK_POLL_INTERVAL_MS: '50',
    CARPORT_WEBHOOK_RETRY_SCHEDULE: '100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms,100ms',
  };
  return spawn(process.execPath, ['--conditions=source', '--import', 'tsx', workerScript], { env, stdio: ['ignore', 'pipe', 'inherit'] });
}

async function seedEvents(repositories: Repositories, receiver: TestReceiver): Promise<string[]> {
  const seeded = await seedConnectedVehicle(repositories);
  receiver.token = seeded.managementToken;
  const webhook = await repositories.webhooks.create({ applicationId: seeded.applicationId, name: 'Crash', callbackUrl: receiver.url(), kind: 'eventBased', mode: 'simulated', config: { eventTypes: ['DTC_ACTIVATED'] } });
  await repositories.webhooks.markVerified(webhook.id);
  await repositories.subscriptions.subscribe(webhook.id, seeded.connectionId);
  const intake = new EventIntake({ repositories, logger: pino({ level: 'silent' }), maxHeldEvents: EVENTS });
  for (let index = 0; index < EVENTS; index += 1) {
    await intake.ingest({ eventId: `dtc-${index}`, ref: { make: 'TESLA', mode: 'simulated', providerVehicleId: seeded.providerVehicleId }, type: 'DTC_ACTIVATED', occurredAt: new Date(), data: { index } });
  }
  const rows = await repositories.outbox.listDeliveries({ applicationId: seeded.applicationId, limit: 100 });
  return rows.items.map((row) => row.id);
}

/** Kills workers mid-delivery `KILLS` times, each with all its slots waiting on the receiver, then lets one finish. */
async function killRepeatedly(location: Location, store: Store): Promise<void> {
  const receiver = await TestReceiver.start();
  try {
    const repositories = createRepositories(store, { secretKey });
    const eventIds = await seedEvents(repositories, receiver);
    expect(eventIds).toHaveLength(EVENTS);
    for (let round = 0; round < KILLS; round += 1) {
      const child = startWorker(location);
      // From the round's fourth request on, responses are held open, so the worker fills its slots
      // with requests the receiver has seen and not answered; the kill lands once all are full.
      const holdFrom = receiver.requests.length + ANSWERED_PER_ROUND;
      let release = (): void => undefined;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      receiver.responder = (_request, index) => (index >= holdFrom ? { status: 200, body: '{}', until: released } : undefined);
      const deadline = Date.now() + 30_000;
      while (receiver.requests.length < holdFrom + CONCURRENCY && Date.now() < deadline) await sleep(5);
      expect(receiver.requests.length).toBe(holdFrom + CONCURRENCY);
      child.kill('SIGKILL');
      await once(child, 'exit');
      receiver.responder = () => undefined;
      release();
    }
    const killedAfter = new Set(receiver.requests.map((request) => (request.body.payload as { eventId: string }).eventId)).size;
    expect(killedAfter).toBeLessThan(EVENTS);

    const finisher = startWorker(location);
    const deadline = Date.now() + 30_000;
    const pending = async () => (await store.db.selectFrom('outbox_events').select('id').where('status', '!=', 'delivered').execute()).length;
    while ((await pending()) > 0 && Date.now() < deadline) await sleep(50);
    finisher.kill('SIGTERM');
    await once(finisher, 'exit');

    const statuses = await store.db.selectFrom('outbox_events').select(['status', 'failed_attempts']).execute();
    expect(statuses.filter((row) => row.status !== 'delivered')).toEqual([]);
    const received = new Set(receiver.requests.map((request) => (request.body.payload as { eventId: string }).eventId));
    expect([...received].sort()).toEqual([...eventIds].sort());
    expect(receiver.requests.every((request) => request.sdkVerified && request.rawSignatureValid)).toBe(true);
    // At least once, not exactly once: each request in flight when its worker died is sent again,
    // once; nothing else is.
    expect(receiver.requests.length).toBe(EVENTS + KILLS * CONCURRENCY);
    const engine = 'databaseUrl' in location ? 'postgres' : 'sqlite';
    console.log(`[faults] delivery worker SIGKILLed ${KILLS}× [${engine}]: events=${EVENTS} delivered=${received.size} requests=${receiver.requests.length} duplicated=${receiver.requests.length - received.size}`);
  } finally {
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

  it('delivers every event at least once although the worker is SIGKILLed mid-delivery repeatedly', async () => {
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

  it('delivers every event at least once although the worker is SIGKILLed mid-delivery repeatedly', async () => {
    await killRepeatedly({ databaseUrl: scratch.url }, store);
  }, 120_000);
});
