/**
 * @module Delivers simulated events to the provider's listeners at their simulated times: one timer
 * for the fleet's earliest next event, and a poll of the intervention log for changes other
 * processes made (commands, plugs, clock advances). Runs only while someone listens.
 */
import { EventScheduler, FLEET_KEY, type InterventionLog, type SimulatorEvent } from '../../simulator/index.js';
import type { VehicleEventSink } from '../contract/index.js';
import type { FleetRuntime } from './fleet-runtime.js';
import { refOfKey } from './vehicle-keys.js';

/** Options of {@link EventPump}. */
export interface EventPumpOptions {
  readonly runtime: FleetRuntime;
  readonly log: InterventionLog;
  readonly realNow: () => number;
  /** Where events go: the provider's sink, which fans out to its subscribers. */
  readonly emit: VehicleEventSink;
  readonly onError: (error: unknown) => void;
  /** How often to look for other processes' interventions, ms (real). */
  readonly pollIntervalMs: number;
}

/** Never sleep longer than this: the clock may be advanced, or the log changed, meanwhile. */
const MAX_SLEEP_MS = 5_000;
const MIN_SLEEP_MS = 10;

export class EventPump {
  readonly #options: EventPumpOptions;
  readonly #scheduler: EventScheduler;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #tick: Promise<void> | undefined;
  #pollCursor: number;
  #lastPoll = 0;

  constructor(options: EventPumpOptions) {
    this.#options = options;
    this.#pollCursor = options.realNow();
    this.#scheduler = new EventScheduler({
      fleet: options.runtime.fleet,
      emit: (event) => {
        this.#deliver(event);
      },
    });
  }

  /** Starts watching a vehicle (from now on; past events are not replayed). */
  watch(key: string): void {
    if (this.#scheduler.isWatching(key)) return;
    this.#scheduler.watch(key, this.#options.runtime.clock.now());
    this.#reschedule();
  }

  /** Watches a vehicle from the simulated time `from`, replaying its events since then (same ids). */
  watchFrom(key: string, from: number): void {
    this.#scheduler.unwatch(key);
    this.#scheduler.watch(key, Math.min(from, this.#options.runtime.clock.now()));
    this.#reschedule();
  }

  /** Re-examines a vehicle whose interventions this process just changed. */
  touch(key: string): void {
    this.#scheduler.touch(key, this.#options.runtime.clock.now());
    this.#reschedule();
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#reschedule();
  }

  /** Stops the timer and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#tick;
  }

  #deliver(event: SimulatorEvent): void {
    const ref = refOfKey(event.vehicleKey);
    if (ref === undefined) return;
    this.#options.emit({ eventId: event.eventId, ref, type: event.type, occurredAt: new Date(event.occurredAt), data: event.data });
  }

  #reschedule(): void {
    if (!this.#running || this.#tick !== undefined) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const { clock } = this.#options.runtime;
    const untilDue = clock.realDelay(this.#scheduler.nextDue() - clock.now());
    const delay = Math.min(MAX_SLEEP_MS, this.#options.pollIntervalMs, Math.max(MIN_SLEEP_MS, untilDue));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#tick = this.#run().finally(() => {
        this.#tick = undefined;
        this.#reschedule();
      });
    }, delay);
    // The pump never keeps a process alive on its own.
    this.#timer.unref();
  }

  async #run(): Promise<void> {
    try {
      if (this.#options.realNow() - this.#lastPoll >= this.#options.pollIntervalMs) await this.#poll();
      this.#scheduler.runUntil(this.#options.runtime.clock.now());
    } catch (error) {
      this.#options.onError(error);
    }
  }

  /** Picks up interventions other processes recorded since the last poll. */
  async #poll(): Promise<void> {
    this.#lastPoll = this.#options.realNow();
    const changes = await this.#options.log.recordedSince(this.#pollCursor, 1_000);
    const keys = new Set<string>();
    for (const change of changes) {
      this.#pollCursor = Math.max(this.#pollCursor, change.recordedAt);
      if (change.vehicleKey !== FLEET_KEY && this.#scheduler.isWatching(change.vehicleKey)) keys.add(change.vehicleKey);
    }
    const { runtime } = this.#options;
    if (changes.some((change) => change.vehicleKey === FLEET_KEY)) await runtime.syncClock();
    for (const key of keys) {
      await runtime.sync(key);
      this.#scheduler.touch(key, runtime.clock.now());
    }
  }
}
