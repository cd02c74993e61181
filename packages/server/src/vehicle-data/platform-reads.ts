/**
 * @module The vehicle reads Carport answers from the grant itself (the catalog marks them
 * `answeredBy: 'platform'`), shared by their own routes and by batch so both answer alike.
 */
import type { TSchema } from '@sinclair/typebox';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';
import type { CatalogEndpoint, PlatformReadId } from '../catalog/endpoints/index.js';
import type { ValidationDetail } from '../catalog/api-error.js';
import type { ConnectionRecord } from '../store/index.js';

/** Page size of `GET /vehicles/{id}/permissions` when `limit` is absent. */
export const DEFAULT_PERMISSIONS_PAGE_SIZE = 25;

/** A validated paging query. */
export interface PageQuery {
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

/** One page of the permissions the owner granted this application for this vehicle. */
export function permissionsPage(connection: ConnectionRecord, query: PageQuery): { permissions: string[]; paging: { count: number; offset: number } } {
  const limit = query.limit ?? DEFAULT_PERMISSIONS_PAGE_SIZE;
  const offset = query.offset ?? 0;
  return { permissions: connection.permissions.slice(offset, offset + limit), paging: { count: connection.permissions.length, offset } };
}

const numberOrUndefined = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/**
 * Each platform-answered GET under `/vehicles/{id}`, given its validated query. Total over the
 * catalog's platform reads: a new one does not compile until it is answered here.
 */
const platformReads: Readonly<Record<PlatformReadId, (connection: ConnectionRecord, query: Readonly<Record<string, unknown>>) => unknown>> = {
  getPermissions: (connection, query) => permissionsPage(connection, { limit: numberOrUndefined(query.limit), offset: numberOrUndefined(query.offset) }),
};

/** The outcome of a platform read: its body, or a VALIDATION detail for a bad query. */
export type PlatformReadOutcome = { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly detail: readonly ValidationDetail[] };

/** Words a schema issue as the HTTP layer's validator does (`must be <= 50`), so batch and single answers match. */
function messageOf(error: ValueError): string {
  const schema: TSchema = error.schema;
  switch (error.type) {
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.NumberMaximum:
      return `must be <= ${String(schema.maximum)}`;
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.NumberMinimum:
      return `must be >= ${String(schema.minimum)}`;
    case ValueErrorType.Integer:
      return 'must be integer';
    default:
      return error.message;
  }
}

/**
 * Answers a platform read of a batch path: validates the path's query (strings, as a URL carries
 * them) against the endpoint's query schema, then reads from the grant.
 */
export function readPlatformEndpoint(endpoint: CatalogEndpoint & { readonly id: PlatformReadId }, connection: ConnectionRecord, query: Readonly<Record<string, unknown>>): PlatformReadOutcome {
  const read = platformReads[endpoint.id];
  const schema = endpoint.request.query;
  const converted: unknown = schema === undefined ? query : Value.Convert(schema, { ...query });
  if (schema !== undefined) {
    const errors = [...Value.Errors(schema, converted)];
    if (errors.length > 0) return { ok: false, detail: errors.map((error) => ({ field: `query${error.path.replaceAll('/', '.')}`, message: messageOf(error) })) };
  }
  const values = converted !== null && typeof converted === 'object' ? Object.fromEntries(Object.entries(converted)) : {};
  return { ok: true, body: read(connection, values) };
}
