/** @module The built-in prototypes' own properties, compared before and after a run to detect prototype pollution. */

const watched: Readonly<Record<string, object>> = {
  'Object.prototype': Object.prototype,
  'Array.prototype': Array.prototype,
  'Function.prototype': Function.prototype,
  'String.prototype': String.prototype,
};

/** `Object.prototype.toString` → its value, for every watched property. */
export type PrototypeSnapshot = ReadonlyMap<string, unknown>;

export function prototypeSnapshot(): PrototypeSnapshot {
  const snapshot = new Map<string, unknown>();
  for (const [name, prototype] of Object.entries(watched)) {
    for (const key of Reflect.ownKeys(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
      // Pollution assigns data properties; an accessor is recorded as present only.
      snapshot.set(`${name}.${String(key)}`, descriptor !== undefined && 'value' in descriptor ? descriptor.value : 'accessor');
    }
  }
  return snapshot;
}

/** What was added or replaced between two snapshots. */
export function prototypeChanges(before: PrototypeSnapshot, after: PrototypeSnapshot): string[] {
  const changes: string[] = [];
  for (const [key, value] of after) {
    if (!before.has(key)) changes.push(`${key} was added`);
    else if (before.get(key) !== value) changes.push(`${key} was replaced`);
  }
  return changes;
}
