/**
 * Two Carport processes on one PostgreSQL database, one of them (A) reaching it through a proxy the
 * test controls, under a steady load of Vehicle API requests to both, with A alone delivering
 * webhooks. The proxy resets every connection, then swallows every byte, then refuses connections.
 * A never crashes; while its database is away it answers 503 in the catalog's shape with
 * `Retry-After`, each request within the configured timeouts; B, which reaches the database
 * directly, answers as usual throughout; after each fault A answers every request again; and every
 * event recorded before, during and after the faults is delivered.
 */
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRepositories, migrateToLatest, openDatabase, type Store } from '../../src/store/index.js';
import { seedWorld, type SeededWorld } from '../helpers/test-world.js';
import { startTcpFaultProxy, type TcpFaultProxy } from '../helpers/tcp-fault-proxy.js';
import { uuidV4 } from '../helpers/test-app.js';
import { deleteKeys, uniqueKeyPrefix } from '../limits/redis-harness.js';
import { createScratchPostgresDatabase, describePostgres, type ScratchDatabase } from '../store/database-harness.js';
import { TestReceiver } from '../webhooks/receiver.js';
import { faultTestSecretKey, sharedEnv, startServerProcess, type ServerProcess } from './server-process.js';
import { receiptsOf, seedWebhookFixture, type WebhookFixture } from './webhook-fixture.js';

/** Concurrent request loops per process. */
const LOOPS = 4;
/** Requests to A that must start and end inside each phase before the test moves on. */
const PER_PHASE = 6;
/**
 * The longest a request to A may take while its database is away: the 2 s connect timeout or the
 * client-side wait one second beyond the 2 s statement timeout, with room for a loaded machine (the
 * unbounded alternative is the operating system's TCP timeout: minutes). The timeouts themselves
 * leave room for a busy machine, where opening a PostgreSQL connection alone can take half a second.
 */
const BOUND_MS = 8_000;
/**
 * A's delivery slots. A fault can cost the settlement of at most the deliveries in flight when it
 * strikes (sent and acknowledged, but not marked delivered), which are sent again: the bound on
 * duplicates is this per fault.
 */
const WEBHOOK_SLOTS = 4;
const EVENTS_PER_PHASE = 5;

const databaseEnv = {
  CARPORT_DB_CONNECT_TIMEOUT_MS: '2000',
  CARPORT_DB_QUERY_TIMEOUT_MS: '2000',
  // Every request looks its token up in the database, so each one meets the fault.
  CARPORT_READ_CACHE_TTL_MS: '0',
  // The load is the point here, not the plan: a bucket it cannot empty.
  CARPORT_PLANS: JSON.stringify({ free: { applicationRate: { capacity: 1_000_000, refillPerMinute: 1_000_000 } } }),
  CARPORT_WEBHOOK_ALLOW_ADDRESSES: 'loopback',
  CARPORT_WEBHOOK_POLL_INTERVAL_MS: '50',
  CARPORT_WEBHOOK_CONCURRENCY: String(WEBHOOK_SLOTS),
  // Long enough that the receiver's answer never times out on a busy machine (which would be a
  // failed attempt and a duplicate of its own); the lease, after which an unsettled delivery is sent
  // again, follows one second later.
  CARPORT_WEBHOOK_TIMEOUT_MS: '5000',
  CARPORT_WEBHOOK_CLAIM_LEASE_MS: '1000',
};

/** One request of the load and how it ended (status 0: no HTTP answer at all). */
interface Outcome {
  readonly process: 'A' | 'B';
  readonly startedIn: string;
  readonly endedIn: string;
  readonly status: number;
  readonly ms: number;
  readonly retryAfter: string | null;
  readonly requestId: string | null;
  readonly body: unknown;
}

const unavailableBody = (requestId: string | null) => ({
  type: 'SERVER',
  code: 'INTERNAL',
  description: 'Carport cannot reach its database right now; retry shortly.',
  docURL: 'http://carport.test/docs/errors#server-internal',
  statusCode: 503,
  requestId,
  resolution: { type: 'RETRY_LATER' },
  suggestedUserMessage: 'Something went wrong on our side. Please try again later.',
});

/** Keeps `LOOPS` requests going to each target until stopped, labelling each with the phases it started and ended in. */
function startLoad(targets: readonly { name: 'A' | 'B'; origin: string }[], accessToken: string) {
  let running = true;
  let phase = 'before';
  const outcomes: Outcome[] = [];
  const loop = async (target: { name: 'A' | 'B'; origin: string }): Promise<void> => {
    while (running) {
      const startedIn = phase;
      const started = performance.now();
      try {
        // Abandoned well past the bound, so a request that hangs fails the test instead of stalling it.
        const response = await fetch(`${target.origin}/v2.0/vehicles`, { headers: { authorization: `Bearer ${accessToken}` }, signal: AbortSignal.timeout(2 * BOUND_MS) });
        const body: unknown = await response.json();
        outcomes.push({
          process: target.name,
          startedIn,
          endedIn: phase,
          status: response.status,
          ms: performance.now() - started,
          retryAfter: response.headers.get('retry-after'),
          requestId: response.headers.get('sc-request-id'),
          body,
        });
      } catch (error) {
        outcomes.push({ process: target.name, startedIn, endedIn: phase, status: 0, ms: performance.now() - started, retryAfter: null, requestId: null, body: String(error) });
      }
    }
  };
  const loops = targets.flatMap((target) => Array.from({ length: LOOPS }, () => loop(target)));
  return {
    outcomes,
    setPhase(next: string) {
      phase = next;
    },
    /** Requests to `process` that started and ended in `inPhase`. */
    within(process: 'A' | 'B', inPhase: string) {
      return outcomes.filter((outcome) => outcome.process === process && outcome.startedIn === inPhase && outcome.endedIn === inPhase);
    },
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

describePostgres('PostgreSQL network faults between one of two processes and the database', () => {
  const keyPrefix = uniqueKeyPrefix();
  let scratch: ScratchDatabase;
  let store: Store;
  let proxy: TcpFaultProxy;
  let grant: SeededWorld;
  let receiver: TestReceiver;
  let webhook: WebhookFixture;
  const processes: ServerProcess[] = [];

  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase();
    store = await openDatabase({ databaseUrl: scratch.url, dataDir: tmpdir() });
    await migrateToLatest(store);
    const repositories = createRepositories(store, { secretKey: faultTestSecretKey });
    grant = await seedWorld(repositories);
    receiver = await TestReceiver.start();
    webhook = await seedWebhookFixture(store, repositories, receiver);
    const direct = new URL(scratch.url);
    proxy = await startTcpFaultProxy({ host: direct.hostname, port: Number(direct.port === '' ? 5432 : direct.port) });
  });
  afterAll(async () => {
    proxy.setMode('pass');
    await Promise.all(processes.map((server) => server.stop()));
    await proxy.close();
    await receiver.close();
    await store.close();
    await scratch.drop();
    await deleteKeys(keyPrefix);
  });

  it('answers 503 with Retry-After in bounded time during each fault, never crashes, and recovers', async () => {
    const proxied = new URL(scratch.url);
    proxied.host = `${proxy.host}:${proxy.port}`;
    const start = async (name: string, env: Record<string, string>): Promise<ServerProcess> => {
      const server = await startServerProcess(name, { ...databaseEnv, ...env });
      processes.push(server);
      return server;
    };
    // Only A delivers webhooks, so every delivery goes through the faults.
    const [first, second] = await Promise.all([
      start('A', sharedEnv(proxied.toString(), keyPrefix)),
      start('B', { ...sharedEnv(scratch.url, keyPrefix), CARPORT_WEBHOOK_WORKER: 'false' }),
    ]);
    // The test records events straight into the database, so recording never meets the fault.
    const events: string[] = [];
    const record = async () => {
      events.push(...(await webhook.record(EVENTS_PER_PHASE)));
    };
    const load = startLoad([{ name: 'A', origin: first.origin }, { name: 'B', origin: second.origin }], grant.accessToken);
    const settle = async (phase: string) => {
      await expect.poll(() => load.within('A', phase).length, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(PER_PHASE);
    };
    /** Lifts the fault, waits for A's first success, then for a run of requests that must all succeed. */
    const recover = async (fault: string) => {
      proxy.setMode('pass');
      load.setPhase(`recovering from ${fault}`);
      await expect.poll(() => load.within('A', `recovering from ${fault}`).some((outcome) => outcome.status === 200), { timeout: 30_000, interval: 20 }).toBe(true);
      load.setPhase(`after ${fault}`);
      await settle(`after ${fault}`);
    };

    try {
      await record();
      await settle('before');

      load.setPhase('reset');
      proxy.reset();
      await record();
      await settle('reset');
      await recover('reset');

      proxy.setMode('freeze');
      load.setPhase('freeze');
      await record();
      await settle('freeze');
      await recover('freeze');

      proxy.setMode('refuse');
      proxy.reset();
      load.setPhase('refuse');
      await record();
      await settle('refuse');
      await recover('refuse');
      await record();
    } finally {
      await load.stop();
    }
    await expect.poll(() => webhook.undelivered(), { timeout: 60_000, interval: 100 }).toBe(0);

    const ofA = load.outcomes.filter((outcome) => outcome.process === 'A');
    // A: every request answered, 200 or the catalog's 503, within the bound.
    expect(ofA.filter((outcome) => outcome.status !== 200 && outcome.status !== 503)).toEqual([]);
    expect(ofA.filter((outcome) => outcome.ms >= BOUND_MS)).toEqual([]);
    for (const outcome of ofA.filter((candidate) => candidate.status === 503)) {
      expect(outcome.retryAfter).toBe('5');
      expect(outcome.requestId).toMatch(uuidV4);
      expect(outcome.body).toEqual(unavailableBody(outcome.requestId));
    }
    for (const phase of ['before', 'after reset', 'after freeze', 'after refuse']) {
      expect(load.within('A', phase).map((outcome) => outcome.status), phase).toEqual(load.within('A', phase).map(() => 200));
    }
    // While the network swallows everything or refuses, no request can succeed: each one met the fault.
    for (const phase of ['freeze', 'refuse']) {
      expect(load.within('A', phase).map((outcome) => outcome.status), phase).toEqual(load.within('A', phase).map(() => 503));
    }
    // B reaches the database directly and never noticed.
    const ofB = load.outcomes.filter((outcome) => outcome.process === 'B');
    expect(ofB.filter((outcome) => outcome.status !== 200)).toEqual([]);
    expect([first.exit(), second.exit()]).toEqual([null, null]);
    const ready = await fetch(`${first.origin}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', schema: 'ok', limits: 'ok', webhookIntake: 'ok' }, webhookIntake: { heldEvents: 0, droppedEvents: 0 } });
    // Every event arrived, signed; a fault can only make A send again what it could not settle.
    const receipts = receiptsOf(receiver);
    expect([...receipts.keys()].sort()).toEqual([...events].sort());
    expect(receiver.deliveries().filter((request) => !request.sdkVerified || !request.rawSignatureValid)).toEqual([]);
    const duplicates = receiver.deliveries().length - receipts.size;
    expect(duplicates).toBeLessThanOrEqual(3 * WEBHOOK_SLOTS);

    const figures = ['reset', 'freeze', 'refuse'].map((fault) => {
      const during = ofA.filter((outcome) => outcome.startedIn === fault || outcome.endedIn === fault);
      const recovering = ofA.filter((outcome) => outcome.startedIn === `recovering from ${fault}` && outcome.endedIn !== fault);
      const statuses = (outcomes: readonly Outcome[]) => countBy(outcomes.map((outcome) => outcome.status));
      return `${fault}: ${during.length} requests to A during it (${statuses(during)}, slowest ${Math.round(Math.max(0, ...during.map((outcome) => outcome.ms)))} ms), ${recovering.length} while recovering (${statuses(recovering)})`;
    });
    console.log(
      `[faults] PostgreSQL faults under one of two processes: ${figures.join('; ')}; B answered ${ofB.length} requests, all 200; webhook events generated=${events.length} delivered=${receipts.size} duplicated=${duplicates}`,
    );
  }, 180_000);
});

/** `200×4, 503×6`. */
function countBy(statuses: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(', ');
}
