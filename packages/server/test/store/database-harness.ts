/** @module Runs one store test suite on in-memory SQLite and on a scratch PostgreSQL database. */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import { migrateToLatest, openDatabase, TABLE_NAMES, type Dialect, type Store } from '../../src/store/index.js';

/** Server the PostgreSQL variants use; each test file gets its own database on it. */
export const postgresUrl = process.env.CARPORT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** {@link postgresUrl} with any password masked, for titles and messages. */
const shownUrl = ((): string => {
  const url = new URL(postgresUrl);
  if (url.password !== '') url.password = '***';
  return url.toString();
})();

/** What a suite learns about the database it runs on. */
export interface DatabaseContext {
  readonly dialect: Dialect;
  /**
   * Opens a second, independent store on the same database (another "process"), closed after the
   * test. PostgreSQL only: an in-memory SQLite database cannot be shared.
   */
  openAnother(): Promise<Store>;
}

/** A database created for one test file. */
export interface ScratchDatabase {
  readonly url: string;
  /** Drops the database, first ending connections still open on it. */
  drop(): Promise<void>;
}

async function probePostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : 'unknown error';
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Why PostgreSQL cannot be used, or undefined when it answers. Probed once per test file. */
export const postgresUnreachable: string | undefined = await probePostgres();

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database `carport_test_<random hex>` next to {@link postgresUrl}. */
export async function createScratchPostgresDatabase(): Promise<ScratchDatabase> {
  const name = `carport_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`create database ${name}`));
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(async (client) => {
        await client.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
        await client.query(`drop database if exists ${name}`);
      }),
  };
}

/**
 * `describe` for PostgreSQL-only tests. When the server is unreachable the tests are skipped
 * under a title naming the URL, except on CI (`CI` set), where one failing test says why.
 */
export function describePostgres(title: string, body: () => void): void {
  if (postgresUnreachable === undefined) {
    describe(title, body);
  } else if (process.env.CI !== undefined && process.env.CI !== '') {
    describe(title, () => {
      it('connects to PostgreSQL', () => {
        throw new Error(`PostgreSQL unreachable at ${shownUrl} (${postgresUnreachable}); CI must run the PostgreSQL variant`);
      });
    });
  } else {
    const skipped = `${title} (skipped: PostgreSQL unreachable at ${shownUrl}: ${postgresUnreachable})`;
    // Vitest reports a skipped suite by its count only; printing the title says why in every run.
    console.warn(skipped);
    describe.skip(skipped, body);
  }
}

function required(store: Store | undefined): Store {
  if (store === undefined) throw new Error('the store is only available inside a test');
  return store;
}

/**
 * Registers `suite` twice: on a fresh migrated in-memory SQLite database per test, and on one
 * migrated PostgreSQL database per call (per test file) emptied before every test.
 */
export function describeEachDatabase(name: string, suite: (getStore: () => Store, context: DatabaseContext) => void): void {
  describe(`${name} [sqlite]`, () => {
    let store: Store | undefined;
    beforeEach(async () => {
      store = await openDatabase({ databaseUrl: 'sqlite::memory:', dataDir: tmpdir() });
      await migrateToLatest(store);
    });
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });
    suite(() => required(store), {
      dialect: 'sqlite',
      openAnother: () => Promise.reject(new Error('an in-memory SQLite database cannot be opened twice')),
    });
  });

  describePostgres(`${name} [postgres]`, () => {
    let scratch: ScratchDatabase | undefined;
    let store: Store | undefined;
    const others: Store[] = [];
    beforeAll(async () => {
      scratch = await createScratchPostgresDatabase();
      store = await openDatabase({ databaseUrl: scratch.url, dataDir: tmpdir() });
      await migrateToLatest(store);
    });
    beforeEach(async () => {
      // Children before parents; DELETE beats TRUNCATE on tables this small.
      const db = required(store).db;
      for (const table of [...TABLE_NAMES].reverse()) await db.deleteFrom(table).execute();
    });
    afterEach(async () => {
      await Promise.all(others.splice(0).map((other) => other.close()));
    });
    afterAll(async () => {
      await store?.close();
      await scratch?.drop();
    });
    suite(() => required(store), {
      dialect: 'postgres',
      async openAnother() {
        if (scratch === undefined) throw new Error('openAnother is only available inside a test');
        const other = await openDatabase({ databaseUrl: scratch.url, dataDir: tmpdir() });
        others.push(other);
        return other;
      },
    });
  });
}
