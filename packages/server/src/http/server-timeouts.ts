/**
 * @module How long the HTTP server waits on a client: for its headers, its whole request, its next
 * keep-alive request and any sign of life, so a slow or stalled client cannot hold a connection.
 */
import type { ServerOptions } from 'node:http';
import type { Config } from '../config/load-config.js';

/** The Fastify server options that bound a connection's lifetime. */
export interface ServerTimeoutOptions {
  readonly connectionTimeout: number;
  readonly keepAliveTimeout: number;
  readonly requestTimeout: number;
  readonly maxRequestsPerSocket: number;
  readonly http: ServerOptions;
}

/**
 * Node checks the header and request deadlines on a timer, every 30 s unless told otherwise, which
 * would let a stalled request live up to 30 s past its deadline; a tenth of the headers timeout
 * (at most a second) keeps the overshoot small without scanning connections often.
 */
function deadlineCheckInterval(headersTimeoutMs: number): number {
  return Math.max(10, Math.min(1_000, Math.floor(headersTimeoutMs / 10)));
}

/**
 * The options for `fastify()`. Node applies the headers timeout only through the server's
 * construction options, hence `http`; Fastify sets the others on the server it creates.
 */
export function serverTimeoutOptions(config: Pick<Config, 'connectionTimeoutMs' | 'keepAliveTimeoutMs' | 'requestTimeoutMs' | 'maxRequestsPerSocket' | 'headersTimeoutMs'>): ServerTimeoutOptions {
  return {
    connectionTimeout: config.connectionTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    maxRequestsPerSocket: config.maxRequestsPerSocket,
    http: {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: deadlineCheckInterval(config.headersTimeoutMs),
    },
  };
}
