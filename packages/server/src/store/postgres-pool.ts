/**
 * @module The pg pool as Kysely sees it, with one change: a connection whose query failed on the
 * client side (a read timeout, a reset, a connection that ended) goes back to the pool as broken,
 * so the pool discards it instead of lending it out again.
 */
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import pg from 'pg';

/**
 * After a client-side failure the connection's protocol state is unknown: the answer to the query
 * that timed out may still arrive and would be read as the answer to the next one, or never arrive
 * and stall every later query on it. A `DatabaseError` is the server answering; the connection is fine.
 */
function leavesConnectionBroken(error: unknown): boolean {
  return !(error instanceof pg.DatabaseError);
}

class DiscardingClient implements PostgresPoolClient {
  readonly #client: pg.PoolClient;
  #failure: Error | undefined;

  constructor(client: pg.PoolClient) {
    this.#client = client;
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(sqlOrCursor: string | PostgresCursor<R>, parameters: ReadonlyArray<unknown> = []): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    // Kysely only streams through a cursor when the dialect is given a cursor class, which Carport never does.
    if (typeof sqlOrCursor !== 'string') throw new Error('Carport does not configure PostgreSQL cursors');
    return this.#run<R>(sqlOrCursor, parameters);
  }

  async #run<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    try {
      const result = await this.#client.query<pg.QueryResultRow>(sql, [...parameters]);
      return { command: result.command as PostgresQueryResult<R>['command'], rowCount: result.rowCount ?? 0, rows: result.rows as R[] };
    } catch (error) {
      if (leavesConnectionBroken(error)) this.#failure = error instanceof Error ? error : new Error(String(error));
      throw error;
    }
  }

  release(): void {
    this.#client.release(this.#failure);
  }
}

/** Lends Kysely connections of `pool`, discarding each one a client-side failure left in doubt. */
export class DiscardingPool implements PostgresPool {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async connect(): Promise<PostgresPoolClient> {
    return new DiscardingClient(await this.#pool.connect());
  }

  end(): Promise<void> {
    return this.#pool.ended ? Promise.resolve() : this.#pool.end();
  }
}
