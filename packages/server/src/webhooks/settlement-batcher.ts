/** @module Group commit for delivery outcomes: outcomes that arrive while one batch is being written are written together in the next. */

/** Writes a batch of items and answers, per item key, whether it took effect. */
export type BatchWriter<T> = (items: readonly T[]) => Promise<ReadonlySet<string>>;

interface Waiting<T> {
  readonly item: T;
  readonly resolve: (applied: boolean) => void;
  readonly reject: (error: unknown) => void;
}

/** When a batch is written. */
export interface BatchTiming {
  /** A batch is written this long after its first item arrived at the latest... */
  readonly lingerMs: number;
  /** ...or as soon as it holds this many items. */
  readonly maxItems: number;
}

/**
 * Collects items and writes them in batches, one write at a time: a batch is written `lingerMs`
 * after its first item arrived, or once it holds `maxItems`, and items arriving during a write
 * wait for it to end. Each write is a transaction, whose commit costs about as much as its
 * statements, so fewer, larger batches are what lets a busy worker keep up; the linger bounds the
 * delay an outcome waits. A failed batch is retried item by item, so one bad item does not fail
 * the others; an item that fails alone rejects its own promise.
 */
export class SettlementBatcher<T> {
  readonly #write: BatchWriter<T>;
  readonly #keyOf: (item: T) => string;
  readonly #onBatchError: (error: unknown, size: number) => void;
  readonly #timing: BatchTiming;
  #waiting: Waiting<T>[] = [];
  #writing = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(write: BatchWriter<T>, keyOf: (item: T) => string, onBatchError: (error: unknown, size: number) => void, timing: BatchTiming) {
    this.#write = write;
    this.#keyOf = keyOf;
    this.#onBatchError = onBatchError;
    this.#timing = timing;
  }

  /** Resolves once `item` is written: true if it took effect, false if not (its claim was lost). */
  add(item: T): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#writing || this.#waiting.length === 0) return;
    if (this.#waiting.length >= this.#timing.maxItems) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      void this.#drain();
    } else {
      this.#timer ??= setTimeout(() => {
        this.#timer = undefined;
        void this.#drain();
      }, this.#timing.lingerMs);
    }
  }

  async #drain(): Promise<void> {
    if (this.#writing) return;
    this.#writing = true;
    const batch = this.#waiting;
    this.#waiting = [];
    await this.#writeBatch(batch);
    this.#writing = false;
    this.#schedule();
  }

  async #writeBatch(batch: readonly Waiting<T>[]): Promise<void> {
    try {
      const applied = await this.#write(batch.map(({ item }) => item));
      for (const { item, resolve } of batch) resolve(applied.has(this.#keyOf(item)));
      return;
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      this.#onBatchError(error, batch.length);
    }
    for (const waiting of batch) await this.#writeBatch([waiting]);
  }
}
