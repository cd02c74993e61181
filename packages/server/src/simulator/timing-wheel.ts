/**
 * @module A timing wheel: vehicle numbers filed in buckets by the simulated minute they are due in,
 * and the occupied minutes in a small heap. A million watched vehicles cost one small integer each
 * in a bucket instead of a heap entry and an object apiece.
 */
import { MinHeap } from './heap.js';
import { Rows } from './rows.js';
import { MINUTE_MS } from './time.js';

/** The simulated minute containing `time` (minutes since the epoch). */
export const minuteOf = (time: number): number => Math.floor(time / MINUTE_MS);

/** Vehicle numbers by the minute they are due in; each number is filed in at most one bucket. */
export class TimingWheel {
  readonly #buckets = new Map<number, number[]>();
  readonly #minutes = new MinHeap<number>();
  /** The minute each vehicle is filed under (NaN: not filed); an entry elsewhere is stale. */
  readonly #filedIn = new Rows(Float64Array, 1, 1024, Number.NaN);

  /** Files vehicle `row` under the minute of `due` (moving it there if it was filed elsewhere). */
  file(row: number, due: number): void {
    this.#filedIn.ensure(row);
    const minute = minuteOf(due);
    if (this.#filedIn.data[row] === minute) return;
    this.#filedIn.data[row] = minute;
    let bucket = this.#buckets.get(minute);
    if (bucket === undefined) {
      bucket = [];
      this.#buckets.set(minute, bucket);
      this.#minutes.push(minute, minute);
    }
    bucket.push(row);
  }

  /** Takes vehicle `row` off the wheel. */
  remove(row: number): void {
    if (row < this.#filedIn.data.length) this.#filedIn.data[row] = Number.NaN;
  }

  /** Whether vehicle `row` is filed. */
  filed(row: number): boolean {
    return !Number.isNaN(this.#filedIn.data[row] ?? Number.NaN);
  }

  /** The earliest minute holding a vehicle, or infinity. */
  earliestMinute(): number {
    for (;;) {
      const minute = this.#minutes.peekKey();
      if (minute === Number.POSITIVE_INFINITY) return minute;
      const bucket = this.#buckets.get(minute);
      if (bucket !== undefined && bucket.some((row) => this.#filedIn.data[row] === minute)) return minute;
      this.#minutes.pop();
      this.#buckets.delete(minute);
    }
  }

  /** The vehicles of the earliest minute, taken off the wheel, with that minute; undefined when the wheel is empty. */
  takeEarliest(): { readonly minute: number; readonly rows: number[] } | undefined {
    const minute = this.earliestMinute();
    if (minute === Number.POSITIVE_INFINITY) return undefined;
    this.#minutes.pop();
    const bucket = this.#buckets.get(minute) ?? [];
    this.#buckets.delete(minute);
    const rows: number[] = [];
    for (const row of bucket) {
      if (this.#filedIn.data[row] !== minute) continue;
      this.#filedIn.data[row] = Number.NaN;
      rows.push(row);
    }
    return { minute, rows };
  }

  /** The smallest of `valueOf` over the vehicles filed under `minute` (infinity when none is). */
  minimumOver(minute: number, valueOf: (row: number) => number): number {
    let minimum = Number.POSITIVE_INFINITY;
    for (const row of this.#buckets.get(minute) ?? []) {
      if (this.#filedIn.data[row] === minute) minimum = Math.min(minimum, valueOf(row));
    }
    return minimum;
  }
}
