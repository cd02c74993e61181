/** @module Conversions between portable column encodings (text JSON, 0/1, ISO text) and domain values. */

/** Source of the current time; injectable so tests and the simulator control it. */
export type Clock = () => Date;

/** ISO-8601 UTC with milliseconds, the one timestamp format stored (sorts chronologically as text). */
export function toIso(date: Date): string {
  return date.toISOString();
}

/** `date` moved forward by `seconds`, as stored text. */
export function isoAfter(date: Date, seconds: number): string {
  return new Date(date.getTime() + seconds * 1000).toISOString();
}

/** Encodes any JSON-compatible value for a text column. */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Decodes a JSON array of strings; a malformed value means a corrupt row, so it throws. */
export function decodeStringArray(text: string, column: string): string[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw new Error(`Column ${column} does not hold a JSON array of strings`);
  }
  return value;
}

/** Decodes a JSON object; a malformed value means a corrupt row, so it throws. */
export function decodeObject(text: string, column: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`Column ${column} does not hold a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** Decodes arbitrary JSON. */
export function decodeJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  return value;
}

/** Stores a boolean as integer 0/1 (portable; PostgreSQL's boolean has no SQLite equivalent). */
export function toFlag(value: boolean): number {
  return value ? 1 : 0;
}

/** Reads a 0/1 integer column as a boolean. */
export function fromFlag(value: number): boolean {
  return value !== 0;
}
