/**
 * @module What went wrong reaching PostgreSQL, in the words a person fixes it with: the server is
 * not running, the host is wrong, the password is refused, or the database was never created.
 */
import { postgresAddress, type DatabaseLocation } from './database-location.js';

type PostgresLocation = Extract<DatabaseLocation, { kind: 'postgres' }>;

/** Socket failures, as a short reason. */
const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};
/** pg reports a connect timeout by message only. */
const CONNECT_TIMEOUT = /^(timeout exceeded when trying to connect|Connection terminated due to connection timeout)/;
/** SQLSTATE invalid_catalog_name: the database does not exist. */
const MISSING_DATABASE = '3D000';
/** SQLSTATE class 28: invalid authorization (wrong password, unknown role, pg_hba refusal). */
const AUTHORIZATION_CLASS = /^28/;

/** The error and every error it wraps (`cause`, and each attempt of a connection to several addresses). */
function* chain(error: unknown): Generator<object> {
  const pending: unknown[] = [error];
  for (let seen = 0; pending.length > 0 && seen < 16; seen += 1) {
    const current = pending.shift();
    if (typeof current !== 'object' || current === null) continue;
    yield current;
    if ('cause' in current) pending.push(current.cause);
    if ('errors' in current && Array.isArray(current.errors)) pending.push(...(current.errors as unknown[]));
  }
}

function field(error: object, name: 'code' | 'message'): string {
  const value = (error as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

/** A word of a shell command, quoted only when it must be. */
function shellWord(word: string): string {
  return /^[\w./:@-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** The `createdb` command that creates `location`'s database on its server. */
export function createdbCommand(location: PostgresLocation): string {
  const words = ['createdb', '-h', location.host];
  if (location.port !== 5432) words.push('-p', String(location.port));
  if (location.user !== undefined) words.push('-U', location.user);
  words.push(location.database);
  return words.map(shellWord).join(' ');
}

/**
 * The sentence for a failure to reach `location`, or undefined when `error` is not one (a failing
 * migration, say, keeps its own message).
 */
export function explainConnectionFailure(error: unknown, location: PostgresLocation, connectTimeoutMs: number): string | undefined {
  const address = postgresAddress(location);
  for (const current of chain(error)) {
    const code = field(current, 'code');
    const message = field(current, 'message');
    if (code === MISSING_DATABASE) {
      return `PostgreSQL at ${address} has no database "${location.database}"; create it with: ${createdbCommand(location)}`;
    }
    if (AUTHORIZATION_CLASS.test(code)) return `cannot connect to PostgreSQL at ${address} (${message})`;
    const reason = NETWORK_REASONS[code] ?? (CONNECT_TIMEOUT.test(message) ? `no answer within ${connectTimeoutMs} ms` : undefined);
    if (reason !== undefined) return `cannot connect to PostgreSQL at ${address} (${reason})`;
  }
  return undefined;
}
