/** @module Tests of DATABASE_URL handling: which engine each URL opens, and what is refused. */
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, SQLITE_FILE_NAME, type Store } from '../../src/store/index.js';
import { describePostgres, postgresUrl } from './database-harness.js';

const opened: Store[] = [];
const directories: string[] = [];

async function open(databaseUrl: string | undefined, dataDir = tmpdir()): Promise<Store> {
  const store = await openDatabase({ databaseUrl, dataDir });
  opened.push(store);
  return store;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('opens the embedded SQLite file in WAL mode when no URL is given, creating the directory', async () => {
    const base = mkdtempSync(join(tmpdir(), 'carport-store-'));
    directories.push(base);
    const dataDir = join(base, 'nested', 'data');
    const store = await open(undefined, dataDir);
    expect(store.dialect).toBe('sqlite');
    await store.ping();
    const file = join(dataDir, SQLITE_FILE_NAME);
    expect(existsSync(file)).toBe(true);
    await store.close();
    // journal_mode=WAL is persistent in the file, so a fresh connection sees it.
    const raw = new SqliteDatabase(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('keeps the data directory and the database files owner-only, narrowing an existing file', async () => {
    const base = mkdtempSync(join(tmpdir(), 'carport-store-'));
    directories.push(base);
    const dataDir = join(base, 'data');
    const first = await open(undefined, dataDir);
    await migrateToLatest(first);
    await first.close();
    const file = join(dataDir, SQLITE_FILE_NAME);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const path of [file, `${file}-wal`, `${file}-shm`].filter((candidate) => existsSync(candidate))) expect(statSync(path).mode & 0o777, path).toBe(0o600);
    chmodSync(file, 0o644);
    const again = await open(undefined, dataDir);
    await again.ping();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await again.close();
  });

  it('treats an empty URL like no URL', async () => {
    const base = mkdtempSync(join(tmpdir(), 'carport-store-'));
    directories.push(base);
    const store = await open('  ', base);
    expect(store.dialect).toBe('sqlite');
    expect(existsSync(join(base, SQLITE_FILE_NAME))).toBe(true);
  });

  it('opens private in-memory SQLite for sqlite::memory:', async () => {
    const store = await open('sqlite::memory:');
    expect(store.dialect).toBe('sqlite');
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('closes idempotently', async () => {
    const store = await open('sqlite::memory:');
    await store.close();
    await store.close();
    await expect(store.ping()).rejects.toThrow();
  });

  it('selects PostgreSQL for postgres:// and postgresql:// without connecting yet', async () => {
    for (const url of ['postgres://nobody@127.0.0.1:1/none', 'postgresql://nobody@127.0.0.1:1/none']) {
      const store = await open(url);
      expect(store.dialect).toBe('postgres');
      await store.close();
      await store.close();
    }
  });

  it.each(['mysql://localhost/carport', 'sqlite:./carport.sqlite', 'sqlite://carport.sqlite', 'carport.sqlite', 'file::memory:'])(
    'refuses %s, naming DATABASE_URL and what it accepts',
    async (url) => {
      await expect(openDatabase({ databaseUrl: url, dataDir: tmpdir() })).rejects.toThrow(
        /DATABASE_URL.*sqlite::memory:.*postgres:\/\/ or postgresql:\/\//,
      );
    },
  );

  it('keeps passwords out of the error message', async () => {
    await expect(openDatabase({ databaseUrl: 'mysql://carport:hunter2@db/carport', dataDir: tmpdir() })).rejects.toThrow(
      /^(?!.*hunter2).*mysql:\/\/carport:\*\*\*@db/,
    );
  });
});

describePostgres('openDatabase [postgres]', () => {
  it('connects to PostgreSQL and answers ping', async () => {
    const store = await open(postgresUrl);
    expect(store.dialect).toBe('postgres');
    await store.ping();
    await store.close();
    await store.close();
  });
});
