/**
 * @module JSON text built from a tree rather than by `JSON.stringify`, so a fuzzed body can carry what
 * a JavaScript object cannot: number tokens such as `1e309`, duplicate keys, and own `__proto__` keys.
 */

/** A JSON value; objects are entry lists so keys may repeat and `__proto__` stays an ordinary key. */
export type JsonTree =
  | { readonly kind: 'raw'; readonly text: string }
  | { readonly kind: 'array'; readonly items: readonly JsonTree[] }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, JsonTree])[] };

/** A number token written as is, e.g. `1e309` or `-0`, which `JSON.stringify` would rewrite. */
export function rawNumber(text: string): JsonTree {
  return { kind: 'raw', text };
}

/** A plain JavaScript value (as a schema arbitrary produces it) as a tree. */
export function treeOf(value: unknown): JsonTree {
  if (Array.isArray(value)) return { kind: 'array', items: value.map(treeOf) };
  if (value !== null && typeof value === 'object') return { kind: 'object', entries: Object.entries(value).map(([key, item]) => [key, treeOf(item)] as const) };
  // Non-finite numbers and undefined have no JSON form; `JSON.stringify` would silently write null.
  if (typeof value === 'number' && !Number.isFinite(value)) return rawNumber(Number.isNaN(value) ? 'NaN' : value > 0 ? '1e999' : '-1e999');
  return { kind: 'raw', text: JSON.stringify(value) ?? 'null' };
}

/** The tree as JSON text (or, for the raw tokens chosen to be so, as almost-JSON). */
export function jsonText(tree: JsonTree): string {
  switch (tree.kind) {
    case 'raw':
      return tree.text;
    case 'array':
      return `[${tree.items.map(jsonText).join(',')}]`;
    case 'object':
      return `{${tree.entries.map(([key, item]) => `${JSON.stringify(key)}:${jsonText(item)}`).join(',')}}`;
  }
}
