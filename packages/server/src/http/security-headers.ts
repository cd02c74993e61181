/** @module Headers on every response: `SC-Request-Id`, security headers (a strict CSP on HTML pages), and `Connection: close` while draining. */
import type { FastifyInstance } from 'fastify';

/** No inline script anywhere; styles may be inline because the API reference renderer injects them. */
const htmlContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

export function registerResponseHeaders(app: FastifyInstance, draining: () => boolean): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('SC-Request-Id', request.id);
    if (draining()) reply.header('Connection', 'close');
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) {
      reply.header('Content-Security-Policy', htmlContentSecurityPolicy);
      reply.header('X-Frame-Options', 'DENY');
    }
    done(null, payload);
  });
}
