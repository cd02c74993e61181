/** @module Counters held in this process: exact for one process, and the default when no Redis is configured. */
import { bucketStep, quotaStep, type ConsumeOutcome, type CounterCheck, type CounterStore, type StepResult } from './counter-store.js';

interface Cell {
  value: number;
  /** After this instant the cell means nothing (a full bucket, a past period) and may be dropped. */
  expiresAtMs: number;
}

/** How many steps pass between sweeps of expired cells, so memory follows active keys only. */
const SWEEP_EVERY = 1_024;

/** A {@link CounterStore} in a Map; JavaScript's single thread makes each step atomic. */
export class MemoryCounterStore implements CounterStore {
  readonly #cells = new Map<string, Cell>();
  #steps = 0;

  consume(checks: readonly CounterCheck[], cost: number, nowMs: number): Promise<ConsumeOutcome> {
    this.#sweepNow(nowMs);
    const results: StepResult[] = checks.map((check) => {
      const cell = this.#cells.get(check.key);
      const stored = cell !== undefined && cell.expiresAtMs > nowMs ? cell.value : 0;
      return check.kind === 'bucket' ? bucketStep(check, stored, cost, nowMs) : quotaStep(check, stored, cost, nowMs);
    });
    const refusedIndex = results.findIndex((result) => !result.admitted);
    if (refusedIndex < 0) {
      checks.forEach((check, index) => {
        const next = results[index]?.next ?? 0;
        this.#cells.set(check.key, { value: next, expiresAtMs: check.kind === 'bucket' ? next : check.resetAtMs });
      });
    }
    return Promise.resolve({ refusedIndex, states: results.map((result) => result.state) });
  }

  close(): Promise<void> {
    this.#cells.clear();
    return Promise.resolve();
  }

  health(): 'ok' {
    return 'ok';
  }

  /** Number of cells held (tests check that expired ones go). */
  get size(): number {
    return this.#cells.size;
  }

  #sweepNow(nowMs: number): void {
    this.#steps += 1;
    if (this.#steps % SWEEP_EVERY !== 0) return;
    for (const [key, cell] of this.#cells) if (cell.expiresAtMs <= nowMs) this.#cells.delete(key);
  }
}
