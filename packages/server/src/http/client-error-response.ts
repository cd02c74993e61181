/**
 * @module The answer to a request Node's HTTP parser refuses before Fastify sees it (a bare CR in a
 * header, headers too large, a malformed request line): the catalog's VALIDATION body written to the
 * socket, so even these clients get the one error shape, with a request id.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { findError } from '../catalog/errors.js';
import { renderErrorBody } from './error-body.js';

/** Node's parser codes, described in our words (theirs quote the parser). */
const parserProblems: Readonly<Record<string, string>> = {
  HPE_HEADER_OVERFLOW: 'The request headers are too large.',
  HPE_INVALID_HEADER_TOKEN: 'A request header is malformed.',
  HPE_LF_EXPECTED: 'A request line or header is not terminated by CRLF.',
  HPE_CR_EXPECTED: 'A request line or header is not terminated by CRLF.',
  HPE_INVALID_METHOD: 'The request method is malformed.',
  HPE_INVALID_URL: 'The request URL is malformed.',
};

export function clientErrorHandler(errorDocsUrl: string): (error: Error & { code?: string }, socket: Socket) => void {
  return (error, socket) => {
    if (!socket.writable) {
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
