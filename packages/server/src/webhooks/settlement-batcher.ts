/** @module Group commit for delivery outcomes: outcomes that arrive while one batch is being written are written together in the next. */

/** Writes a batch of items and answers, per item key, whether it took effect. */
export type BatchWriter<T> = (items: readonly T[]) => Promise<ReadonlySet<string>>;

interface Waiting<T> {
  readonly item: T;
  readonly resolve: (applied: boolean) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Collects items and writes them in batches, one write at a time: the first item is written on the
 * next turn of the event loop (with whatever else arrived by then), and items arriving during a
 * write wait for it to end and then go together. So a busy worker writes few large batches and an
 * idle one writes each outcome at once. A failed batch is retried item by item, so one bad item
 * does not fail the others; an item that fails alone rejects its own promise.
 */
export class SettlementBatcher<T> {
  readonly #write: BatchWriter<T>;
  readonly #keyOf: (item: T) => string;
  readonly #onBatchError: (error: unknown, size: number) => void;
  #waiting: Waiting<T>[] = [];
  #writing = false;

  constructor(write: BatchWriter<T>, keyOf: (item: T) => string, onBatchError: (error: unknown, size: number) => void) {
    this.#write = write;
    this.#keyOf = keyOf;
    this.#onBatchError = onBatchError;
  }

  /** Resolves once `item` is written: true if it took effect, false if not (its claim was lost). */
  add(item: T): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      if (!this.#writing) {
        this.#writing = true;
        setImmediate(() => {
          void this.#drain();
        });
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#waiting.length > 0) {
      const batch = this.#waiting;
      this.#waiting = [];
      await this.#writeBatch(batch);
    }
    this.#writing = false;
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
