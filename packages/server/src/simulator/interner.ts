/**
 * @module Interning: a value shared by many vehicles (a model, a city, a make, a capability set) is
 * stored once and referred to by a small number, so a column of a fleet table can hold it.
 */

/** Numbers values by identity (or by value for strings), in order of first appearance. */
export class Interner<T> {
  readonly #ids = new Map<T, number>();
  readonly #values: T[] = [];

  /** The value's number, assigned on first sight. */
  id(value: T): number {
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.#values.length;
      this.#values.push(value);
      this.#ids.set(value, id);
    }
    return id;
  }

  /** The value numbered `id`. */
  value(id: number): T {
    if (id < 0 || id >= this.#values.length) throw new RangeError(`nothing interned as ${id}`);
    return this.#values[id] as T;
  }
}
