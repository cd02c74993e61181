/** @module The structured (pino) logger, with secrets and tokens redacted wherever they appear. */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogFormat, LogLevel } from '../config/setting-parsers.js';
import { prettyLines } from './pretty-lines.js';

/**
 * Paths pino blanks out. Credentials travel in headers and form bodies, so both are covered; the
 * request serializer additionally strips secret query parameters (see `sanitizeUrl`).
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.authorization',
  '*.headers.authorization',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.client_secret',
  '*.clientSecret',
  '*.access_token',
  '*.accessToken',
  '*.refresh_token',
  '*.refreshToken',
  '*.code_verifier',
  '*.managementToken',
  '*.password',
  '*.secretKey',
];

const secretQueryParameters = new Set(['code', 'client_secret', 'access_token', 'refresh_token', 'code_verifier', 'password']);

/** Replaces the values of secret query parameters so URLs can be logged. */
export function sanitizeUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const params = new URLSearchParams(url.slice(queryStart + 1));
  let changed = false;
  for (const name of [...params.keys()]) {
    if (secretQueryParameters.has(name)) {
      params.set(name, '[Redacted]');
      changed = true;
    }
  }
  return changed ? `${url.slice(0, queryStart)}?${params.toString()}` : url;
}

interface LoggedRequest {
  readonly method?: string;
  readonly url?: string;
  readonly ip?: string;
  /** Fastify's matched route; absent when no route matched (and on objects that are no Fastify request). */
  readonly routeOptions?: { readonly url?: string };
}

/**
 * What a request line records: never headers or bodies, the URL without secret parameters, and the
 * route it matched (`/v2.0/vehicles/:id/odometer`), which groups lines by endpoint.
 */
function serializeRequest(request: LoggedRequest): Record<string, unknown> {
  return { method: request.method, url: sanitizeUrl(request.url ?? ''), route: request.routeOptions?.url, remoteAddress: request.ip };
}

function serializeReply(reply: { readonly statusCode?: number }): Record<string, unknown> {
  return { statusCode: reply.statusCode };
}

/**
 * Where JSON lines go by default: written from a buffer off the event loop instead of one blocking
 * write per line (which cost a busy server a measurable share of its throughput). A line reaches
 * `dest` once 12 KiB are buffered or within `flushIntervalMs`; {@link flushLog} writes out the rest,
 * and pino writes it synchronously if the process exits without a graceful stop. Each write costs a
 * hand-off to a worker thread whatever its size, so a busy server writes some 25 request lines at a
 * time (the destination takes at most 16 KiB a write).
 */
export function bufferedDestination(dest: number | string, flushIntervalMs = 100): ReturnType<typeof pino.destination> {
  return pino.destination({ dest, sync: false, minLength: 12_288, periodicFlush: flushIntervalMs });
}

/** Waits until every line logged so far has been written; a destination that buffers nothing resolves at once. */
export function flushLog(logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    // A log that cannot be written must not hold a shutdown open: the error has nowhere to go.
    logger.flush(() => {
      resolve();
    });
  });
}

/**
 * The logger of request lines: the same destination and serialisers without the redaction pass. A
 * request line is built from fixed fields (the serialised request and reply, durations, ids, a
 * catalog error pair), never headers or bodies, so redaction finds nothing in it, and running it
 * cost about as much as the rest of the line. Lines carrying anything else use `logger` itself.
 */
export function requestLineLogger(logger: Logger): Logger {
  return logger.child({}, { redact: [] });
}

/**
 * Creates the process logger; `destination` lets tests capture lines (standard output, buffered,
 * otherwise). `auto` writes readable lines to a terminal and JSON to anything else (a pipe, a file,
 * a log shipper).
 */
export function createLogger(level: LogLevel, destination?: DestinationStream, format: LogFormat = 'json'): Logger {
  const options = {
    level,
    base: { service: 'carport' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactedPaths, censor: '[Redacted]' },
    serializers: { req: serializeRequest, res: serializeReply, err: pino.stdSerializers.err },
  };
  const pretty = format === 'pretty' || (format === 'auto' && destination === undefined && process.stdout.isTTY);
  if (pretty) return pino(options, prettyLines(destination ?? process.stdout, destination === undefined && process.stdout.isTTY));
  return pino(options, destination ?? bufferedDestination(1));
}
