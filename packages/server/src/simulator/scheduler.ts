/**
 * @module The event scheduler: one queue of watched vehicles ordered by the time of their next
 * event, and one timer for the earliest. Each vehicle's events are looked ahead a few hours at a
 * time and emitted at their true simulated times; nothing runs per vehicle in between.
 */
import { eventsBetween, type SimulatorEvent } from './events.js';
import type { SimulatedFleet } from './fleet.js';
import { MinHeap } from './heap.js';
import { HOUR_MS } from './time.js';

/** One watched vehicle's progress. */
interface Watch {
  readonly key: string;
  /** Events up to here have been emitted. */
  cursor: number;
  /** Looked-ahead events not yet emitted, in time order, and how far the look-ahead reached. */
  pending: SimulatorEvent[];
  lookaheadUntil: number;
  /** Intervention version the look-ahead was computed with. */
  version: number;
  /** Key the heap holds for this watch (a stale heap entry is skipped). */
  due: number;
  active: boolean;
}

/** Options of {@link EventScheduler}. */
export interface SchedulerOptions {
  readonly fleet: SimulatedFleet;
  /** Receives every event, per vehicle in time order. */
  readonly emit: (event: SimulatorEvent) => void;
  /** How far ahead one look-ahead computes (simulated ms). */
  readonly horizonMs?: number;
}

/** Emits fleet events at their simulated times. Drive it with {@link EventScheduler.runUntil}. */
export class EventScheduler {
  readonly #fleet: SimulatedFleet;
  readonly #emit: (event: SimulatorEvent) => void;
  readonly #horizonMs: number;
  readonly #watches = new Map<string, Watch>();
  readonly #queue = new MinHeap<Watch>();

  constructor(options: SchedulerOptions) {
    this.#fleet = options.fleet;
    this.#emit = options.emit;
    this.#horizonMs = options.horizonMs ?? 6 * HOUR_MS;
  }

  /** Starts watching a registered vehicle from simulated `from` on (earlier events are not replayed). */
  watch(key: string, from: number): void {
    if (this.#watches.get(key)?.active === true) return;
    const watch: Watch = { key, cursor: from, pending: [], lookaheadUntil: from, version: -1, due: from, active: true };
    this.#watches.set(key, watch);
    this.#queue.push(from, watch);
  }

  unwatch(key: string): void {
    const watch = this.#watches.get(key);
    if (watch !== undefined) watch.active = false;
    this.#watches.delete(key);
  }

  isWatching(key: string): boolean {
    return this.#watches.has(key);
  }

  get watchedCount(): number {
    return this.#watches.size;
  }

  /** Reconsider a vehicle now (its interventions changed). */
  touch(key: string, now: number): void {
    const watch = this.#watches.get(key);
    if (watch === undefined || watch.due <= now) return;
    watch.due = now;
    this.#queue.push(watch.due, watch);
  }

  /** Simulated instant of the earliest due vehicle (infinity when none is watched). */
  nextDue(): number {
    return this.#queue.peekKey();
  }

  /** Emits every event up to simulated `now`; returns how many. */
  runUntil(now: number): number {
    let emitted = 0;
    while (this.#queue.peekKey() <= now) {
      const key = this.#queue.peekKey();
      const watch = this.#queue.pop();
      // Touching a vehicle queues it again; the older entry is stale once its key no longer matches.
      if (watch === undefined || !watch.active || watch.due !== key || this.#watches.get(watch.key) !== watch) continue;
      emitted += this.#process(watch, now);
      this.#queue.push(watch.due, watch);
    }
    return emitted;
  }

  #process(watch: Watch, now: number): number {
    const { version } = this.#fleet.interventions(watch.key);
    if (version !== watch.version) {
      // Interventions changed: what was looked ahead may no longer happen.
      watch.pending = [];
      watch.lookaheadUntil = watch.cursor;
      watch.version = version;
    }
    let emitted = 0;
    for (;;) {
      while (watch.pending.length > 0 && (watch.pending[0]?.occurredAt ?? Infinity) <= now) {
        const event = watch.pending.shift();
        if (event === undefined) break;
        this.#emit(event);
        emitted += 1;
      }
      if (watch.pending.length > 0 || watch.lookaheadUntil > now) break;
      const until = Math.max(now, watch.lookaheadUntil) + this.#horizonMs;
      watch.pending = eventsBetween(this.#fleet, watch.key, watch.lookaheadUntil, until);
      watch.lookaheadUntil = until;
    }
    watch.cursor = now;
    watch.due = watch.pending[0]?.occurredAt ?? watch.lookaheadUntil;
    return emitted;
  }
}
