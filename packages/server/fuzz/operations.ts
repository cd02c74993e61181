/**
 * @module The operations to fuzz: every operation of the app's own OpenAPI document, and the HTML
 * pages the document leaves out (Connect, the owner pages, the error reference), each with what
 * credential it takes and what shape its errors have.
 */
import type { FastifyInstance, HTTPMethods } from 'fastify';
import type { AnswerShape } from './response-checks.js';
import { isSchema, type JsonSchema } from './schema-arbitrary.js';

/** The credential an operation expects. */
export type Credential = 'vehicle' | 'management' | 'client' | 'admin' | 'none';

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly schema: JsonSchema;
}

export interface RequestBody {
  readonly schema: JsonSchema;
  /** The content type a well-formed body is sent with. */
  readonly contentType: 'application/json' | 'application/x-www-form-urlencoded';
  readonly required: boolean;
}

export interface FuzzOperation {
  /** The OpenAPI operationId, or `METHOD path` where the document gives none. */
  readonly id: string;
  readonly method: HTTPMethods;
  /** Path template with `{name}` parameters, e.g. `/v2.0/vehicles/{id}/odometer`. */
  readonly path: string;
  readonly parameters: readonly Parameter[];
  readonly body: RequestBody | undefined;
  readonly credential: Credential;
  readonly answer: AnswerShape;
}

const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;

const credentialBySecurityScheme: Readonly<Record<string, Credential>> = {
  vehicleAccessToken: 'vehicle',
  managementToken: 'management',
  clientCredentials: 'client',
};

function recordOf(value: unknown): Readonly<Record<string, unknown>> {
  return isSchema(value) ? value : {};
}

function credentialOf(path: string, security: unknown): Credential {
  const first: unknown = Array.isArray(security) ? (security as unknown[])[0] : undefined;
  const scheme = Object.keys(recordOf(first))[0];
  if (scheme !== undefined) return credentialBySecurityScheme[scheme] ?? 'none';
  // The admin API documents no security scheme: it is an operator's surface, absent unless configured.
  return path.startsWith('/admin/') ? 'admin' : 'none';
}

function parametersOf(operation: Readonly<Record<string, unknown>>): Parameter[] {
  const list = Array.isArray(operation.parameters) ? operation.parameters : [];
  return list.map(recordOf).flatMap((parameter): Parameter[] => {
    const location = parameter.in;
    if ((location !== 'path' && location !== 'query' && location !== 'header') || typeof parameter.name !== 'string') return [];
    return [{ name: parameter.name, in: location, required: parameter.required === true, schema: recordOf(parameter.schema) }];
  });
}

function bodyOf(operation: Readonly<Record<string, unknown>>): RequestBody | undefined {
  const requestBody = recordOf(operation.requestBody);
  const json = recordOf(recordOf(requestBody.content)['application/json']);
  if (!isSchema(json.schema)) return undefined;
  return { schema: json.schema, contentType: 'application/json', required: requestBody.required === true };
}

/** Every operation of an OpenAPI 3 document. */
export function documentOperations(document: unknown): FuzzOperation[] {
  const paths = Object.entries(recordOf(recordOf(document).paths));
  return paths.flatMap(([path, item]) =>
    methods.flatMap((method): FuzzOperation[] => {
      const operation = recordOf(item)[method];
      if (!isSchema(operation)) return [];
      return [{
        id: typeof operation.operationId === 'string' ? operation.operationId : `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: parametersOf(operation),
        body: bodyOf(operation),
        credential: credentialOf(path, operation.security),
        answer: path.startsWith('/oauth/') ? 'oauth' : 'catalog',
      }];
    }),
  );
}

const text: JsonSchema = { type: 'string' };

/** Fields of a page, as query parameters (GET) or an urlencoded form (POST). */
function page(method: 'GET' | 'POST', path: string, fields: readonly string[]): FuzzOperation {
  const cookie: Parameter = { name: 'cookie', in: 'header', required: false, schema: text };
  if (method === 'GET') {
    return { id: `${method} ${path}`, method, path, parameters: [...fields.map((name): Parameter => ({ name, in: 'query', required: false, schema: text })), cookie], body: undefined, credential: 'none', answer: 'page' };
  }
  const body: RequestBody = { schema: { type: 'object', properties: Object.fromEntries(fields.map((name) => [name, text])) }, contentType: 'application/x-www-form-urlencoded', required: false };
  return { id: `${method} ${path}`, method, path, parameters: [cookie], body, credential: 'none', answer: 'page' };
}

const authorizeFields = ['client_id', 'redirect_uri', 'scope', 'state', 'mode', 'response_type', 'approval_prompt', 'make', 'single_select', 'single_select_vin', 'flags', 'code_challenge', 'code_challenge_method'];
const capacityFields = ['vehicle_id', 'client_id', 'token', 'response_type', 'redirect_uri'];

/**
 * The pages the OpenAPI document hides. They answer HTML, so only the no-5xx rule applies to them.
 * Listed here by hand; {@link pageOperations} refuses a page the app no longer serves, so a renamed
 * route fails the fuzz run instead of silently dropping out of it.
 */
const pages: readonly FuzzOperation[] = [
  page('GET', '/oauth/authorize', authorizeFields),
  page('GET', '/connect/preamble', ['flow']),
  page('POST', '/connect/preamble', ['flow', 'csrf', 'action']),
  page('GET', '/connect/brands', ['flow', 'q']),
  page('POST', '/connect/brands', ['flow', 'csrf', 'make']),
  page('GET', '/connect/login', ['flow']),
  page('POST', '/connect/login', ['flow', 'csrf', 'username', 'password']),
  page('GET', '/connect/grant', ['flow', 'page']),
  page('POST', '/connect/grant', ['flow', 'csrf', 'goto', 'action', 'page', 'vehicle']),
  page('GET', '/connect/battery-capacity', capacityFields),
  page('POST', '/connect/battery-capacity', [...capacityFields, 'csrf', 'capacity', 'other_capacity']),
  page('GET', '/connect/owner', []),
  page('POST', '/connect/owner/sign-in', ['csrf', 'make', 'mode', 'username', 'password']),
  page('POST', '/connect/owner/revoke', ['csrf', 'connection']),
  page('POST', '/connect/owner/sign-out', ['csrf']),
  page('GET', '/demo/callback', ['code', 'state', 'error', 'error_description']),
  page('GET', '/docs/errors', []),
];

/** The hidden pages, checked against the app's routes. */
export function pageOperations(app: FastifyInstance): FuzzOperation[] {
  const missing = pages.filter((operation) => !app.hasRoute({ method: operation.method, url: operation.path }));
  if (missing.length > 0) throw new Error(`the app no longer serves ${missing.map((operation) => operation.id).join(', ')}; update the fuzzer's page list`);
  return [...pages];
}
