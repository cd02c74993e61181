/**
 * @module Text a request carries may not contain NUL characters. PostgreSQL cannot store them in
 * text (SQLite can), so an id, filter or name with `%00` in it used to reach the database and fail
 * there as a server error; it is the client's mistake and is answered as one.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../catalog/api-error.js';

/** The first path (`body.name`, `query.user_id`) under `value` whose text holds a NUL, or undefined. */
function nulPath(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return path;
    const found = nulPath(item, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

const refusal = (field: string): ApiError => new ApiError('VALIDATION', null, { detail: [{ field, message: 'must not contain NUL characters' }] });

/**
 * Refuses a request whose path parameters, query or body hold a NUL character, naming where: the
 * URL as soon as it is routed (authentication hooks already look ids up), the body once parsed.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const field = nulPath(request.params, 'params') ?? nulPath(request.query, 'query');
    done(field === undefined ? undefined : refusal(field));
  });
  app.addHook('preValidation', (request, _reply, done) => {
    const field = nulPath(request.body, 'body');
    done(field === undefined ? undefined : refusal(field));
  });
}
