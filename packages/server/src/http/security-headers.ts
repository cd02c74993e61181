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

/**
 * The HTML policy with more targets for `form-action`: a page whose form ends in a redirect to an
 * application must name that application's origin, or the browser blocks the redirect. A route sends
 * it as its own `Content-Security-Policy` header, which the hook below then leaves in place.
 */
export function htmlPolicyAllowingFormAction(sources: readonly string[]): string {
  return htmlContentSecurityPolicy.replace("form-action 'self'", ["form-action 'self'", ...sources].join(' '));
}

export function registerResponseHeaders(app: FastifyInstance, draining: () => boolean): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('SC-Request-Id', request.id);
    if (draining()) reply.header('Connection', 'close');
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) {
      if (!reply.hasHeader('content-security-policy')) reply.header('Content-Security-Policy', htmlContentSecurityPolicy);
      reply.header('X-Frame-Options', 'DENY');
    }
    done(null, payload);
  });
}
