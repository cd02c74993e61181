/**
 * @module The event scheduler: watched vehicles on a timing wheel by the simulated minute of their
 * next event. Each vehicle's events are looked ahead a few hours at a time and emitted at their
 * true simulated times; nothing runs per vehicle in between. A watch is a row of numbers indexed by
 * the fleet's vehicle number; only looked-ahead events not yet emitted are objects.
 */
import { eventsBetween, type SimulatorEvent } from './events.js';
import type { SimulatedFleet } from './fleet.js';
import { Rows } from './rows.js';
import { HOUR_MS } from './time.js';
import { minuteOf, TimingWheel } from './timing-wheel.js';

/** Fields of a watch row, in order. */
const enum Watch {
  /** Events up to here have been emitted. */
  Cursor,
  /** How far the look-ahead reached. */
  LookaheadUntil,
  /** Intervention version the look-ahead was computed with. */
  Version,
  /** When the vehicle next needs attention. */
  Due,
  /** Counts the watches of this vehicle, so work for an earlier watch is not saved into a later one. */
  Generation,
  Width,
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
  readonly #watches = new Rows(Float64Array, Watch.Width);
  readonly #watched = new Rows(Uint8Array, 1);
  #watchedCount = 0;
  /** Looked-ahead events not yet emitted, in time order; only vehicles that have some are listed. */
  readonly #pending = new Map<number, SimulatorEvent[]>();
  readonly #wheel = new TimingWheel();

  constructor(options: SchedulerOptions) {
    this.#fleet = options.fleet;
    this.#emit = options.emit;
    this.#horizonMs = options.horizonMs ?? 6 * HOUR_MS;
  }

  /** Starts watching a registered vehicle from simulated `from` on (earlier events are not replayed). */
  watch(key: string, from: number): void {
    const row = this.#fleet.numberOf(key);
    if (row === undefined) throw new Error(`no simulated vehicle ${key}`);
    if (this.#isWatched(row)) return;
    this.#watches.ensure(row);
    this.#watched.ensure(row);
    const at = row * Watch.Width;
    const watches = this.#watches.data;
    watches[at + Watch.Cursor] = from;
    watches[at + Watch.LookaheadUntil] = from;
    watches[at + Watch.Version] = -1;
    watches[at + Watch.Due] = from;
    watches[at + Watch.Generation] = (watches[at + Watch.Generation] ?? 0) + 1;
    this.#watched.data[row] = 1;
    this.#watchedCount += 1;
    this.#pending.delete(row);
    this.#wheel.file(row, from);
  }

  unwatch(key: string): void {
    const row = this.#fleet.numberOf(key);
    if (row === undefined || !this.#isWatched(row)) return;
    this.#watched.data[row] = 0;
    this.#watchedCount -= 1;
    this.#pending.delete(row);
    this.#wheel.remove(row);
  }

  isWatching(key: string): boolean {
    const row = this.#fleet.numberOf(key);
    return row !== undefined && this.#isWatched(row);
  }

  get watchedCount(): number {
    return this.#watchedCount;
  }

  /** Reconsider a vehicle now (its interventions changed). */
  touch(key: string, now: number): void {
    const row = this.#fleet.numberOf(key);
    if (row === undefined || !this.#isWatched(row) || this.#due(row) <= now) return;
    this.#watches.data[row * Watch.Width + Watch.Due] = now;
    this.#wheel.file(row, now);
  }

  /** Simulated instant of the earliest due vehicle (infinity when none is watched). */
  nextDue(): number {
    const minute = this.#wheel.earliestMinute();
    if (minute === Number.POSITIVE_INFINITY) return minute;
    return this.#wheel.minimumOver(minute, (row) => this.#due(row));
  }

  /** Emits every event up to simulated `now`; returns how many. */
  runUntil(now: number): number {
    let emitted = 0;
    const notYet: number[] = [];
    const lastMinute = minuteOf(now);
    while (this.#wheel.earliestMinute() <= lastMinute) {
      const taken = this.#wheel.takeEarliest();
      if (taken === undefined) break;
      // Within a minute, vehicles go in the order of their due instants, as one queue would take them.
      const rows = taken.rows.sort((left, right) => this.#due(left) - this.#due(right));
      for (const row of rows) {
        // An event handler may have stopped watching it.
        if (!this.#isWatched(row)) continue;
        if (this.#due(row) > now) {
          notYet.push(row);
          continue;
        }
        emitted += this.#process(row, now);
        if (this.#isWatched(row)) this.#wheel.file(row, this.#due(row));
      }
    }
    // Filed again only now: they are in the current minute, which the loop above would otherwise take again.
    for (const row of notYet) if (this.#isWatched(row)) this.#wheel.file(row, this.#due(row));
    return emitted;
  }

  #isWatched(row: number): boolean {
    return this.#watched.data[row] === 1;
  }

  #due(row: number): number {
    return this.#watches.data[row * Watch.Width + Watch.Due] ?? Number.POSITIVE_INFINITY;
  }

  #process(row: number, now: number): number {
    const key = this.#fleet.keyOf(row);
    let watches = this.#watches.data;
    const at = row * Watch.Width;
    const generation = watches[at + Watch.Generation];
    const { version } = this.#fleet.interventions(key);
    let pending = this.#pending.get(row) ?? [];
    let lookaheadUntil = watches[at + Watch.LookaheadUntil] ?? now;
    if (version !== watches[at + Watch.Version]) {
      // Interventions changed: what was looked ahead may no longer happen.
      pending = [];
      lookaheadUntil = watches[at + Watch.Cursor] ?? now;
      watches[at + Watch.Version] = version;
    }
    let emitted = 0;
    let next = 0;
    for (;;) {
      while (next < pending.length && (pending[next]?.occurredAt ?? Infinity) <= now) {
        const event = pending[next];
        next += 1;
        if (event === undefined) break;
        this.#emit(event);
        emitted += 1;
      }
      if (next < pending.length || lookaheadUntil > now) break;
      const until = Math.max(now, lookaheadUntil) + this.#horizonMs;
      pending = eventsBetween(this.#fleet, key, lookaheadUntil, until);
      next = 0;
      lookaheadUntil = until;
    }
    const rest = next === 0 ? pending : pending.slice(next);
    // Event handlers may have watched other vehicles, growing (replacing) the rows.
    watches = this.#watches.data;
    // An event handler may have stopped watching it, or watched it again from another instant.
    if (!this.#isWatched(row) || watches[at + Watch.Generation] !== generation) return emitted;
    if (rest.length > 0) this.#pending.set(row, rest);
    else this.#pending.delete(row);
    watches[at + Watch.Cursor] = now;
    watches[at + Watch.LookaheadUntil] = lookaheadUntil;
    watches[at + Watch.Due] = rest[0]?.occurredAt ?? lookaheadUntil;
    return emitted;
  }
}
