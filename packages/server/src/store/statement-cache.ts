/** @module Reuses prepared SQLite statements: Kysely prepares every query anew, and preparing dominated the read path's cost. */
import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase, SqliteStatement } from 'kysely';

/** Statements kept at most; query shapes are few (built from code), so this bounds only pathological use. */
const maxStatements = 500;

/**
 * The database as Kysely's SQLite dialect sees it, with `prepare` answered from a cache. better-sqlite3
 * statements are reusable and the driver is synchronous, so one statement never runs twice at once.
 */
export function withStatementCache(database: SqliteDatabase.Database): KyselySqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare: (sql) => {
      const cached = statements.get(sql);
      if (cached !== undefined) return cached;
      if (statements.size >= maxStatements) statements.clear();
      const statement = database.prepare(sql);
      statements.set(sql, statement);
      return statement;
    },
  };
}
