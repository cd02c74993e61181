/** @module Readable log lines for a person at a terminal: one line per request, the rest as message plus fields. */
import type { DestinationStream } from 'pino';
import pretty from 'pino-pretty';

/** The fields of a request line, rendered into its message (the vehicle is in the path) rather than repeated after it. */
const requestLineFields = ['req', 'res', 'responseTime', 'applicationId', 'vehicleId', 'error'];

interface RequestLine {
  readonly req?: { readonly method?: unknown; readonly url?: unknown };
  readonly res?: { readonly statusCode?: unknown };
  readonly responseTime?: unknown;
  readonly applicationId?: unknown;
  readonly error?: { readonly type?: unknown; readonly code?: unknown };
}

/**
 * `GET /v2.0/vehicles/…/odometer 200 3.1 ms app 1a2b…` for a request line (with `PERMISSION` or
 * `VEHICLE_STATE:ASLEEP` and the request id when it failed); other lines keep their message and
 * request id, their other fields following on the same line.
 */
export function formatMessage(line: Readonly<Record<string, unknown>>, messageKey: string): string {
  const request = line as RequestLine;
  const message = typeof line[messageKey] === 'string' ? line[messageKey] : '';
  const requestId = typeof line.requestId === 'string' ? line.requestId : undefined;
  if (request.req === undefined || request.res === undefined) return requestId === undefined ? message : `${message} [${requestId}]`;
  const parts = [String(request.req.method), String(request.req.url), String(request.res.statusCode)];
  if (typeof request.responseTime === 'number') parts.push(`${request.responseTime.toFixed(1)} ms`);
  if (typeof request.applicationId === 'string') parts.push(`app ${request.applicationId}`);
  const { type, code } = request.error ?? {};
  if (typeof type === 'string') parts.push(typeof code === 'string' ? `${type}:${code}` : type);
  // The request id is what finds a failure's other lines; successful requests do without it.
  if (typeof request.res.statusCode === 'number' && request.res.statusCode >= 400 && requestId !== undefined) parts.push(`[${requestId}]`);
  return parts.join(' ');
}

/** A destination that writes `destination` readable lines (coloured when it is a terminal). */
export function prettyLines(destination: DestinationStream | NodeJS.WritableStream, colorize: boolean): DestinationStream {
  return pretty({
    destination,
    colorize,
    sync: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: ['pid', 'hostname', 'service', 'requestId', ...requestLineFields].join(','),
    messageFormat: (line, messageKey) => formatMessage(line, messageKey),
  });
}
