/** @module JSON request bodies: an empty body is no body, and malformed JSON is a catalog VALIDATION error. */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../catalog/api-error.js';
import { refuseNonFiniteNumbers } from './finite-numbers.js';

/**
 * Text that may hold a number literal too large to be finite: an exponent, or 309 digits in a row
 * (10^308 is the largest power of ten a double holds). Only such bodies pay for the reviver, which
 * is called for every value and showed in the batch route's profile; a match inside a string only
 * costs the slower parse.
 */
const mayOverflow = /\d[eE][+-]?\d|\d{309}/;

/**
 * Replaces Fastify's JSON parser. The official `smartcar` SDK sends `Content-Type: application/json`
 * with an empty body on GET, DELETE and POST, which Fastify's own parser rejects.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    /^application\/([\w.+-]+\+)?json(;.*)?$/i,
    { parseAs: 'string' },
    (_request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') {
        done(null, undefined);
        return;
      }
      try {
        done(null, (mayOverflow.test(text) ? JSON.parse(text, refuseNonFiniteNumbers) : JSON.parse(text)) as unknown);
      } catch (error) {
        if (error instanceof ApiError) {
          done(error, undefined);
          return;
        }
        const reason = error instanceof Error ? error.message : 'unparseable';
        done(
          new ApiError('VALIDATION', null, {
            description: 'The request body is not valid JSON.',
            detail: [{ field: 'body', message: `Malformed JSON: ${reason}` }],
          }),
          undefined,
        );
      }
    },
  );
}

/**
 * A POST, PUT or PATCH without a body is treated as an empty JSON object, so an endpoint whose body
 * fields are all optional accepts it, and one with required fields names them in its VALIDATION
 * detail (rather than the unhelpful "body must be object").
 */
export function treatMissingBodyAsEmptyObject(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.body === undefined && (request.method === 'POST' || request.method === 'PUT' || request.method === 'PATCH')) request.body = {};
    done();
  });
}
