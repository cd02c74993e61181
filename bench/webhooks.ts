/** @module Webhook delivery benchmark on SQLite and PostgreSQL: signed deliveries per second against plain POSTs to the same receiver, and event-to-delivery latency at a sustained event rate. */
// Run: `npm run bench:webhooks`. SQLite uses a temporary file; PostgreSQL a scratch database created
// on BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) and dropped afterwards
// (BENCH_ENGINES=sqlite or postgres runs one). BENCH_DELIVERIES sizes the backlog, BENCH_EVENT_RATE
// and BENCH_SUSTAIN_SECONDS (default 1000/s for 60 s) the latency run. `--quick` shortens the
// latency run to 10 s, for development only: the goal is stated for a minute.
import { fork, execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { CallbackSender, createLogger, createServices, DeliveryWorker, EventIntake, loadConfig, webhookSettingsFrom, type Services } from '@carport/server';
import type { ReceiverCommand, ReceiverReply } from './webhook-receiver.js';
import { seedWorld } from '../packages/server/test/helpers/test-world.js';

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 10_000);
const EVENT_RATE = Number(process.env.BENCH_EVENT_RATE ?? 1_000);
const QUICK = process.argv.includes('--quick');
const SUSTAIN_SECONDS = Number(process.env.BENCH_SUSTAIN_SECONDS ?? (QUICK ? 10 : 60));
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',');
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The goals: signed deliveries per second from a backlog, and p99 event-to-delivery latency at the sustained rate. */
const GOAL_DELIVERIES_PER_SECOND = 5_000;
const GOAL_P99_MS = 250;
const here = import.meta.dirname;
const epochMs = () => performance.timeOrigin + performance.now();

/** The receiver process and a request/answer channel to it. */
interface Receiver {
  readonly url: string;
  ask(command: ReceiverCommand): Promise<ReceiverReply>;
  close(): void;
}

async function startReceiver(): Promise<Receiver> {
  const child = fork(join(here, 'webhook-receiver.ts'), { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting: ((reply: ReceiverReply) => void)[] = [];
  const url = await new Promise<string>((resolve) => {
    child.on('message', (reply: ReceiverReply) => {
      if (reply.type === 'listening') resolve(reply.url);
      else waiting.shift()?.(reply);
    });
  });
  return {
    url,
    ask: (command) =>
      new Promise((resolve) => {
        waiting.push(resolve);
        child.send(command);
      }),
    close: () => {
      child.disconnect();
    },
  };
}

/** Requests the receiver took, and the distinct events among them. */
async function received(receiver: Receiver): Promise<{ count: number; distinct: number }> {
  const reply = await receiver.ask({ type: 'count' });
  return reply.type === 'count' ? { count: reply.count, distinct: reply.distinct } : { count: 0, distinct: 0 };
}

/**
 * Waits until every one of `expected` distinct events arrived. Nothing crashes here, so a duplicate
 * comes only from the sender's one resend of a request whose pooled connection closed before any
 * answer (the documented at-least-once bound); they are counted, not hidden.
 */
async function allArrived(receiver: Receiver, expected: number): Promise<number> {
  for (;;) {
    const { count, distinct } = await received(receiver);
    if (distinct > expected) throw new Error(`receiver saw ${distinct} distinct events, ${expected} were sent`);
    if (distinct === expected) return count - distinct;
    await sleep(5);
  }
}

async function arrivals(receiver: Receiver): Promise<Map<string, number>> {
  const reply = await receiver.ask({ type: 'arrivals' });
  return new Map(reply.type === 'arrivals' ? reply.arrivals : []);
}

/** An application with one connected vehicle subscribed to a verified event-based webhook. */
async function seed(services: Services, url: string) {
  const { repositories } = services;
  const { application, vehicle, connection } = await seedWorld(repositories, {
    application: { name: 'Bench', redirectUris: [] },
    owner: { email: null },
    vehicles: [{ vin: null, model: null, year: null }],
    permissions: ['read_charge_events'],
    tokens: false,
  });
  const webhook = await repositories.webhooks.create({ applicationId: application.id, name: 'Bench', callbackUrl: url, kind: 'eventBased', mode: 'simulated', config: { eventTypes: ['CHARGING_STARTED'] } });
  await repositories.webhooks.markVerified(webhook.id);
  await repositories.subscriptions.subscribe(webhook.id, connection.id);
  return { application, vehicle, connection, webhook };
}

function body(webhookId: string, vehicleId: string, eventId: string): unknown {
  return { version: '2.0', webhookId, eventName: 'eventBased', mode: 'simulated', payload: { eventId, vehicleId, eventType: 'CHARGING_STARTED', eventTime: new Date().toISOString(), data: {} } };
}

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

/** Plain POSTs of `payload` by autocannon in its own process, over as many connections as the worker may open. */
async function plainPostsPerSecond(url: string, connections: number, payload: string): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(here, 'plain-post-baseline.ts'), url, String(connections), String(DELIVERIES), payload]);
  const result = JSON.parse(stdout) as { requests: number; seconds: number; errors: number };
  if (result.errors > 0) throw new Error(`plain POST baseline: ${result.errors} requests failed`);
  return result.requests / result.seconds;
}

/** What one engine measured. */
interface EngineResult {
  readonly engine: string;
  readonly plainPerSecond: number;
  readonly signedPerSecond: number;
  /** CPU time (user + system) of the Carport process per delivery while draining the backlog. */
  readonly cpuMicrosPerDelivery: number;
  /** Deliveries that arrived twice, over both runs. */
  readonly duplicates: number;
  readonly p50: number;
  readonly p99: number;
  readonly events: number;
  readonly load: string;
}

const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function runEngine(engine: string, databaseUrl: string | undefined): Promise<EngineResult> {
  const load = loadAverage();
  const dataDir = mkdtempSync(join(tmpdir(), 'carport-bench-'));
  const config = loadConfig({
    env: {
      CARPORT_DATA_DIR: dataDir,
      CARPORT_SECRET_KEY: 'benchmark-secret-key-0123456789abcdefghij',
      CARPORT_WEBHOOK_ALLOW_ADDRESSES: 'loopback',
      CARPORT_WEBHOOK_POLL_INTERVAL_MS: '50',
      ...(process.env.CARPORT_WEBHOOK_CONCURRENCY === undefined ? {} : { CARPORT_WEBHOOK_CONCURRENCY: process.env.CARPORT_WEBHOOK_CONCURRENCY }),
      ...(process.env.CARPORT_WEBHOOK_CONNECTIONS_PER_ORIGIN === undefined ? {} : { CARPORT_WEBHOOK_CONNECTIONS_PER_ORIGIN: process.env.CARPORT_WEBHOOK_CONNECTIONS_PER_ORIGIN }),
      ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }),
    },
  });
  const logger = createLogger('silent');
  const services = await createServices(config, { logger });
  const settings = webhookSettingsFrom(config);
  const receiver = await startReceiver();
  const sender = new CallbackSender(settings);
  const worker = new DeliveryWorker({ repositories: services.repositories, sender, settings, logger, now: () => new Date() });
  try {
    const { application, vehicle, connection, webhook } = await seed(services, receiver.url);
    const payloads = Array.from({ length: DELIVERIES }, () => body(webhook.id, connection.applicationVehicleId, randomUUID()));

    // 1. Baseline: the same body, plain, to the same receiver.
    const plainPerSecond = await plainPostsPerSecond(receiver.url, settings.connectionsPerOrigin, JSON.stringify(payloads[0]));

    // 2. Throughput: a backlog of signed deliveries drained by one worker.
    await services.repositories.outbox.enqueueDeliveries(payloads.map((payload) => ({ applicationId: application.id, webhookId: webhook.id, vehicleId: vehicle.id, eventType: 'CHARGING_STARTED', payload })));
    await receiver.ask({ type: 'reset' });
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    worker.start();
    const backlogDuplicates = await allArrived(receiver, DELIVERIES);
    const signedPerSecond = DELIVERIES / ((performance.now() - started) / 1000);
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMicrosPerDelivery = (cpu.user + cpu.system) / DELIVERIES;

    // 3. Latency: provider events at a steady rate through the intake (outbox transaction), the worker and the POST.
    const intake = new EventIntake({
      repositories: services.repositories,
      logger,
      maxHeldEvents: settings.intakeMaxHeldEvents,
      onEnqueued: () => {
        worker.notify();
      },
    });
    await receiver.ask({ type: 'reset' });
    const events = Math.round(EVENT_RATE * SUSTAIN_SECONDS);
    const emitted = new Map<string, number>();
    const paceStart = performance.now();
    for (let index = 0; index < events; ) {
      // Emit what the rate calls for by now, then yield: steady on average whatever the timer granularity.
      const due = Math.min(events, Math.floor(((performance.now() - paceStart) / 1000) * EVENT_RATE) + 1);
      for (; index < due; index += 1) {
        const eventId = `bench-${index}`;
        emitted.set(eventId, epochMs());
        intake.accept({ eventId, ref: { make: 'TESLA', mode: 'simulated', providerVehicleId: vehicle.providerVehicleId }, type: 'CHARGING_STARTED', occurredAt: new Date(), data: { index } });
      }
      await sleep(2);
    }
    await intake.idle();
    const latencyDuplicates = await allArrived(receiver, events);
    const arrived = await arrivals(receiver);
    await worker.stop();
    // Delivered bodies carry Carport's event ids (the delivery's); map them back through the outbox's dedupe keys.
    const page = await services.repositories.outbox.listDeliveries({ applicationId: application.id, limit: DELIVERIES + events + 1 });
    const latencies = page.items
      .filter((delivery) => delivery.dedupeKey !== null)
      .map((delivery) => (arrived.get(delivery.id) ?? Number.NaN) - (emitted.get(delivery.dedupeKey?.split(':')[4] ?? '') ?? Number.NaN));
    if (latencies.length !== events || latencies.some(Number.isNaN)) throw new Error(`latency run: ${latencies.length} of ${events} events matched to an arrival`);
    return { engine, plainPerSecond, signedPerSecond, cpuMicrosPerDelivery, duplicates: backlogDuplicates + latencyDuplicates, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), events, load };
  } finally {
    await worker.stop();
    await sender.close();
    receiver.close();
    await services.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A scratch PostgreSQL database for one run, dropped afterwards. */
async function withScratchPostgres<T>(work: (url: string) => Promise<T>): Promise<T> {
  const name = `carport_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const results: EngineResult[] = [];
  const measured = (result: EngineResult) => {
    results.push(result);
    process.stderr.write(`${result.engine} measured\n`);
  };
  if (ENGINES.includes('sqlite')) measured(await runEngine('SQLite file', undefined));
  if (ENGINES.includes('postgres')) measured(await withScratchPostgres((url) => runEngine('PostgreSQL', url)));
  const verdict = (pass: boolean) => (pass ? 'pass' : 'FAIL');
  const lines = [
    `Carport webhook benchmark: ${DELIVERIES} signed deliveries from a backlog; ${Math.round(EVENT_RATE * SUSTAIN_SECONDS)} events at ${EVENT_RATE}/s for ${SUSTAIN_SECONDS} s through the intake${QUICK ? ' (--quick: not the goal\'s minute)' : ''}`,
    'every event arrived (no loss); dup: deliveries that arrived twice (at-least-once bound)',
    `${'engine'.padEnd(13)}${'plain POST/s'.padStart(13)}${'signed/s'.padStart(10)}${'ratio'.padStart(7)}${`≥${GOAL_DELIVERIES_PER_SECOND}/s`.padStart(9)}${'CPU µs/delivery'.padStart(16)}${'dup'.padStart(5)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${`≤${GOAL_P99_MS} ms`.padStart(9)}   load average at start`,
    ...results.map(
      (result) =>
        `${result.engine.padEnd(13)}${result.plainPerSecond.toFixed(0).padStart(13)}${result.signedPerSecond.toFixed(0).padStart(10)}${(result.signedPerSecond / result.plainPerSecond).toFixed(2).padStart(7)}` +
        `${verdict(result.signedPerSecond >= GOAL_DELIVERIES_PER_SECOND).padStart(9)}${result.cpuMicrosPerDelivery.toFixed(0).padStart(16)}${String(result.duplicates).padStart(5)}${result.p50.toFixed(1).padStart(9)}${result.p99.toFixed(1).padStart(9)}${verdict(result.p99 <= GOAL_P99_MS).padStart(9)}   ${result.load}`,
    ),
    `load average now: ${loadAverage()}`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

await main();
