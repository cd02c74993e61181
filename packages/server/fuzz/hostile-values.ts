/**
 * @module The hostile inputs mixed into every operation's requests: wrong types, numbers JSON cannot
 * hold, NUL and control characters, very long and unusual Unicode text, prototype keys, malformed
 * JSON and content types the route does not take.
 */
import fc from 'fast-check';
import { rawNumber, type JsonTree } from './json-text.js';

/** Text chosen because parsers, databases, loggers and HTML writers have each tripped on it somewhere. */
const notableStrings = [
  '', ' ', '0', '-1', '1.5', 'true', 'null', 'undefined', 'NaN', 'Infinity', '-Infinity', '1e309', '-1e309', '0x1F',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  '\u0000', 'a\u0000b', '\u0001\u001f\u007f', '\r\n', 'a\r\nSet-Cookie: x=1', '\t', '\u2028\u2029', '\ufeff', '\u202e', '\ud800', '\udfff',
  'é', 'ß', 'İ', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '👩‍👩‍👧‍👦', 'ﷺ', '\u0301\u0301\u0301', '中文', 'العربية',
  '../../../../etc/passwd', '%00', '%', '%zz', '%C0%AE', '%ED%A0%80', '%FF', '/', '//', '\\', '?', '#', '&', '=', ';',
  "' OR '1'='1", '"; DROP TABLE connections; --', '<script>alert(1)</script>', '{{7*7}}', '${jndi:ldap://127.0.0.1/x}', '*', '%s%s%n',
  'Bearer', 'Basic', 'default:', ':', '[object Object]',
] as const;

/** Number tokens beyond what a double holds, or at its edges, written as the client sent them. */
export const hostileNumberTokens = [
  '1e309', '-1e309', '1E400', '1e-400', '-0', '0.0', '9007199254740993', '-9007199254740993', '123456789012345678901234567890',
  '1.7976931348623157e308', '5e-324', '0.1', '-1', '2147483648', '4294967296', '1e21', '0e0',
] as const;

/** Long text built from one unit, e.g. a million NUL characters. */
const longText = (lengths: readonly number[]): fc.Arbitrary<string> =>
  fc.constantFrom(...lengths).chain((length) => fc.constantFrom('a', '\u0000', 'é', '%', '/', '😀').map((unit) => unit.repeat(Math.ceil(length / unit.length))));

function hostileText(long: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...notableStrings) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 64 }) },
    { weight: 1, arbitrary: fc.constantFrom(...hostileNumberTokens) },
    { weight: 1, arbitrary: long },
  );
}

/** Any hostile text for a body: long enough to hurt a regex, an index or a log line; one is over Fastify's 1 MiB body limit. */
export const hostileString: fc.Arbitrary<string> = hostileText(longText([10_000, 100_000, 1_100_000]));

/**
 * Hostile text for a URL or a header. Node's HTTP parser refuses a request head over 16 KB before
 * Carport sees it (`app.inject` has no such limit), so longer text here would test nothing real.
 */
export const hostileUrlString: fc.Arbitrary<string> = hostileText(longText([500, 2_000]));

/** A JSON leaf of the wrong kind for wherever it lands. */
export const hostileLeaf: fc.Arbitrary<JsonTree> = fc.oneof(
  fc.constantFrom(...hostileNumberTokens).map(rawNumber),
  hostileString.map((text): JsonTree => ({ kind: 'raw', text: JSON.stringify(text) })),
  fc.constantFrom<JsonTree>(
    { kind: 'raw', text: 'true' },
    { kind: 'raw', text: 'false' },
    { kind: 'raw', text: 'null' },
    { kind: 'array', items: [] },
    { kind: 'object', entries: [] },
    { kind: 'array', items: [{ kind: 'raw', text: '1' }, { kind: 'raw', text: '"a"' }] },
  ),
  fc.integer({ min: 2, max: 300 }).map((depth) => nested(depth)),
);

/** An array nested `depth` deep: recursive validators and serialisers overflow their stacks on it. */
function nested(depth: number): JsonTree {
  let tree: JsonTree = { kind: 'raw', text: '1' };
  for (let level = 0; level < depth; level += 1) tree = level % 2 === 0 ? { kind: 'array', items: [tree] } : { kind: 'object', entries: [['a', tree]] };
  return tree;
}

/** What a prototype-pollution attempt adds to an object. */
export const pollutingEntries: fc.Arbitrary<readonly [string, JsonTree]> = fc.constantFrom<readonly [string, JsonTree]>(
  ['__proto__', { kind: 'object', entries: [['fuzzPolluted', { kind: 'raw', text: '"yes"' }]] }],
  ['__proto__', { kind: 'object', entries: [['toString', { kind: 'raw', text: '"not a function"' }]] }],
  ['constructor', { kind: 'object', entries: [['prototype', { kind: 'object', entries: [['fuzzPolluted', { kind: 'raw', text: '"yes"' }]] }]] }],
  ['prototype', { kind: 'object', entries: [['fuzzPolluted', { kind: 'raw', text: '"yes"' }]] }],
  ['hasOwnProperty', { kind: 'raw', text: '1' }],
);

/** Bodies that are not JSON, or not the JSON anyone expects. */
export const malformedJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '{', '}', '[', '{"a":}', '{"a" 1}', "{'a': 1}", '{a: 1}', '{"a": 1,}', '[1,]', 'nul', 'tru', '01', '1.', '.5', '+1', '0x10', 'NaN', 'Infinity', '-Infinity',
    '{"a": 1} trailing', '\ufeff{}', '\u0000', '"\u0000"', '{"a": "\u0000"}', '"unterminated', '"\\ud800"', '"\\u00"', '/* comment */ {}', '{} {}', '[]', '""', '1', 'null', 'true',
    '{"a": 1e309}', '[-1e309]', '{"a": 1, "a": 2}',
  ),
  fc.integer({ min: 1_000, max: 200_000 }).map((depth) => '['.repeat(depth)),
  fc.integer({ min: 1_000, max: 200_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.integer({ min: 1_000, max: 200_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

/** Content types a JSON route does not take, or takes only when read generously. */
export const contentTypes: fc.Arbitrary<string> = fc.constantFrom(
  'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json; charset=latin1', 'application/vnd.api+json', 'application/json;',
  'text/plain', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=fuzz', 'application/xml', 'application/octet-stream',
  '', ';;;', 'application/', '*/*', 'application/json, text/plain',
);

type Rewrite = 'replace' | 'pollute' | 'extra' | 'duplicate' | 'wrap';

function nodeCount(tree: JsonTree): number {
  if (tree.kind === 'array') return 1 + tree.items.reduce((sum, item) => sum + nodeCount(item), 0);
  if (tree.kind === 'object') return 1 + tree.entries.reduce((sum, [, item]) => sum + nodeCount(item), 0);
  return 1;
}

/** Applies `change` to the node at pre-order position `target`. */
function rewriteAt(tree: JsonTree, target: number, change: (node: JsonTree) => JsonTree): JsonTree {
  let position = 0;
  const visit = (node: JsonTree): JsonTree => {
    if (position++ === target) return change(node);
    if (node.kind === 'array') return { kind: 'array', items: node.items.map(visit) };
    if (node.kind === 'object') return { kind: 'object', entries: node.entries.map(([key, item]) => [key, visit(item)] as const) };
    return node;
  };
  return visit(tree);
}

/** A well-formed body with one hostile change: a wrong-typed value, a prototype key, an extra or repeated key, or a wrapping array. */
export function hostileVariantOf(tree: JsonTree): fc.Arbitrary<JsonTree> {
  return fc
    .tuple(fc.nat({ max: nodeCount(tree) - 1 }), fc.constantFrom<Rewrite>('replace', 'pollute', 'pollute', 'extra', 'duplicate', 'wrap'), hostileLeaf, pollutingEntries, hostileString)
    .map(([target, how, leaf, polluting, key]) =>
      rewriteAt(tree, target, (node): JsonTree => {
        const entries = node.kind === 'object' ? node.entries : [];
        switch (how) {
          case 'replace':
            return leaf;
          case 'pollute':
            return { kind: 'object', entries: [...entries, polluting] };
          case 'extra':
            return node.kind === 'object' ? { kind: 'object', entries: [...entries, [key, leaf]] } : leaf;
          case 'duplicate': {
            const first = entries[0];
            return first === undefined ? leaf : { kind: 'object', entries: [...entries, [first[0], leaf]] };
          }
          case 'wrap':
            return { kind: 'array', items: [node] };
        }
      }),
    );
}
