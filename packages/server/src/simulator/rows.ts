/**
 * @module Fixed-width rows in typed arrays, one row per vehicle number: a fleet keeps its
 * per-vehicle numbers outside the garbage-collected heap, where a million vehicles cost a few
 * hundred bytes each instead of kilobytes of objects and boxed numbers.
 */

/** A typed array kind a row store can use. */
type TypedArray = Float64Array | Int32Array | Uint16Array | Uint8Array;
type TypedArrayConstructor<T extends TypedArray> = new (length: number) => T;

/** A growing table of `width` numbers per row, addressed as `row * width + field`. */
export class Rows<T extends TypedArray> {
  #data: T;
  #capacity: number;

  constructor(
    private readonly kind: TypedArrayConstructor<T>,
    readonly width: number,
    initialRows = 1024,
    /** The value every field of a new row holds. */
    private readonly blank = 0,
  ) {
    this.#capacity = Math.max(1, initialRows);
    this.#data = this.#allocate(this.#capacity);
  }

  /** The backing array (replaced when the table grows: read it again after {@link ensure}). */
  get data(): T {
    return this.#data;
  }

  /** Makes room for rows up to `row` inclusive. */
  ensure(row: number): void {
    if (row < this.#capacity) return;
    let capacity = this.#capacity;
    // Grows by half again rather than doubling: a million-vehicle fleet must not briefly need twice its table.
    while (capacity <= row) capacity = Math.ceil(capacity * 1.5) + 1024;
    const grown = this.#allocate(capacity);
    grown.set(this.#data);
    this.#data = grown;
    this.#capacity = capacity;
  }

  #allocate(rows: number): T {
    const data = new this.kind(rows * this.width);
    if (this.blank !== 0) data.fill(this.blank);
    return data;
  }
}
