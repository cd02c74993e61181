/** @module The definition of every Carport setting: one table read by the loader, the CLI and the docs. */

/** Log levels pino accepts, plus `silent`. */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** What parsing one raw value produced: a value, or a sentence saying what the setting accepts. */
export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** One setting, readable from an environment variable and (where safe) a CLI flag. */
export interface SettingDefinition<T> {
  /** Environment variable, e.g. `PORT`. */
  readonly env: string;
  /** Long CLI flag without dashes, or null where a flag would leak a secret into `ps` output. */
  readonly flag: string | null;
  /** What the setting does, for the configuration reference. */
  readonly description: string;
  /** What values are accepted, also used in the error message when a value is invalid. */
  readonly accepts: string;
  /** The default as documented (computed defaults are described in words). */
  readonly defaultText: string;
  /** Parses a raw value; `undefined` means unset, and the definition decides its default. */
  readonly parse: (raw: string | undefined) => ParseResult<T>;
}

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = <T>(problem: string): ParseResult<T> => ({ ok: false, problem });

function integerIn(min: number, max: number, fallback: number) {
  return (raw: string | undefined): ParseResult<number> => {
    if (raw === undefined || raw === '') return ok(fallback);
    if (!/^\d+$/.test(raw)) return fail(`an integer from ${min} to ${max}`);
    const value = Number(raw);
    return value >= min && value <= max ? ok(value) : fail(`an integer from ${min} to ${max}`);
  };
}

function optionalHttpUrl(raw: string | undefined): ParseResult<string | undefined> {
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

function optionalDatabaseUrl(raw: string | undefined): ParseResult<string | undefined> {
  if (raw === undefined || raw === '') return ok(undefined);
  if (raw === 'sqlite::memory:' || /^postgres(ql)?:\/\/./.test(raw)) return ok(raw);
  return fail('a postgres:// or postgresql:// URL, or sqlite::memory: (unset: a SQLite file in CARPORT_DATA_DIR)');
}

function nonEmptyText(fallback: string) {
  return (raw: string | undefined): ParseResult<string> => ok(raw === undefined || raw === '' ? fallback : raw);
}

function optionalSecretKey(raw: string | undefined): ParseResult<string | undefined> {
  if (raw === undefined || raw === '') return ok(undefined);
  return raw.length >= 32 ? ok(raw) : fail('a random string of at least 32 characters (e.g. `openssl rand -base64 48`)');
}

function logLevel(raw: string | undefined): ParseResult<LogLevel> {
  if (raw === undefined || raw === '') return ok('info');
  const found = logLevels.find((level) => level === raw.toLowerCase());
  return found === undefined ? fail(`one of ${logLevels.join(', ')}`) : ok(found);
}

function booleanFlag(fallback: boolean) {
  return (raw: string | undefined): ParseResult<boolean> => {
    if (raw === undefined || raw === '') return ok(fallback);
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return ok(true);
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return ok(false);
    return fail('true or false');
  };
}

/** Every setting, in the order the configuration reference lists them. */
export const settings = {
  port: {
    env: 'PORT',
    flag: 'port',
    description: 'TCP port the HTTP server listens on.',
    accepts: 'an integer from 0 to 65535 (0 picks a free port)',
    defaultText: '`8080`',
    parse: integerIn(0, 65_535, 8080),
  },
  host: {
    env: 'HOST',
    flag: 'host',
    description: 'Address the HTTP server binds to.',
    accepts: 'a host name or IP address',
    defaultText: '`0.0.0.0` (every interface)',
    parse: nonEmptyText('0.0.0.0'),
  },
  publicUrl: {
    env: 'PUBLIC_URL',
    flag: 'public-url',
    description:
      'Origin (and optional path prefix) clients use to reach Carport; used in Connect URLs, redirects and `docURL` links.',
    accepts: 'an http:// or https:// URL without query or fragment',
    defaultText: '`http://localhost:<PORT>`',
    parse: optionalHttpUrl,
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    flag: 'database-url',
    description: 'Database to use. Unset: the embedded SQLite file `<CARPORT_DATA_DIR>/carport.sqlite`.',
    accepts: 'a postgres:// or postgresql:// URL, or sqlite::memory: (unset: a SQLite file in CARPORT_DATA_DIR)',
    defaultText: 'unset (embedded SQLite)',
    parse: optionalDatabaseUrl,
  },
  dataDir: {
    env: 'CARPORT_DATA_DIR',
    flag: 'data-dir',
    description: 'Directory for the embedded SQLite database and the generated development secret key.',
    accepts: 'a directory path (created if missing)',
    defaultText: '`./data`',
    parse: nonEmptyText('./data'),
  },
  secretKey: {
    env: 'CARPORT_SECRET_KEY',
    flag: null,
    description:
      'Key that encrypts recoverable secrets at rest (webhook signing material, provider credentials). Every process sharing a database needs the same key. Unset: a key is generated once into `<CARPORT_DATA_DIR>/secret.key` with a loud warning; refused when `NODE_ENV=production`.',
    accepts: 'a random string of at least 32 characters (e.g. `openssl rand -base64 48`)',
    defaultText: 'generated (development only)',
    parse: optionalSecretKey,
  },
  logLevel: {
    env: 'LOG_LEVEL',
    flag: 'log-level',
    description: 'Minimum level of the structured (JSON) log written to standard output.',
    accepts: `one of ${logLevels.join(', ')}`,
    defaultText: '`info`',
    parse: logLevel,
  },
  shutdownTimeoutMs: {
    env: 'CARPORT_SHUTDOWN_TIMEOUT_MS',
    flag: 'shutdown-timeout-ms',
    description: 'How long SIGTERM waits for in-flight requests and background work before forcing exit.',
    accepts: 'an integer from 0 to 600000',
    defaultText: '`10000`',
    parse: integerIn(0, 600_000, 10_000),
  },
  createDemoApplication: {
    env: 'CARPORT_DEMO_APP',
    flag: 'demo-app',
    description: 'Create a demo application (and print its credentials) when the database has no application yet.',
    accepts: 'true or false',
    defaultText: '`true`',
    parse: booleanFlag(true),
  },
  production: {
    env: 'NODE_ENV',
    flag: null,
    description: '`production` refuses development-only defaults (a generated secret key) instead of warning.',
    accepts: 'any value; only `production` changes behaviour',
    defaultText: 'unset',
    parse: (raw: string | undefined): ParseResult<boolean> => ok(raw === 'production'),
  },
} as const satisfies Record<string, SettingDefinition<unknown>>;

export type Settings = typeof settings;
export type SettingName = keyof Settings;
