/**
 * @module The event intake through a database outage, on repositories whose vehicle lookup fails as
 * scripted: events are held in order and recorded once the database answers, the wait between tries
 * doubles up to 5 s, the bound drops the oldest, each fact is logged once, providers are asked to
 * report events again on recovery, and an event that fails for another reason does not block the rest.
 */
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import type { VehicleEvent } from '../../src/providers/vehicle-provider.js';
import { createRepositories, migrateToLatest, openDatabase, type Repositories, type Store } from '../../src/store/index.js';
import { EventIntake, type EventIntakeDeps } from '../../src/webhooks/event-intake.js';
import { CapturedLog, tickingClock } from '../helpers/test-app.js';
import { createTestClock, testSecretKey, type TestClock } from '../store/fixtures.js';
import { webhookPermissions } from './webhook-app.js';
import { seedWorld, type SeededWorld } from '../helpers/test-world.js';

/** What pg reports when nothing listens at the database's address. */
function connectionRefused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
}

/** The outcome of each coming vehicle lookup: an error to throw, or undefined to answer from the database. */
type Script = (Error | undefined)[];

describe('event intake through a database outage', () => {
  let store: Store;
  let repositories: Repositories;
  let seeded: SeededWorld;
  let log: CapturedLog;
  let arrivals: TestClock;
  /** Lookups follow the script first, then `down` decides. */
  let script: Script;
  let down: boolean;
  let waits: number[];
  let resumes: Date[];

  beforeEach(async () => {
    store = await openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: tmpdir() });
    await migrateToLatest(store);
    // Each write a millisecond later than the one before, so the outbox's order is the order of writes.
    repositories = createRepositories(store, { secretKey: testSecretKey, clock: tickingClock() });
    seeded = await seedWorld(repositories, { permissions: webhookPermissions });
    const webhook = await repositories.webhooks.create({ applicationId: seeded.applicationId, name: 'Outage', callbackUrl: 'https://receiver.example/hooks', kind: 'eventBased', mode: 'simulated', config: { eventTypes: ['DTC_ACTIVATED'] } });
    await repositories.webhooks.markVerified(webhook.id);
    await repositories.subscriptions.subscribe(webhook.id, seeded.connection.id);
    log = new CapturedLog();
    arrivals = createTestClock('2026-11-22T10:00:00.000Z');
    script = [];
    down = false;
    waits = [];
    resumes = [];
  });
  afterEach(async () => {
    await store.close();
  });

  function buildIntake(overrides: Partial<EventIntakeDeps> = {}): EventIntake {
    const vehicles: Repositories['vehicles'] = {
      ...repositories.vehicles,
      findByProviderVehicle: (...args) => {
        const scripted = script.shift();
        if (scripted !== undefined) return Promise.reject(scripted);
        return down ? Promise.reject(connectionRefused()) : repositories.vehicles.findByProviderVehicle(...args);
      },
    };
    return new EventIntake({
      repositories: { ...repositories, vehicles },
      logger: createLogger('info', log.stream),
      maxHeldEvents: 100,
      now: arrivals,
      resumeEvents: (since) => {
        resumes.push(since);
        return Promise.resolve();
      },
      // Waits are recorded, not waited for; yielding to the event loop still lets events arrive in between.
      pause: (ms) => {
        waits.push(ms);
        return new Promise((resolve) => setImmediate(resolve));
      },
      ...overrides,
    });
  }

  /** Accepts event `dtc-<index>`, one second of arrival time after the previous one. */
  function accept(intake: EventIntake, index: number): void {
    arrivals.advance(1_000);
    const event: VehicleEvent = { eventId: `dtc-${index}`, ref: { make: 'TESLA', mode: 'simulated', providerVehicleId: seeded.vehicle.providerVehicleId }, type: 'DTC_ACTIVATED', occurredAt: arrivals(), data: { index } };
    intake.accept(event);
  }

  /** The provider event ids in the outbox, in the order they were written. */
  async function recordedEventIds(): Promise<string[]> {
    const rows = await store.db.selectFrom('outbox_events').select('dedupe_key').orderBy('created_at').execute();
    return rows.map((row) => (row.dedupe_key ?? '').split(':')[4] ?? '');
  }

  /** The intake's log lines without the fields every line carries (time, process, service). */
  function intakeLines(): Record<string, unknown>[] {
    return log.lines
      .filter((line) => String(line.msg).startsWith('webhook intake'))
      .map((line) => Object.fromEntries(Object.entries(line).filter(([key]) => !['time', 'pid', 'hostname', 'service'].includes(key))));
  }

  const refusedError: unknown = expect.objectContaining({ type: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:5432', code: 'ECONNREFUSED' });

  it('holds events while the database refuses them and records them in arrival order once it answers, waiting 200 ms doubling up to 5 s', async () => {
    const intake = buildIntake();
    script = Array.from({ length: 8 }, connectionRefused);
    for (let index = 0; index < 5; index += 1) accept(intake, index);
    const firstArrival = new Date('2026-11-22T10:00:01.000Z');
    await intake.idle();

    expect(await recordedEventIds()).toEqual(['dtc-0', 'dtc-1', 'dtc-2', 'dtc-3', 'dtc-4']);
    expect(waits).toEqual([200, 400, 800, 1_600, 3_200, 5_000, 5_000, 5_000]);
    expect(resumes).toEqual([firstArrival]);
    expect(intakeLines()).toEqual([
      { level: 40, err: refusedError, heldEvents: 5, msg: 'webhook intake cannot reach the database; holding vehicle events in memory until it recovers' },
      { level: 30, heldEvents: 5, droppedEvents: 0, durationMs: expect.any(Number) as unknown, msg: 'webhook intake recorded the vehicle events it held during a database outage' },
    ]);
    expect(intake.health()).toEqual({ status: 'ok', heldEvents: 0, droppedEvents: 0 });
  });

  it('holds at most maxHeldEvents while the database is down, dropping the oldest waiting ones, and says so once', async () => {
    const intake = buildIntake({ maxHeldEvents: 3 });
    down = true;
    accept(intake, 0);
    await expect.poll(() => intake.health().status).toBe('degraded');
    for (let index = 1; index <= 6; index += 1) accept(intake, index);
    // dtc-0 is being tried; dtc-5 and dtc-6 wait behind it; dtc-1 to dtc-4 made room.
    expect(intake.health()).toEqual({ status: 'degraded', heldEvents: 3, droppedEvents: 4 });
    expect(resumes).toEqual([]);

    down = false;
    await intake.idle();
    expect(await recordedEventIds()).toEqual(['dtc-0', 'dtc-5', 'dtc-6']);
    // From the arrival of dtc-0: the dropped events arrived after it, and providers report them again.
    expect(resumes).toEqual([new Date('2026-11-22T10:00:01.000Z')]);
    expect(intakeLines()).toEqual([
      { level: 40, err: refusedError, heldEvents: 1, msg: 'webhook intake cannot reach the database; holding vehicle events in memory until it recovers' },
      { level: 40, maxHeldEvents: 3, msg: 'webhook intake holds as many vehicle events as it may; dropping the oldest, which providers report again once the database recovers' },
      { level: 30, heldEvents: 7, droppedEvents: 4, durationMs: expect.any(Number) as unknown, msg: 'webhook intake recorded the vehicle events it held during a database outage' },
    ]);
    expect(intake.health()).toEqual({ status: 'ok', heldEvents: 0, droppedEvents: 0 });
  });

  it('bounds nothing while the database answers (a resume may report more events at once than the bound)', async () => {
    const intake = buildIntake({ maxHeldEvents: 2 });
    for (let index = 0; index < 6; index += 1) accept(intake, index);
    expect(intake.health()).toEqual({ status: 'ok', heldEvents: 6, droppedEvents: 0 });
    await intake.idle();
    expect(await recordedEventIds()).toEqual(['dtc-0', 'dtc-1', 'dtc-2', 'dtc-3', 'dtc-4', 'dtc-5']);
    expect(intakeLines()).toEqual([]);
    expect(resumes).toEqual([]);
  });

  it('gives up on an event that fails for another reason after three tries and records the ones behind it', async () => {
    const intake = buildIntake();
    const bug = new Error('column "payload" is of type jsonb but expression is of type integer');
    script = [undefined, bug, bug, bug];
    for (let index = 0; index < 3; index += 1) accept(intake, index);
    await intake.idle();

    expect(await recordedEventIds()).toEqual(['dtc-0', 'dtc-2']);
    expect(waits).toEqual([200, 400]);
    const bugError: unknown = expect.objectContaining({ message: bug.message });
    expect(intakeLines()).toEqual([
      { level: 50, err: bugError, eventId: 'dtc-1', eventType: 'DTC_ACTIVATED', attempt: 1, msg: 'webhook intake failed to record a vehicle event; retrying' },
      { level: 50, err: bugError, eventId: 'dtc-1', eventType: 'DTC_ACTIVATED', attempt: 2, msg: 'webhook intake failed to record a vehicle event; retrying' },
      { level: 50, err: bugError, eventId: 'dtc-1', eventType: 'DTC_ACTIVATED', attempt: 3, msg: 'webhook intake gave up on a vehicle event' },
    ]);
    expect(resumes).toEqual([]);
  });

  it('tries the resume again while the database still refuses it', async () => {
    let refusals = 2;
    const intake = buildIntake({
      resumeEvents: (since) => {
        resumes.push(since);
        return refusals-- > 0 ? Promise.reject(connectionRefused()) : Promise.resolve();
      },
    });
    script = [connectionRefused()];
    accept(intake, 0);
    await intake.idle();
    expect(await recordedEventIds()).toEqual(['dtc-0']);
    const firstArrival = new Date('2026-11-22T10:00:01.000Z');
    expect(resumes).toEqual([firstArrival, firstArrival, firstArrival]);
    expect(waits).toEqual([200, 200, 400]);
  });

  it('gives up what it holds when stopped during an outage, with one warning, and asks for no resume', async () => {
    // The real waits: stopping must cut one short.
    const intake = buildIntake({ pause: undefined });
    down = true;
    for (let index = 0; index < 3; index += 1) accept(intake, index);
    await expect.poll(() => intake.health().status).toBe('degraded');
    const started = performance.now();
    await intake.stop();
    expect(performance.now() - started).toBeLessThan(1_000);

    expect(await recordedEventIds()).toEqual([]);
    expect(resumes).toEqual([]);
    expect(intakeLines()).toEqual([
      { level: 40, err: refusedError, heldEvents: 3, msg: 'webhook intake cannot reach the database; holding vehicle events in memory until it recovers' },
      { level: 40, err: refusedError, abandonedEvents: 3, droppedEvents: 0, msg: 'webhook intake stopped before the database recovered; the next start has providers report the events it held again' },
    ]);
    expect(intake.health()).toEqual({ status: 'ok', heldEvents: 0, droppedEvents: 0 });
  });
});
