/** @module Opens the database named by DATABASE_URL: embedded SQLite by default, PostgreSQL to scale out. */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { SQLITE_FILE_NAME } from './database-location.js';
import { isBusyError } from './errors.js';
import { DiscardingPool } from './postgres-pool.js';
import type { DatabaseSchema } from './schema.js';
import { withStatementCache } from './statement-cache.js';

/** Which engine a {@link Store} runs on; repositories branch on it only where SQL must differ. */
export type Dialect = 'sqlite' | 'postgres';

/** An open database. */
export interface Store {
  /** Typed query builder over {@link DatabaseSchema}. */
  readonly db: Kysely<DatabaseSchema>;
  readonly dialect: Dialect;
  /** Resolves when the database answers a trivial query (health checks). */
  ping(): Promise<void>;
  /** Closes connections; safe to call more than once. */
  close(): Promise<void>;
}

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** DATABASE_URL; undefined or empty selects the embedded SQLite file. */
  readonly databaseUrl: string | undefined;
  /** Directory that holds `carport.sqlite` when no URL is given. */
  readonly dataDir: string;
  readonly logger?: { warn(msg: string): void };
  /** PostgreSQL: bounds on opening a connection and on one statement (defaults: 5 s and 15 s). */
  readonly timeouts?: { readonly connectMs: number; readonly queryMs: number };
}

/** How long a SQLite writer waits for another process's lock before failing with SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;
const MEMORY_URL = 'sqlite::memory:';
/** Tries at switching a new SQLite file to WAL while other processes hold it (about 2 s in all). */
const WAL_ATTEMPTS = 12;

const ACCEPTED =
  'DATABASE_URL must be unset (embedded SQLite file in the data directory), ' +
  '"sqlite::memory:" (in-memory SQLite), or a postgres:// or postgresql:// URL';

/**
 * Opens the database selected by `databaseUrl`:
 * - undefined/empty: SQLite file `<dataDir>/carport.sqlite` (directory created), WAL, foreign keys;
 * - `sqlite::memory:`: private in-memory SQLite (tests);
 * - `postgres://…` / `postgresql://…`: a pg connection pool.
 * Anything else throws, naming DATABASE_URL and the accepted forms. Does not migrate.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Store> {
  const url = options.databaseUrl?.trim() ?? '';
  if (url === '') {
    // The database holds encrypted secrets and token hashes: only the owner may read the directory
    // and the file (created owner-only; an existing one is narrowed on open).
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const path = join(options.dataDir, SQLITE_FILE_NAME);
    const store = await openSqlite(path, options.logger);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
    return store;
  }
  if (url === MEMORY_URL) {
    return openSqlite(':memory:', options.logger);
  }
  if (/^postgres(ql)?:\/\//i.test(url)) {
    return openPostgres(url, options.logger, options.timeouts ?? { connectMs: 5_000, queryMs: 15_000 });
  }
  throw new Error(`Unsupported DATABASE_URL "${redact(url)}". ${ACCEPTED}.`);
}

async function openSqlite(path: string, logger: OpenDatabaseOptions['logger']): Promise<Store> {
  const database = new SqliteDatabase(path, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    if (path !== ':memory:') {
      // WAL lets readers proceed while one writer commits; several processes may share the file.
      const mode = await enableWal(database);
      if (mode !== 'wal') {
        logger?.warn(`SQLite at ${path} could not switch to WAL (journal_mode=${mode}); concurrency will suffer`);
      }
      // NORMAL is durable across application crashes under WAL and avoids an fsync per commit.
      database.pragma('synchronous = NORMAL');
    }
  } catch (error) {
    database.close();
    throw error;
  }
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  // Kysely only closes a driver it has initialised (by a first query); close the handle regardless.
  return makeStore(db, 'sqlite', () => {
    if (database.open) database.close();
    return Promise.resolve();
  });
}

/**
 * Switches the file to WAL (persistent, so only a new file needs it). Changing the journal mode
 * needs the file to itself and does not wait on the busy handler, so when several processes open
 * a new file at once the losers retry briefly; by then the winner has usually switched it.
 */
async function enableWal(database: SqliteDatabase.Database): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const current = String(database.pragma('journal_mode', { simple: true }));
      if (current === 'wal') return current;
      return String(database.pragma('journal_mode = WAL', { simple: true }));
    } catch (error) {
      if (attempt >= WAL_ATTEMPTS || !isBusyError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
    }
  }
}

function openPostgres(url: string, logger: OpenDatabaseOptions['logger'], timeouts: NonNullable<OpenDatabaseOptions['timeouts']>): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    application_name: 'carport',
    // A partition must fail requests in bounded time, not hang them: bound the connect, the
    // statement on the server, and the wait for an answer on a connection that went silent (the
    // client-side bound is a little longer so the server's clearer error wins when it can).
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.queryMs,
    query_timeout: timeouts.queryMs + 1_000,
  });
  // A connection that fails emits 'error' on its client, and on the pool while it is idle; either,
  // unhandled, would crash the process. pg rejects the query in flight and discards the client, so
  // logging is all that is left to do; the next query opens a fresh connection.
  pool.on('error', (error) => {
    logger?.warn(`PostgreSQL idle connection error: ${error.message}`);
  });
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      logger?.warn(`PostgreSQL connection error: ${error.message}`);
    });
  });
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool: new DiscardingPool(pool) }) });
  // Kysely only ends a pool it has initialised (by a first query); end it regardless.
  return Promise.resolve(makeStore(db, 'postgres', () => (pool.ended ? Promise.resolve() : pool.end())));
}

function makeStore(db: Kysely<DatabaseSchema>, dialect: Dialect, release: () => Promise<void>): Store {
  let closing: Promise<void> | undefined;
  return {
    db,
    dialect,
    async ping() {
      if (closing !== undefined) throw new Error('The database store is closed');
      await sql`select 1`.execute(db);
    },
    close() {
      closing ??= db.destroy().then(release);
      return closing;
    },
  };
}

/** Hides a password in an URL before it reaches an error message or log. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}
