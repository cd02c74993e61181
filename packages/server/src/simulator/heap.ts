/** @module A binary min-heap keyed by number: the event scheduler's queue of vehicles by next due time. */

/** Items with the smallest key come out first. */
export class MinHeap<T> {
  readonly #keys: number[] = [];
  readonly #items: T[] = [];

  get size(): number {
    return this.#items.length;
  }

  push(key: number, item: T): void {
    this.#keys.push(key);
    this.#items.push(item);
    let index = this.#items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if ((this.#keys[parent] ?? 0) <= key) break;
      this.#swap(index, parent);
      index = parent;
    }
  }

  /** The smallest key, or infinity when empty. */
  peekKey(): number {
    return this.#keys[0] ?? Number.POSITIVE_INFINITY;
  }

  pop(): T | undefined {
    const top = this.#items[0];
    const lastKey = this.#keys.pop();
    const lastItem = this.#items.pop();
    if (this.#items.length === 0 || lastKey === undefined || lastItem === undefined) return top;
    this.#keys[0] = lastKey;
    this.#items[0] = lastItem;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < this.#keys.length && (this.#keys[left] ?? 0) < (this.#keys[smallest] ?? 0)) smallest = left;
      if (right < this.#keys.length && (this.#keys[right] ?? 0) < (this.#keys[smallest] ?? 0)) smallest = right;
      if (smallest === index) return top;
      this.#swap(index, smallest);
      index = smallest;
    }
  }

  #swap(a: number, b: number): void {
    const key = this.#keys[a] ?? 0;
    this.#keys[a] = this.#keys[b] ?? 0;
    this.#keys[b] = key;
    const item = this.#items[a] as T;
    this.#items[a] = this.#items[b] as T;
    this.#items[b] = item;
  }
}
