/**
 * @module Values an operation's own JSON Schemas describe (the subset the OpenAPI document uses:
 * types, enums, `anyOf`, patterns, lengths, ranges, arrays and objects), with a hook that lets a
 * named field draw real values instead, such as the ids of seeded vehicles.
 */
import fc from 'fast-check';

/** A JSON Schema as the OpenAPI document holds it. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** Values worth trying for a field of this name, or undefined to use its schema alone. */
export type FieldHints = (name: string) => fc.Arbitrary<unknown> | undefined;

export function isSchema(value: unknown): value is JsonSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const numberOf = (schema: JsonSchema, key: string): number | undefined => (typeof schema[key] === 'number' ? schema[key] : undefined);
const schemasOf = (value: unknown): JsonSchema[] => (Array.isArray(value) ? value.filter(isSchema) : []);

/** Building an arbitrary from a pattern parses the pattern; each is built once. */
const patternArbitraries = new Map<string, fc.Arbitrary<string>>();

function matching(pattern: string): fc.Arbitrary<string> {
  let arbitrary = patternArbitraries.get(pattern);
  if (arbitrary === undefined) {
    arbitrary = fc.stringMatching(new RegExp(pattern));
    patternArbitraries.set(pattern, arbitrary);
  }
  return arbitrary;
}

/** Text the schema accepts; a pattern is honoured, lengths are kept short unless the schema needs more. */
function text(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = numberOf(schema, 'minLength') ?? 0;
  const maxLength = Math.max(minLength, Math.min(numberOf(schema, 'maxLength') ?? minLength + 40, minLength + 200));
  if (typeof schema.pattern === 'string') {
    return matching(schema.pattern).filter((value) => value.length >= minLength && value.length <= (numberOf(schema, 'maxLength') ?? Infinity));
  }
  return fc.string({ unit: 'grapheme', minLength, maxLength });
}

function integer(schema: JsonSchema): fc.Arbitrary<number> {
  const exclusiveMinimum = numberOf(schema, 'exclusiveMinimum');
  const exclusiveMaximum = numberOf(schema, 'exclusiveMaximum');
  const min = Math.ceil(numberOf(schema, 'minimum') ?? (exclusiveMinimum === undefined ? -1_000_000 : exclusiveMinimum + 1));
  const max = Math.floor(numberOf(schema, 'maximum') ?? (exclusiveMaximum === undefined ? Math.max(min, 0) + 1_000_000 : exclusiveMaximum - 1));
  return fc.integer({ min, max: Math.max(min, max) });
}

function decimal(schema: JsonSchema): fc.Arbitrary<number> {
  const exclusiveMinimum = numberOf(schema, 'exclusiveMinimum');
  const exclusiveMaximum = numberOf(schema, 'exclusiveMaximum');
  const min = numberOf(schema, 'minimum') ?? exclusiveMinimum ?? -1_000_000;
  const max = numberOf(schema, 'maximum') ?? exclusiveMaximum ?? Math.max(min, 0) + 1_000_000;
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true, minExcluded: exclusiveMinimum !== undefined, maxExcluded: exclusiveMaximum !== undefined });
}

function array(schema: JsonSchema, hints: FieldHints, name: string): fc.Arbitrary<unknown[]> {
  const items = isSchema(schema.items) ? valueOf(schema.items, hints, name) : fc.jsonValue({ maxDepth: 2 });
  const minLength = numberOf(schema, 'minItems') ?? 0;
  const maxLength = Math.max(minLength, Math.min(numberOf(schema, 'maxItems') ?? minLength + 4, minLength + 8));
  return schema.uniqueItems === true ? fc.uniqueArray(items, { minLength, maxLength, selector: (item) => JSON.stringify(item) }) : fc.array(items, { minLength, maxLength });
}

function object(schema: JsonSchema, hints: FieldHints): fc.Arbitrary<Record<string, unknown>> {
  const properties = isSchema(schema.properties) ? Object.entries(schema.properties).filter((entry): entry is [string, JsonSchema] => isSchema(entry[1])) : [];
  const required = Array.isArray(schema.required) ? schema.required.filter((key): key is string => typeof key === 'string') : [];
  const model = Object.fromEntries(properties.map(([key, property]) => [key, valueOf(property, hints, key)]));
  return fc.record(model, { requiredKeys: required.filter((key) => key in model) });
}

/** Values `schema` accepts (most of the time: a hint may offer near misses on purpose). */
export function valueOf(schema: JsonSchema, hints: FieldHints, name = ''): fc.Arbitrary<unknown> {
  const hinted = hints(name);
  const plain = plainValueOf(schema, hints, name);
  return hinted === undefined ? plain : fc.oneof({ weight: 3, arbitrary: hinted }, { weight: 1, arbitrary: plain });
}

function plainValueOf(schema: JsonSchema, hints: FieldHints, name: string): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...(schema.enum as unknown[]));
  if ('const' in schema) return fc.constant(schema.const);
  const branches = [...schemasOf(schema.anyOf), ...schemasOf(schema.oneOf)];
  if (branches.length > 0) return fc.oneof(...branches.map((branch) => plainValueOf(branch, hints, name)));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const arbitraries = types.map((type): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'string':
        return text(schema);
      case 'integer':
        return integer(schema);
      case 'number':
        return decimal(schema);
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return array(schema, hints, name);
      case 'object':
        return object(schema, hints);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  });
  return arbitraries.length === 1 && arbitraries[0] !== undefined ? arbitraries[0] : fc.oneof(...arbitraries);
}
