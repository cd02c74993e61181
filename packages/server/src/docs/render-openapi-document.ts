/**
 * @module The OpenAPI 3.1 document of Carport's API, rendered from the operation declarations alone:
 * a pure function of the public URL and the parts an instance serves, with no app, store or I/O.
 * `/openapi.json`, the `/docs` page and `docs/openapi.json` are all this function's output.
 */
import type { TSchema } from '@sinclair/typebox';
import { servedOperations, sharedSchemas, type OperationDefinition, type OperationSchema, type ServedParts } from '../catalog/operations/index.js';

/** A JSON value as the document holds it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Version of Carport's public API description (the API itself is Smartcar v2.0 compatible). */
export const apiDocumentVersion = '2.0.0';

const componentsPath = '#/components/schemas/';
const jsonMediaType = 'application/json';
const defaultResponseDescription = 'Default Response';

const securitySchemes: JsonObject = {
  vehicleAccessToken: { type: 'http', scheme: 'bearer', description: 'Access token from POST /oauth/token' },
  managementToken: { type: 'http', scheme: 'basic', description: 'Basic base64("default:" + management token)' },
  clientCredentials: { type: 'http', scheme: 'basic', description: 'Basic base64(client_id:client_secret)' },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A schema as OpenAPI 3.1 states it: TypeBox's symbols and `undefined` fields dropped, `$id` left to
 * the component's name, references to shared schemas pointing at the components, and a literal's
 * `const` and a record's `patternProperties` stated as the `enum` and `additionalProperties` that
 * OpenAPI tools (Swagger UI among them) understand.
 */
function documentSchema(value: unknown): JsonValue {
  if (Array.isArray(value)) return value.map(documentSchema);
  if (!isObject(value)) return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
  if (typeof value.$ref === 'string') return { $ref: value.$ref.startsWith('#') ? value.$ref : `${componentsPath}${value.$ref}` };
  const result: JsonObject = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || key === '$id' || key === '$schema' || key === 'definitions' || key === 'const') continue;
    if (key === 'patternProperties' && isObject(field)) {
      const [valueSchema] = Object.values(field);
      result.additionalProperties = documentSchema(valueSchema);
      continue;
    }
    result[key] = documentSchema(field);
  }
  if ('const' in value) result.enum = [documentSchema(value.const)];
  return result;
}

/** A media type object: the schema, with a single example lifted beside it as OpenAPI places it. */
function media(schema: JsonValue): JsonObject {
  if (!isObject(schema) || !Array.isArray(schema.examples) || schema.examples.length !== 1) return { schema };
  const { examples, ...rest } = schema;
  return { schema: rest, example: examples[0] ?? null };
}

function descriptionOf(schema: JsonValue): string | undefined {
  return isObject(schema) && typeof schema.description === 'string' ? schema.description : undefined;
}

/** One parameter per property of a query or path schema; the description moves from the schema to the parameter. */
function parameters(schema: TSchema, location: 'query' | 'path'): JsonObject[] {
  const object = documentSchema(schema);
  if (!isObject(object) || !isObject(object.properties)) throw new Error(`a ${location} schema must be an object with properties`);
  const required = Array.isArray(object.required) ? object.required : [];
  return Object.entries(object.properties).map(([name, property]) => {
    const { schema: propertySchema, ...example } = media(property);
    const { description, ...withoutDescription } = isObject(propertySchema) ? propertySchema : {};
    return {
      schema: withoutDescription,
      ...example,
      in: location,
      name,
      required: location === 'path' || required.includes(name),
      ...(typeof description === 'string' && description !== '' ? { description } : {}),
    };
  });
}

function responses(response: OperationSchema['response'], shared: ReadonlyMap<string, JsonObject>): JsonObject {
  if (response === undefined) return { 200: { description: defaultResponseDescription } };
  const answers: JsonObject = {};
  for (const [status, raw] of Object.entries(response)) {
    const schema = documentSchema(raw);
    const referenced = isObject(schema) && typeof schema.$ref === 'string' ? shared.get(schema.$ref.slice(componentsPath.length)) : undefined;
    const description = descriptionOf(schema) ?? (referenced === undefined ? undefined : descriptionOf(referenced)) ?? defaultResponseDescription;
    answers[status === 'default' ? status : status.toUpperCase()] = { description, content: { [jsonMediaType]: media(schema) } };
  }
  return answers;
}

/** The OpenAPI operation object of one declaration (fields in the order OpenAPI tools conventionally print them). */
function operationObject(operation: OperationDefinition, shared: ReadonlyMap<string, JsonObject>): JsonObject {
  const { schema } = operation;
  const declared = new Set(schema.params === undefined ? [] : Object.keys(isObject(schema.params.properties) ? schema.params.properties : {}));
  for (const [, name] of operation.url.matchAll(/:(\w+)/g)) {
    if (name !== undefined && !declared.has(name)) throw new Error(`${operation.id}: path parameter ${name} has no schema`);
  }
  const parameterList = [
    ...(schema.querystring === undefined ? [] : parameters(schema.querystring, 'query')),
    ...(schema.params === undefined ? [] : parameters(schema.params, 'path')),
  ];
  const body = schema.body === undefined ? undefined : documentSchema(schema.body);
  const bodyDescription = body === undefined ? undefined : descriptionOf(body);
  return {
    ...(schema.operationId === undefined ? {} : { operationId: schema.operationId }),
    ...(schema.summary === undefined ? {} : { summary: schema.summary }),
    ...(schema.tags === undefined ? {} : { tags: [...schema.tags] }),
    ...(schema.description === undefined ? {} : { description: schema.description }),
    ...(body === undefined
      ? {}
      : { requestBody: { required: true, content: { [jsonMediaType]: media(body) }, ...(bodyDescription === undefined ? {} : { description: bodyDescription }) } }),
    ...(parameterList.length === 0 ? {} : { parameters: parameterList }),
    ...(schema.security === undefined ? {} : { security: schema.security.map((requirement) => Object.fromEntries(Object.entries(requirement).map(([name, scopes]) => [name, [...scopes]]))) }),
    responses: responses(schema.response, shared),
  };
}

/** `/v2.0/vehicles/:id` → `/v2.0/vehicles/{id}`. */
function documentPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}');
}

/** The document listing `operations` (in their order; one path item per URL), served from `serverUrl`. */
export function renderOpenApiDocumentOf(serverUrl: string, operations: readonly OperationDefinition[]): JsonObject {
  const shared = new Map<string, JsonObject>();
  for (const schema of sharedSchemas) {
    const rendered = documentSchema(schema);
    if (isObject(rendered) && schema.$id !== undefined) shared.set(schema.$id, rendered);
  }
  const paths: Record<string, JsonObject> = {};
  for (const operation of operations) {
    const path = documentPath(operation.url);
    paths[path] = { ...paths[path], [operation.method.toLowerCase()]: operationObject(operation, shared) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Carport API',
      version: apiDocumentVersion,
      description: 'Owner-consented access to vehicle data and commands across makes. Compatible with the Smartcar API v2.0.',
    },
    components: { securitySchemes, schemas: Object.fromEntries(shared) },
    paths,
    servers: [{ url: serverUrl }],
  };
}

/** The document of an instance at `publicUrl` serving `parts`. */
export function renderOpenApiDocument(publicUrl: string, parts: ServedParts): JsonObject {
  return renderOpenApiDocumentOf(publicUrl, servedOperations(parts));
}
