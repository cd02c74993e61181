/** @module How one setting's raw text becomes a value: the parsers the settings table is built from, and the value lists they accept. */

import { DAY_MS, durationTextMs, readDurationText, type DurationUnit } from '../catalog/durations.js';

/** Log levels pino accepts, plus `silent`. */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** How log lines are written: `auto` is `pretty` on a terminal and `json` otherwise. */
export const logFormats = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof logFormats)[number];

/** What parsing one raw value produced: a value, or a sentence saying what the setting accepts. */
export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

export const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = <T>(problem: string): ParseResult<T> => ({ ok: false, problem });

export function integerIn(min: number, max: number, fallback: number) {
  return (raw: string | undefined): ParseResult<number> => {
    if (raw === undefined || raw === '') return ok(fallback);
    if (!/^\d+$/.test(raw)) return fail(`an integer from ${min} to ${max}`);
    const value = Number(raw);
    return value >= min && value <= max ? ok(value) : fail(`an integer from ${min} to ${max}`);
  };
}

export function optionalHttpUrl(raw: string | undefined): ParseResult<string | undefined> {
  if (raw === undefined || raw === '') return ok(undefined);
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('an http:// or https:// URL');
    if (url.search !== '' || url.hash !== '') return fail('an http:// or https:// URL without query or fragment');
    return ok(url.origin + url.pathname.replace(/\/+$/, ''));
  } catch {
    return fail('an http:// or https:// URL');
  }
}

export function optionalDatabaseUrl(raw: string | undefined): ParseResult<string | undefined> {
  if (raw === undefined || raw === '') return ok(undefined);
  if (raw === 'sqlite::memory:' || /^postgres(ql)?:\/\/./.test(raw)) return ok(raw);
  return fail('a postgres:// or postgresql:// URL, or sqlite::memory: (unset: a SQLite file in CARPORT_DATA_DIR)');
}

export function optionalRedisUrl(raw: string | undefined): ParseResult<string | undefined> {
  if (raw === undefined || raw === '') return ok(undefined);
  return /^rediss?:\/\/./.test(raw) ? ok(raw) : fail('a redis:// or rediss:// URL');
}

export function nonEmptyText(fallback: string) {
  return (raw: string | undefined): ParseResult<string> => ok(raw === undefined || raw === '' ? fallback : raw);
}

export function optionalText(raw: string | undefined): ParseResult<string | undefined> {
  return ok(raw === undefined || raw === '' ? undefined : raw);
}

export function optionalSecretKey(raw: string | undefined): ParseResult<string | undefined> {
  if (raw === undefined || raw === '') return ok(undefined);
  return raw.length >= 32 ? ok(raw) : fail('a random string of at least 32 characters (e.g. `openssl rand -base64 48`)');
}

export function logLevel(raw: string | undefined): ParseResult<LogLevel> {
  if (raw === undefined || raw === '') return ok('info');
  const found = logLevels.find((level) => level === raw.toLowerCase());
  return found === undefined ? fail(`one of ${logLevels.join(', ')}`) : ok(found);
}

export function logFormat(raw: string | undefined): ParseResult<LogFormat> {
  if (raw === undefined || raw === '') return ok('auto');
  const found = logFormats.find((format) => format === raw.toLowerCase());
  return found === undefined ? fail(`one of ${logFormats.join(', ')}`) : ok(found);
}

export function booleanFlag(fallback: boolean) {
  return (raw: string | undefined): ParseResult<boolean> => {
    if (raw === undefined || raw === '') return ok(fallback);
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return ok(true);
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return ok(false);
    return fail('true or false');
  };
}

/** Address ranges a webhook callback may resolve to only when configuration allows them. */
export const webhookAddressClasses = ['loopback', 'private', 'link-local'] as const;
export type WebhookAddressClass = (typeof webhookAddressClasses)[number];

export function addressClasses(raw: string | undefined): ParseResult<readonly WebhookAddressClass[]> {
  if (raw === undefined || raw === '' || raw.toLowerCase() === 'none') return ok([]);
  const names = raw.split(',').map((name) => name.trim().toLowerCase());
  const found = names.map((name) => webhookAddressClasses.find((known) => known === name));
  if (found.some((name) => name === undefined)) return fail(`none, or a comma-separated list of ${webhookAddressClasses.join(', ')}`);
  return ok([...new Set(found.filter((name) => name !== undefined))]);
}

/** Units retry delays take: a delay is at most a day, so days and weeks would only invite mistakes. */
const delayUnits: readonly DurationUnit[] = ['ms', 's', 'm', 'h'];
export const delayListForms = `none, or a comma-separated list of durations such as 25s,50s,100s (units ${delayUnits.join(', ')}), each at most 24h`;

/**
 * `all` (the default), `none`, or a comma-separated list of `known` names (case-insensitive, given
 * back as `known` spells them, in the list's order, once each).
 */
export function namesOf<T extends string>(known: readonly T[], describe: string) {
  const accepts = `all, none, or a comma-separated list of ${describe}`;
  return (raw: string | undefined): ParseResult<readonly T[]> => {
    const text = raw?.trim().toLowerCase() ?? '';
    if (text === '' || text === 'all') return ok(known);
    if (text === 'none') return ok([]);
    const found = text.split(',').map((name) => known.find((candidate) => candidate.toLowerCase() === name.trim()));
    if (found.some((name) => name === undefined)) return fail(accepts);
    return ok([...new Set(found.filter((name) => name !== undefined))]);
  };
}

/** One of `known` (case-insensitive, given back as `known` spells it), or `fallback` when unset. */
export function oneOf<T extends string>(known: readonly T[], fallback: T) {
  return (raw: string | undefined): ParseResult<T> => {
    const text = raw?.trim().toLowerCase() ?? '';
    if (text === '') return ok(fallback);
    const found = known.find((candidate) => candidate.toLowerCase() === text);
    return found === undefined ? fail(`one of ${known.join(', ')}`) : ok(found);
  };
}

/** An http(s) URL, or `fallback` when unset. */
export function httpUrlOr(fallback: string) {
  return (raw: string | undefined): ParseResult<string> => {
    const parsed = optionalHttpUrl(raw);
    return parsed.ok ? ok(parsed.value ?? fallback) : parsed;
  };
}

/** An mqtt:// or mqtts:// broker URL, or undefined when unset. */
export function optionalMqttUrl(raw: string | undefined): ParseResult<string | undefined> {
  if (raw === undefined || raw === '') return ok(undefined);
  const url = URL.canParse(raw) ? new URL(raw) : null;
  return url !== null && (url.protocol === 'mqtt:' || url.protocol === 'mqtts:') && url.hostname !== '' ? ok(raw) : fail('an mqtt:// or mqtts:// URL');
}

/** An MQTT topic prefix (no wildcards, no leading or trailing slash), `telemetry` when unset. */
export function topicPrefix(raw: string | undefined): ParseResult<string> {
  if (raw === undefined || raw === '') return ok('telemetry');
  return /^[^#+/]+(?:\/[^#+/]+)*$/.test(raw) ? ok(raw) : fail('a topic prefix without wildcards or leading or trailing slashes, e.g. `telemetry`');
}

/** Tesla's Fleet API regions, each with its own base URL. */
export const teslaRegions = ['NA', 'EU', 'CN'] as const;
export type TeslaRegion = (typeof teslaRegions)[number];

/** A comma-separated list of durations such as `25s,50s,100s` (units ms, s, m, h), in milliseconds. */
export function durationList(fallback: readonly number[]) {
  return (raw: string | undefined): ParseResult<readonly number[]> => {
    if (raw === undefined || raw === '') return ok(fallback);
    if (raw.trim().toLowerCase() === 'none') return ok([]);
    const delays: number[] = [];
    for (const item of raw.split(',')) {
      const duration = readDurationText(item);
      if (duration?.unit === undefined || !duration.whole || !delayUnits.includes(duration.unit)) return fail(delayListForms);
      delays.push(durationTextMs(duration));
    }
    return delays.every((delay) => delay <= DAY_MS) ? ok(delays) : fail(delayListForms);
  };
}

/** A decimal number from `min` to `max` (simulated seconds per real second and the like). */
export function decimalIn(min: number, max: number, fallback: number) {
  return (raw: string | undefined): ParseResult<number> => {
    if (raw === undefined || raw === '') return ok(fallback);
    const value = Number(raw);
    return /^\d+(\.\d+)?$/.test(raw) && value >= min && value <= max ? ok(value) : fail(`a number from ${min} to ${max}`);
  };
}

export function optionalAdminToken(raw: string | undefined): ParseResult<string | undefined> {
  if (raw === undefined || raw === '') return ok(undefined);
  return raw.length >= 16 ? ok(raw) : fail('a random string of at least 16 characters (unset: the admin API is off)');
}
