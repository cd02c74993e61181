/**
 * @module The developer dashboard under `/dashboard`: server-rendered pages over the accounts layer.
 * Every state-changing form carries a CSRF token bound to the session (`@fastify/csrf-protection`);
 * a POST without a valid one gets a page saying so, and nothing changes.
 */
import cookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import formBody from '@fastify/formbody';
import { createHash } from 'node:crypto';
import { DeveloperAccounts, logLinkSender, type AccountLinkSender } from '../../accounts/index.js';
import type { CarportModule } from '../carport-module.js';
import { basePathOf } from '../connect/flow-session.js';
import { registerAccountRoutes } from './account-routes.js';
import { registerApplicationRoutes } from './application-routes.js';
import { registerAuthRoutes } from './auth-routes.js';
import { CSRF_COOKIE, dashboardCookieOptions, DashboardSessions } from './dashboard-session.js';
import { registerHomeRoutes } from './home-routes.js';
import { messagePage } from './pages/auth-pages.js';
import { csrfBindingOf, RouteKit } from './route-kit.js';
import { registerReviewRoutes } from './review-routes.js';
import { registerTeamRoutes } from './team-routes.js';

/** The dashboard, with one-time links sent by `sender` (written to the log when none is given). */
export function dashboardModule(options: { readonly sender?: AccountLinkSender } = {}): CarportModule {
  return {
    name: 'dashboard',
    async register(scope, context) {
      const basePath = basePathOf(context.config);
      const cookieOptions = dashboardCookieOptions(basePath, context.config.publicUrl);
      await scope.register(cookie);
      await scope.register(formBody);
      await scope.register(csrfProtection, {
        sessionPlugin: '@fastify/cookie',
        cookieKey: CSRF_COOKIE,
        cookieOpts: cookieOptions,
        getToken: (request) => {
          const body = request.body;
          const token = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)._csrf : undefined;
          return typeof token === 'string' ? token : '';
        },
        getUserInfo: csrfBindingOf,
        // Derived, so tokens stay valid across restarts and across the processes sharing the key.
        csrfOpts: { hmacKey: createHash('sha256').update(`carport/dashboard-csrf/${context.config.secretKey}`).digest() },
      });
      const sessions = new DashboardSessions(context, cookieOptions);
      const accounts = new DeveloperAccounts({ repositories: context.repositories, publicUrl: context.config.publicUrl, sender: options.sender ?? logLinkSender(context.logger), now: context.now });
      const kit = new RouteKit({ context, basePath, accounts, sessions });
      scope.decorateRequest('dashboardState', null);
      scope.addHook('preHandler', async (request, reply) => {
        request.dashboardState = await sessions.load(request, reply);
        // One-time links carry their token in the path: keep it out of Referer headers.
        reply.header('Referrer-Policy', 'no-referrer');
      });
      scope.addHook('preHandler', (request, reply, done) => {
        if (request.method !== 'POST') {
          done();
          return;
        }
        scope.csrfProtection(request, reply, done);
      });
      scope.setErrorHandler((error, _request, reply) => {
        if (typeof error === 'object' && error !== null && 'code' in error && (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET')) {
          return kit.page(
            reply,
            messagePage({ basePath, title: 'This form has expired', message: 'Nothing was changed: the form was not one this dashboard just gave you (or it is too old). Open the page again and resend it.', linkText: 'Go to the dashboard', linkPath: '' }),
            403,
          );
        }
        throw error;
      });
      registerHomeRoutes(scope, kit);
      registerAuthRoutes(scope, kit);
      registerAccountRoutes(scope, kit);
      registerTeamRoutes(scope, kit);
      registerApplicationRoutes(scope, kit);
      registerReviewRoutes(scope, kit);
    },
  };
}
