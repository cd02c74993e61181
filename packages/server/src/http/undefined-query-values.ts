/** @module Query values that are the literal text `undefined` count as absent. */
import type { FastifyInstance } from 'fastify';

/**
 * The official `smartcar` SDK interpolates unset options into query strings (`?limit=undefined`);
 * dropping them before validation lets such requests mean what their author meant.
 */
export function stripUndefinedQueryValues(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const query = request.query;
    if (query !== null && typeof query === 'object') {
      const record = query as Record<string, unknown>;
      for (const [name, value] of Object.entries(record)) if (value === 'undefined') Reflect.deleteProperty(record, name);
    }
    done();
  });
}
