/**
 * @module What every fuzzed response must satisfy: no server error beyond the catalog's legitimate
 * ones, errors in the shape their surface promises, an answer in time, no stack trace.
 */
import { isDeepStrictEqual } from 'node:util';
import { findError } from '../src/catalog/errors.js';
import { findOAuthError } from '../src/catalog/oauth-errors.js';
import { errorAnchor } from '../src/catalog/error-body.js';

/** The error body a surface answers with: the catalog's, RFC 6749's (token endpoint), or none checked (HTML pages). */
export type AnswerShape = 'catalog' | 'oauth' | 'page';

/** A response as the checks see it. */
export interface ObservedResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
  readonly body: string;
}

/**
 * The 5xx answers that report a real condition rather than a failure of Carport's own:
 * - 501 `COMPATIBILITY`: the vehicle or its make has no such capability. Asking a Tesla for a Ford
 *   endpoint is the client's choice, and 501 is the status the seeds give that answer.
 * - 502 `UPSTREAM`: the manufacturer's cloud failed. The fuzzer drives the admin API too, whose fault
 *   injection makes the simulated cloud fail on purpose, so this answer is the truthful one.
 * Nothing else is legitimate. In particular 503 is not: Carport answers it only when its database is
 * unreachable, and the fuzz database is an in-process SQLite file that cannot go away, so a 503 would
 * mean a request convinced Carport its store was down. Every 500 is a finding.
 */
export function isLegitimateServerError(statusCode: number, body: unknown): boolean {
  if (!isRecord(body)) return false;
  return (statusCode === 501 && body.type === 'COMPATIBILITY') || (statusCode === 502 && body.type === 'UPSTREAM');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

const catalogKeys = ['type', 'code', 'description', 'docURL', 'statusCode', 'requestId', 'resolution', 'suggestedUserMessage'];

/** Problems of a catalog error body answered with `statusCode` (empty when it is well formed). */
export function catalogBodyProblems(body: unknown, statusCode: number, requestId: string | undefined): string[] {
  if (!isRecord(body)) return ['the error body is not a JSON object'];
  const problems: string[] = [];
  const type = typeof body.type === 'string' ? body.type : '';
  const code = typeof body.code === 'string' ? body.code : null;
  const definition = findError(type, code);
  if (definition === undefined) return [`the error ${JSON.stringify(body.type)}/${JSON.stringify(body.code)} is not in the catalog`];
  const expectedKeys = definition.type === 'VALIDATION' ? [...catalogKeys, 'detail'] : catalogKeys;
  if (!isDeepStrictEqual(Object.keys(body).sort(), [...expectedKeys].sort())) problems.push(`the error body has keys ${Object.keys(body).join(', ')}`);
  if (definition.statusCode !== statusCode || body.statusCode !== statusCode) problems.push(`${type}/${String(code)} answered with status ${statusCode}, body statusCode ${String(body.statusCode)}, catalog ${definition.statusCode}`);
  if (typeof body.description !== 'string' || body.description === '') problems.push('the error body has no description');
  if (typeof body.docURL !== 'string' || !body.docURL.endsWith(`#${errorAnchor(definition.type, definition.code)}`)) problems.push(`docURL ${String(body.docURL)} does not point at the error`);
  if (typeof body.requestId !== 'string' || (requestId !== undefined && body.requestId !== requestId)) problems.push('requestId differs from the SC-Request-Id header');
  if (!isDeepStrictEqual(body.resolution, { type: definition.resolution })) problems.push(`resolution ${JSON.stringify(body.resolution)} differs from the catalog`);
  if (body.suggestedUserMessage !== definition.suggestedUserMessage) problems.push('suggestedUserMessage differs from the catalog');
  if (definition.type === 'VALIDATION' && !isValidationDetail(body.detail)) problems.push('detail is not a list of {field, message}');
  return problems;
}

function isValidationDetail(detail: unknown): boolean {
  return Array.isArray(detail) && detail.every((item) => isRecord(item) && isDeepStrictEqual(Object.keys(item).sort(), ['field', 'message']) && typeof item.field === 'string' && typeof item.message === 'string');
}

/** Problems of a token-endpoint error body (RFC 6749 §5.2, statuses from the OAuth error catalog). */
export function oauthBodyProblems(body: unknown, statusCode: number): string[] {
  if (!isRecord(body)) return ['the OAuth error body is not a JSON object'];
  if (!isDeepStrictEqual(Object.keys(body).sort(), ['error', 'error_description'])) return [`the OAuth error body has keys ${Object.keys(body).join(', ')}`];
  const definition = typeof body.error === 'string' ? findOAuthError('token', body.error) : undefined;
  if (definition === undefined) return [`the OAuth error ${JSON.stringify(body.error)} is not in the catalog`];
  const problems: string[] = [];
  if (definition.statusCode !== statusCode) problems.push(`${definition.error} answered with status ${statusCode}, catalog ${String(definition.statusCode)}`);
  if (typeof body.error_description !== 'string' || body.error_description === '') problems.push('the OAuth error has no error_description');
  return problems;
}

function headerText(value: string | string[] | number | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Every problem of one answer. `shape` is the shape its error bodies must have; HEAD answers carry no body to check. */
export function responseProblems(response: ObservedResponse, shape: AnswerShape, options: { readonly head: boolean; readonly batch: boolean }): string[] {
  const parsed = parseJson(response.body);
  const body = parsed.ok ? parsed.value : undefined;
  const requestId = headerText(response.headers['sc-request-id']);
  const problems: string[] = [];
  // A HEAD answer has no body to tell a legitimate 501 or 502 from another; its GET twin shows it.
  const legitimate = options.head ? response.statusCode === 501 || response.statusCode === 502 : isLegitimateServerError(response.statusCode, body);
  if (response.statusCode >= 500 && !legitimate) problems.push(`answered ${response.statusCode}`);
  if (/\n\s+at .+:\d+:\d+/.test(response.body)) problems.push('the body holds a stack trace');
  if (options.head || shape === 'page') return problems;
  if (response.statusCode >= 400) {
    const contentType = headerText(response.headers['content-type']) ?? '';
    if (!contentType.startsWith('application/json')) problems.push(`the error is answered as ${contentType === '' ? 'no content type' : contentType}`);
    if (!parsed.ok) problems.push('the error body is not JSON');
    else problems.push(...(shape === 'oauth' ? oauthBodyProblems(body, response.statusCode) : catalogBodyProblems(body, response.statusCode, requestId)));
  }
  if (options.batch && response.statusCode === 200) problems.push(...batchProblems(body, requestId));
  return problems;
}

/** A batch answers 200 around its sub-responses; each must meet the same rules as a response of its own. */
function batchProblems(body: unknown, requestId: string | undefined): string[] {
  if (!isRecord(body) || !Array.isArray(body.responses)) return ['the batch answer has no responses'];
  return body.responses.flatMap((item: unknown, index): string[] => {
    if (!isRecord(item) || typeof item.code !== 'number') return [`batch response ${index} has no code`];
    const where = `batch response ${index} (${String(item.path)})`;
    const problems = item.code >= 500 && !isLegitimateServerError(item.code, item.body) ? [`${where} answered ${item.code}`] : [];
    if (item.code >= 400) problems.push(...catalogBodyProblems(item.body, item.code, requestId).map((problem) => `${where}: ${problem}`));
    return problems;
  });
}
