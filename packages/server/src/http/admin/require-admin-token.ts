/** @module The admin API's authentication step: the configured admin token as a bearer token, or 401 AUTHENTICATION. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../catalog/api-error.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Adds admin-token authentication to every route of `scope`. */
export function requireAdminToken(scope: FastifyInstance, adminToken: string): void {
  const expected = digest(adminToken);
  scope.addHook('onRequest', (request, _reply, done) => {
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    // Comparing digests keeps the comparison constant-time whatever the presented token's length.
    if (match?.[1] === undefined || !timingSafeEqual(digest(match[1]), expected)) {
      done(
        new ApiError('AUTHENTICATION', null, {
          description: 'The admin API needs `Authorization: Bearer <CARPORT_ADMIN_TOKEN>`.',
          headers: { 'WWW-Authenticate': 'Bearer realm="carport-admin"' },
        }),
      );
      return;
    }
    done();
  });
}
