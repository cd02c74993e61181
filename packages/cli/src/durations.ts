/** @module Durations on the command line: always with a unit, since a bare `10` could mean seconds, minutes or hours. */
import { DURATION_FORMS, MAX_DURATION_TEXT, parseDuration } from '@carport/server/core';

/** Milliseconds of a duration such as `90s` or `2h`; otherwise throws a message listing the accepted forms. */
export function durationMs(text: string): number {
  const value = parseDuration(text, { unitRequired: true });
  if (value === undefined) throw new Error(`${text} is not a duration: write ${DURATION_FORMS}, at most ${MAX_DURATION_TEXT}`);
  return value;
}
