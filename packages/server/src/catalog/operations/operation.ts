/**
 * @module What one HTTP operation is, declared once: the route Fastify serves (method, URL, the
 * schemas that validate and serialise it) and the OpenAPI operation rendered from the same object.
 */
import { Type, type TRef, type TSchema } from '@sinclair/typebox';
import type { HttpMethod } from '../types.js';

/** The methods Carport serves: the endpoint catalog's, and `PATCH` for partial updates of its own resources. */
export type OperationMethod = HttpMethod | 'PATCH';

/** Security requirements as OpenAPI writes them: scheme name → scopes (none for HTTP schemes). */
export type SecurityRequirements = readonly Readonly<Record<string, readonly string[]>>[];

/**
 * A route's schema in Fastify's shape. The validation keys (`params`, `querystring`, `body`,
 * `response`) drive Fastify; the others only document the operation.
 */
export interface OperationSchema {
  readonly operationId?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly security?: SecurityRequirements;
  readonly params?: TSchema;
  readonly querystring?: TSchema;
  readonly body?: TSchema;
  /** Status code (`200`, `4xx`) → body schema. Absent: the operation documents no answer. */
  readonly response?: Readonly<Record<string, TSchema>>;
}

/** One operation: its id stays the literal it was declared with, and its schema keeps its TypeBox types. */
export interface OperationDefinition<Id extends string = string, Schema extends OperationSchema = OperationSchema> {
  /** Unique among operations; the OpenAPI `operationId` where the schema gives one. */
  readonly id: Id;
  readonly method: OperationMethod;
  /** Fastify's form: `/v2.0/management/webhooks/:webhook_id`. */
  readonly url: string;
  readonly schema: Schema;
}

/** The version prefix of every surface but OAuth. */
export const apiVersionPrefix = '/v2.0';

/** The catalog error body answered for every failure outside the token endpoint. */
export const errorBodyRef: TRef = Type.Ref('ErrorBody');

/** The success answer and the catalog error body for the 4xx and 5xx ranges. */
export function withErrorResponses<Success extends Readonly<Record<string, TSchema>>>(success: Success): Success & { readonly '4xx': TRef; readonly '5xx': TRef } {
  return { ...success, '4xx': errorBodyRef, '5xx': errorBodyRef };
}

/** The operation of `operations` with this id, with the exact type it was declared with. */
export function operationById<List extends readonly OperationDefinition[], Id extends List[number]['id']>(operations: List, id: Id): Extract<List[number], { readonly id: Id }> {
  const operation = operations.find((candidate): candidate is Extract<List[number], { readonly id: Id }> => candidate.id === id);
  if (operation === undefined) throw new Error(`no operation ${id}`);
  return operation;
}
