/** @module Schema pieces several endpoint families share: closed response objects, fractions, clock times, acknowledgements. */
import { Type } from '@sinclair/typebox';
import type { ObjectOptions, TObject, TNull, TProperties, TSchema, TUnion } from '@sinclair/typebox';

/**
 * Seed cases beyond the one an entry carries as `examples` (a page with several response states or
 * request bodies), keyed by endpoint id, so tests validate every case the seeds give.
 */
export interface ExampleCases {
  readonly response?: readonly unknown[];
  readonly request?: readonly unknown[];
}

/**
 * A response object. Closed so that a provider answering a field the seeds do not define fails its
 * contract test instead of silently widening the public API.
 */
export function closedObject<T extends TProperties>(properties: T, options?: ObjectOptions): TObject<T> {
  return Type.Object(properties, { ...options, additionalProperties: false });
}

/** A value the seeds show or describe as possibly `null`. */
export function nullable<T extends TSchema>(schema: T): TUnion<[T, TNull]> {
  return Type.Union([schema, Type.Null()]);
}

/** An ISO 8601 instant such as `2022-01-13T22:52:55.358Z`. */
export function dateTime(description?: string) {
  return Type.String(description === undefined ? { format: 'date-time' } : { format: 'date-time', description });
}

/** A share between 0 and 1: the seeds express every percentage (SoC, limits, oil life) this way. */
export function fraction(description: string) {
  return Type.Number({ minimum: 0, maximum: 1, description });
}

/** `HH:mm` on a 24-hour clock, the seeds' format for schedule times. */
export const clockTimePattern = '^([01][0-9]|2[0-3]):[0-5][0-9]$';

export function clockTime(description: string) {
  return Type.String({ pattern: clockTimePattern, description });
}

/** `YYYY-MM-DD`, the seeds' format for charge record date filters. */
export const calendarDatePattern = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';

export const latitude = (description: string) => Type.Number({ minimum: -90, maximum: 90, description });
export const longitude = (description: string) => Type.Number({ minimum: -180, maximum: 180, description });

/** The acknowledgement every command answers with once the vehicle accepted the request. */
export const commandResponse = closedObject({
  message: Type.String({ description: 'If the request is successful, Smartcar will return a message.' }),
  status: Type.Literal('success', { description: 'If the request is successful, Smartcar will return `success`.' }),
});

export const commandResponseExample = { message: 'Successfully sent request to vehicle', status: 'success' };

/** A command body carrying one `action` out of a fixed set (lock, charge, trunk, heaters...). */
export function actionBody(actions: readonly [string, ...string[]], description: string) {
  return Type.Object({
    action: Type.Union(actions.map((action) => Type.Literal(action)), { description }),
  });
}
