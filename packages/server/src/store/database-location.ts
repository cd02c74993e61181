/**
 * @module Which database a configuration names, said the way a person looks for it: the SQLite
 * file's path, or PostgreSQL's host, port and database (never the password).
 */
import { join } from 'node:path';

/** File name of the embedded database inside the data directory. */
export const SQLITE_FILE_NAME = 'carport.sqlite';

const MEMORY_URL = 'sqlite::memory:';
const POSTGRES_DEFAULT_PORT = 5432;

/** Where the data lives. */
export type DatabaseLocation =
  | { readonly kind: 'sqlite-file'; readonly path: string }
  | { readonly kind: 'sqlite-memory' }
  | {
      readonly kind: 'postgres';
      /** Host name or address as a client connects to it (IPv6 without brackets). */
      readonly host: string;
      readonly port: number;
      readonly database: string;
      /** The user the URL names; undefined lets libpq's default (the system user) apply. */
      readonly user: string | undefined;
    };

/** The location DATABASE_URL (or, unset, the data directory) names. */
export function databaseLocation(databaseUrl: string | undefined, dataDir: string): DatabaseLocation {
  const url = databaseUrl?.trim() ?? '';
  if (url === '') return { kind: 'sqlite-file', path: join(dataDir, SQLITE_FILE_NAME) };
  if (url === MEMORY_URL) return { kind: 'sqlite-memory' };
  return postgresLocation(url);
}

function postgresLocation(url: string): DatabaseLocation {
  const parsed = new URL(url);
  const user = decodeURIComponent(parsed.username);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1') || parsed.searchParams.get('host') || 'localhost';
  const port = Number(parsed.port || parsed.searchParams.get('port') || POSTGRES_DEFAULT_PORT);
  // libpq, and pg after it, connect to the database named after the user when the URL names none.
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || user || 'postgres';
  return { kind: 'postgres', host, port, database, user: user === '' ? undefined : user };
}

/** `host:port`, with an IPv6 address in brackets. */
export function postgresAddress(location: { readonly host: string; readonly port: number }): string {
  return `${location.host.includes(':') ? `[${location.host}]` : location.host}:${location.port}`;
}

/** One line naming the database, e.g. `SQLite database /srv/carport/data/carport.sqlite`. */
export function describeDatabaseLocation(location: DatabaseLocation): string {
  switch (location.kind) {
    case 'sqlite-file':
      return `SQLite database ${location.path}`;
    case 'sqlite-memory':
      return 'in-memory SQLite database';
    case 'postgres':
      return `PostgreSQL database ${location.database} at ${postgresAddress(location)}${location.user === undefined ? '' : ` (user ${location.user})`}`;
  }
}
