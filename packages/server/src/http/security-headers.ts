/** @module Headers on every response: `SC-Request-Id`, security headers (a strict CSP on HTML pages), and `Connection: close` while draining. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { scriptCapableSchemes } from '../connect/redirect-uri.js';

/**
 * The CSP of every HTML page. No inline script anywhere; styles may be inline because the API
 * reference renderer injects them. `formTargets` are the extra places a form on the page may be sent
 * to, including every redirect that answers the POST: browsers apply `form-action` to the whole
 * redirect chain, so a Connect page must name the application's redirect URI or the flow's last step
 * is blocked.
 */
export function htmlContentSecurityPolicy(formTargets: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    ["form-action 'self'", ...formTargets].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * The CSP source that lets a form's redirect reach `redirectUri`: its origin for `http(s)` URIs, its
 * scheme for the custom schemes mobile apps register (`sc<client id>://exchange`), undefined for a
 * value no source expression can express safely.
 */
export function formTargetOf(redirectUri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return undefined;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  // A scheme-source is the scheme and its colon; URL has already lower-cased and checked it.
  return /^[a-z][a-z0-9+.-]*:$/.test(url.protocol) && !scriptCapableSchemes.has(url.protocol) ? url.protocol : undefined;
}

/** Gives this page's CSP the extra form targets; the onSend hook keeps a policy a route has set. */
export function allowFormTargets(reply: FastifyReply, redirectUris: readonly string[]): FastifyReply {
  const targets = [...new Set(redirectUris.map(formTargetOf).filter((target): target is string => target !== undefined))];
  return reply.header('Content-Security-Policy', htmlContentSecurityPolicy(targets));
}

const defaultHtmlPolicy = htmlContentSecurityPolicy();

/** HSTS for a year: behind an https PUBLIC_URL, browsers must never fall back to plain http (tokens and Connect cookies travel here). */
const strictTransportSecurity = 'max-age=31536000';

export function registerResponseHeaders(app: FastifyInstance, draining: () => boolean, options: { readonly strictTransportSecurity: boolean } = { strictTransportSecurity: false }): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('SC-Request-Id', request.id);
    if (options.strictTransportSecurity) reply.header('Strict-Transport-Security', strictTransportSecurity);
    if (draining()) reply.header('Connection', 'close');
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) {
      if (!reply.hasHeader('Content-Security-Policy')) reply.header('Content-Security-Policy', defaultHtmlPolicy);
      reply.header('X-Frame-Options', 'DENY');
    }
    done(null, payload);
  });
}
