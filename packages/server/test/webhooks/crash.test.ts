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

/** Where the child workers find the database. */
type Location = { readonly databaseUrl: string } | { readonly dataDir: string };

function startWorker(location: Location): ChildProcess {
  const env = {
    PATH: process.env.PATH ?? '',
    CARPORT_SECRET_KEY: secretKey,
    ...('databaseUrl' in location ? { DATABASE_URL: location.databaseUrl } : { CARPORT_DATA_DIR: location.dataDir }),
    CARPORT_WEBHOOK_ALLOW_ADDRESSES: 'loopback',
    CARPORT_WEBHOOK_TIMEOUT_MS: '500',
    CARPORT_WEBHOOK_CLAIM_LEASE_MS: '1000',
    CARPORT_WEBHOOK_CONCURRENCY: '4',
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

/** Kills workers mid-delivery `KILLS` times, then lets one finish; returns what the receiver saw. */
async function killRepeatedly(location: Location, store: Store): Promise<void> {
  const receiver = await TestReceiver.start();
  try {
    const repositories = createRepositories(store, { secretKey });
    const eventIds = await seedEvents(repositories, receiver);
    expect(eventIds).toHaveLength(EVENTS);
    // Slow answers keep several requests in flight whenever the kill lands.
    receiver.responder = () => ({ status: 200, body: '{}', delayMs: 60 });
    for (let round = 0; round < KILLS; round += 1) {
      const child = startWorker(location);
      const before = receiver.requests.length;
      const deadline = Date.now() + 15_000;
      while (receiver.requests.length === before && Date.now() < deadline) await sleep(5);
      await sleep(Math.floor(Math.random() * 120));
      child.kill('SIGKILL');
      await once(child, 'exit');
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
    // At least once, not exactly once: a request in flight when its worker died is sent again, so
    // duplicates prove the kills did land mid-delivery.
    expect(receiver.requests.length).toBeGreaterThan(EVENTS);
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
  }, 60_000);
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
  }, 60_000);
});
