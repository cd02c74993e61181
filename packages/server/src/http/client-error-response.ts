/**
 * @module The answer to a request Node's HTTP server refuses before Fastify sees it (a bare CR in a
 * header, headers too large, a malformed request line, a request not received in time): the
 * catalog's VALIDATION body written to the socket, so even these clients get the one error shape,
 * with a request id.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { findError } from '../catalog/errors.js';
import { renderErrorBody } from '../catalog/error-body.js';

/** Node's parser and server codes, described in our words (theirs quote the parser). */
const parserProblems: Readonly<Record<string, string>> = {
  ERR_HTTP_REQUEST_TIMEOUT: 'The request was not received in time.',
  HPE_HEADER_OVERFLOW: 'The request headers are too large.',
  HPE_INVALID_HEADER_TOKEN: 'A request header is malformed.',
  HPE_LF_EXPECTED: 'A request line or header is not terminated by CRLF.',
  HPE_CR_EXPECTED: 'A request line or header is not terminated by CRLF.',
  HPE_INVALID_METHOD: 'The request method is malformed.',
  HPE_INVALID_URL: 'The request URL is malformed.',
};

export function clientErrorHandler(errorDocsUrl: string): (error: Error & { code?: string }, socket: Socket) => void {
  return (error, socket) => {
    // A connection that timed out before sending a byte (a browser's speculative one, or a client
    // that only holds it) has no request to answer, and an answer could pass for the reply to the
    // request a client sends at that very moment.
    const silent = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' && socket.bytesRead === 0;
    if (!socket.writable || silent) {
      socket.destroy();
      return;
    }
    const definition = findError('VALIDATION', null);
    if (definition === undefined) throw new Error('the error catalog lacks VALIDATION');
    const requestId = randomUUID();
    const message = parserProblems[error.code ?? ''] ?? 'The request is not valid HTTP.';
    const body = JSON.stringify(renderErrorBody(definition, { requestId, errorDocsUrl, detail: [{ field: 'request', message }] }));
    socket.end(
      [
        `HTTP/1.1 ${definition.statusCode} Bad Request`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        `SC-Request-Id: ${requestId}`,
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  };
}
