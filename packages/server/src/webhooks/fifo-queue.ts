/** @module A first-in first-out queue whose `shift` does not move the items behind it (an outage can leave a hundred thousand of them waiting). */

/** Items in arrival order; `shift` takes the oldest. */
export class FifoQueue<T> {
  #items: (T | undefined)[] = [];
  #head = 0;

  get size(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  /** Removes and returns the oldest item, or undefined when empty. */
  shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined;
    this.#head += 1;
    // Array.prototype.shift copies every item behind; compacting only once half the array is spent keeps each shift O(1) on average.
    if (this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  /** Empties the queue; returns how many items it held. */
  clear(): number {
    const count = this.size;
    this.#items = [];
    this.#head = 0;
    return count;
  }
}
