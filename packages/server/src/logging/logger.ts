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
}

/** What a request line records: never headers or bodies, and the URL without secret parameters. */
function serializeRequest(request: LoggedRequest): Record<string, unknown> {
  return { method: request.method, url: sanitizeUrl(request.url ?? ''), remoteAddress: request.ip };
}

function serializeReply(reply: { readonly statusCode?: number }): Record<string, unknown> {
  return { statusCode: reply.statusCode };
}

/**
 * Creates the process logger; `destination` lets tests capture lines (standard output otherwise).
 * `auto` writes readable lines to a terminal and JSON to anything else (a pipe, a file, a log shipper).
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
  return destination === undefined ? pino(options) : pino(options, destination);
}
