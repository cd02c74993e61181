/** @module Webhook delivery benchmark: signed deliveries per second and event-to-delivery latency, beside plain unsigned POSTs to the same local receiver. */
// Run: `npx tsx --conditions=source bench/webhooks.ts` (DATABASE_URL=postgres://... for PostgreSQL;
// a temporary SQLite file otherwise). BENCH_DELIVERIES, BENCH_EVENTS and BENCH_EVENT_RATE size it.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { CallbackSender, createLogger, DeliveryWorker, EventIntake, loadConfig, createServices, webhookSettingsFrom, type Services } from '@carport/server';
import { seedWorld } from '../packages/server/test/helpers/test-world.js';

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 2_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 400);
const EVENTS_PER_SECOND = Number(process.env.BENCH_EVENT_RATE ?? 200);
const CONCURRENCY = 16;

/** A local receiver that answers 200 at once and reports when each event arrived. */
async function startReceiver(onEvent: (eventId: string) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { payload?: { eventId?: string } };
      onEvent(body.payload?.eventId ?? '');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
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

/** Plain unsigned POSTs with the same concurrency and keep-alive: what the network and receiver cost alone. */
async function plainPosts(url: string, bodies: readonly string[], concurrency: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const post = (payload: string) =>
    new Promise<void>((resolve, reject) => {
      const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (response) => {
        response.resume();
        response.on('end', resolve);
      });
      request.on('error', reject);
      request.end(payload);
    });
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) await post(bodies[next++] ?? '{}');
    }),
  );
  agent.destroy();
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'carport-bench-'));
  const env = {
    CARPORT_DATA_DIR: dataDir,
    CARPORT_SECRET_KEY: 'benchmark-secret-key-0123456789abcdefghij',
    CARPORT_WEBHOOK_ALLOW_ADDRESSES: 'loopback',
    CARPORT_WEBHOOK_POLL_INTERVAL_MS: '50',
    CARPORT_WEBHOOK_CONCURRENCY: String(CONCURRENCY),
    ...(process.env.DATABASE_URL === undefined ? {} : { DATABASE_URL: process.env.DATABASE_URL }),
  };
  const config = loadConfig({ env });
  const logger = createLogger('silent');
  const services = await createServices(config, { logger });
  const settings = webhookSettingsFrom(config);
  const arrivals = new Map<string, number>();
  const receiver = await startReceiver((eventId) => arrivals.set(eventId, performance.now()));
  try {
    const { application, vehicle, connection, webhook } = await seed(services, receiver.url);
    const bodies = Array.from({ length: DELIVERIES }, () => body(webhook.id, connection.applicationVehicleId, randomUUID()));

    // 1. Throughput: a backlog of signed deliveries drained by one worker.
    await services.repositories.transaction(async (trx) => {
      for (const payload of bodies) await trx.outbox.enqueueDelivery({ applicationId: application.id, webhookId: webhook.id, vehicleId: vehicle.id, eventType: 'CHARGING_STARTED', payload });
    });
    const sender = new CallbackSender(settings);
    const worker = new DeliveryWorker({ repositories: services.repositories, sender, settings, logger, now: () => new Date() });
    arrivals.clear();
    let started = performance.now();
    worker.start();
    while (arrivals.size < DELIVERIES) await sleep(2);
    const signedSeconds = (performance.now() - started) / 1000;

    arrivals.clear();
    started = performance.now();
    await plainPosts(receiver.url, bodies.map((payload) => JSON.stringify(payload)), CONCURRENCY);
    const plainSeconds = (performance.now() - started) / 1000;

    // 2. Latency: paced provider events through the intake (outbox transaction), the worker and the POST.
    const intake = new EventIntake({
      repositories: services.repositories,
      logger,
      maxHeldEvents: settings.intakeMaxHeldEvents,
      onEnqueued: () => {
        worker.notify();
      },
    });
    const emitted = new Map<string, number>();
    arrivals.clear();
    for (let index = 0; index < EVENTS; index += 1) {
      const eventId = `bench-${index}`;
      emitted.set(eventId, performance.now());
      intake.accept({ eventId, ref: { make: 'TESLA', mode: 'simulated', providerVehicleId: vehicle.providerVehicleId }, type: 'CHARGING_STARTED', occurredAt: new Date(), data: { index } });
      await sleep(1000 / EVENTS_PER_SECOND);
    }
    await intake.idle();
    while (arrivals.size < EVENTS) await sleep(2);
    // Delivered bodies carry Carport's event ids; map them back through the outbox's dedupe keys.
    const page = await services.repositories.outbox.listDeliveries({ applicationId: application.id, limit: DELIVERIES + EVENTS });
    const signedLatencies = page.items
      .filter((delivery) => delivery.dedupeKey !== null)
      .map((delivery) => (arrivals.get(delivery.id) ?? Number.NaN) - (emitted.get(delivery.dedupeKey?.split(':')[4] ?? '') ?? Number.NaN));
    await worker.stop();
    sender.close();

    const plainAgent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const plainLatencies: number[] = [];
    arrivals.clear();
    const inFlight: Promise<void>[] = [];
    for (let index = 0; index < EVENTS; index += 1) {
      const eventId = `plain-${index}`;
      const at = performance.now();
      const payload = JSON.stringify(body(webhook.id, connection.applicationVehicleId, eventId));
      inFlight.push(
        new Promise<void>((resolve, reject) => {
          const request = http.request(receiver.url, { method: 'POST', agent: plainAgent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (response) => {
            response.resume();
            response.on('end', () => {
              plainLatencies.push((arrivals.get(eventId) ?? Number.NaN) - at);
              resolve();
            });
          });
          request.on('error', reject);
          request.end(payload);
        }),
      );
      await sleep(1000 / EVENTS_PER_SECOND);
    }
    await Promise.all(inFlight);
    plainAgent.destroy();

    const engine = config.databaseUrl === undefined ? 'SQLite file' : 'PostgreSQL';
    const row = (label: string, signed: number, plain: number, digits: number) =>
      `${label.padEnd(34)}${signed.toFixed(digits).padStart(14)}${plain.toFixed(digits).padStart(16)}${(signed / plain).toFixed(2).padStart(10)}`;
    process.stdout.write(
      [
        `Carport webhook benchmark: ${engine}, worker concurrency ${CONCURRENCY}, ${DELIVERIES} deliveries, ${EVENTS} events at ${EVENTS_PER_SECOND}/s`,
        `${''.padEnd(34)}${'signed'.padStart(14)}${'plain POST'.padStart(16)}${'ratio'.padStart(10)}`,
        row('deliveries per second', DELIVERIES / signedSeconds, DELIVERIES / plainSeconds, 0),
        row('event-to-delivery p50 (ms)', percentile(signedLatencies, 0.5), percentile(plainLatencies, 0.5), 2),
        row('event-to-delivery p99 (ms)', percentile(signedLatencies, 0.99), percentile(plainLatencies, 0.99), 2),
        '',
      ].join('\n'),
    );
  } finally {
    await receiver.close();
    await services.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
