/** @module String formats the endpoint schemas use, registered for TypeBox's own `Value.Check`. */
import { FormatRegistry } from '@sinclair/typebox';

/** RFC 3339 date-time, the form of every timestamp in the seeds' bodies. */
const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;

/** Whether `value` is an RFC 3339 date-time naming a real calendar day (`Date.parse` rolls 31 February over). */
export function isDateTime(value: string): boolean {
  const match = dateTimePattern.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
}

/**
 * TypeBox rejects a string whose `format` it has no checker for, whereas Ajv (Fastify) brings its
 * own; anything validating catalog schemas with `Value.Check` calls this first. Idempotent.
 */
export function registerSchemaFormats(): void {
  if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', isDateTime);
}
