/** @module `/connect/owner`: owners sign in with their make's account and revoke any application's access. */
import { vehicleModes } from '../../catalog/vehicle-modes.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { findMake } from '../../catalog/makes.js';
import type { MakeDefinition } from '../../catalog/types.js';
import { csrfMatches, randomToken } from '../../connect/flow-state.js';
import { listOwnerGrants, revokeOwnerGrant } from '../../connect/owner-access.js';
import { CookieSealer } from '../../connect/sealed-cookie.js';
import type { SignInThrottle } from '../../connect/sign-in-throttle.js';
import { passwordLinkingOf } from '../../providers/contract/index.js';
import type { VehicleMode } from '../../providers/vehicle-provider.js';
import type { AppContext } from '../../app/services.js';
import { field, type FlowSession } from './flow-session.js';
import { renderOwnerGrantsPage, renderOwnerSignInPage } from './pages/owner-pages.js';

interface OwnerSession {
  readonly make: string;
  readonly mode: VehicleMode;
  readonly providerAccountId: string;
  readonly email: string | null;
  readonly csrf: string;
  readonly expiresAt: number;
}

interface FormSession {
  readonly csrf: string;
  readonly expiresAt: number;
}

const sessionCookie = 'carport_owner';
const formCookie = 'carport_owner_form';
const sessionLifetimeMs = 60 * 60 * 1000;
const html = 'text/html; charset=utf-8';

export function registerOwnerRoutes(scope: FastifyInstance, context: AppContext, flows: FlowSession, throttle: SignInThrottle): void {
  const base = flows.basePath;
  const sessions = new CookieSealer<OwnerSession>(context.config.secretKey, 'owner session');
  const forms = new CookieSealer<FormSession>(context.config.secretKey, 'owner sign-in form');
  const cookieOptions = { path: `${base}/connect/owner`, httpOnly: true, sameSite: 'strict' as const, secure: context.config.publicUrl.startsWith('https:') };
  const makes = (): MakeDefinition[] =>
    [...new Set(vehicleModes.flatMap((mode) => context.providers.makes(mode)))]
      .map((id) => findMake(id))
      .filter((make): make is MakeDefinition => make !== undefined)
      .sort((left, right) => left.displayName.localeCompare(right.displayName));

  const signInPage = (reply: FastifyReply, status: number, problem: string | null, chosen = { make: '', mode: 'live', username: '' }): FastifyReply => {
    const form: FormSession = { csrf: randomToken(), expiresAt: context.now().getTime() + sessionLifetimeMs };
    reply.setCookie(formCookie, forms.seal(form), { ...cookieOptions, maxAge: sessionLifetimeMs / 1000 });
    return reply.code(status).type(html).send(renderOwnerSignInPage(base, form.csrf, makes(), problem, chosen));
  };
  const grantsPage = async (reply: FastifyReply, session: OwnerSession, notice: string | null): Promise<FastifyReply> => {
    const account = { make: session.make, mode: session.mode, providerAccountId: session.providerAccountId, email: session.email };
    const grants = await listOwnerGrants(context.repositories, account);
    const label = `${session.email ?? session.providerAccountId} (${findMake(session.make)?.displayName ?? session.make})`;
    return reply.type(html).send(renderOwnerGrantsPage(base, session.csrf, label, grants, notice));
  };

  scope.get('/connect/owner', async (request, reply) => {
    const session = sessions.open(request.cookies[sessionCookie], context.now());
    return session === null ? signInPage(reply, 200, null) : grantsPage(reply, session, null);
  });

  scope.post('/connect/owner/sign-in', async (request, reply) => {
    const now = context.now();
    const form = forms.open(request.cookies[formCookie], now);
    if (form === null || !csrfMatches(form, field(request.body, 'csrf'))) return flows.invalidFlow(reply);
    const make = field(request.body, 'make') ?? '';
    const mode = vehicleModes.find((candidate) => candidate === field(request.body, 'mode')) ?? 'live';
    const username = (field(request.body, 'username') ?? '').trim();
    const password = field(request.body, 'password') ?? '';
    const chosen = { make, mode, username };
    // The owner page signs in with a password; a make linked by the manufacturer's own login is not offered here yet.
    const linking = passwordLinkingOf(context.providers.find(make, mode));
    if (linking === undefined || username === '' || password === '') return signInPage(reply, 400, 'Choose a brand and enter your email or phone number and password.', chosen);
    const throttleKey = `owner:${make}:${mode}:${username}`;
    const waitMs = throttle.waitMs(throttleKey, request.ip, now);
    if (waitMs > 0) return signInPage(reply, 429, `Too many failed sign-in attempts. Try again in ${Math.ceil(waitMs / 60_000)} minutes.`, chosen);
    const result = await linking.signIn(make, mode, { username, password });
    if (!result.ok) {
      throttle.recordFailure(throttleKey, request.ip, now);
      return signInPage(reply, 401, 'That email or phone number and password do not match an account.', chosen);
    }
    throttle.recordSuccess(throttleKey);
    const session: OwnerSession = { make, mode, providerAccountId: result.account.providerAccountId, email: result.account.email, csrf: randomToken(), expiresAt: now.getTime() + sessionLifetimeMs };
    reply.clearCookie(formCookie, cookieOptions);
    reply.setCookie(sessionCookie, sessions.seal(session), { ...cookieOptions, maxAge: sessionLifetimeMs / 1000 });
    return reply.redirect(`${base}/connect/owner`, 303);
  });

  scope.post('/connect/owner/revoke', async (request, reply) => {
    const session = sessions.open(request.cookies[sessionCookie], context.now());
    if (session === null || !csrfMatches(session, field(request.body, 'csrf'))) return flows.invalidFlow(reply);
    const account = { make: session.make, mode: session.mode, providerAccountId: session.providerAccountId, email: session.email };
    const connectionId = field(request.body, 'connection') ?? '';
    const revoked = await revokeOwnerGrant(context, account, connectionId);
    return grantsPage(reply.code(revoked ? 200 : 404), session, revoked ? 'Access revoked. The application can no longer use this vehicle.' : 'That access was already revoked.');
  });

  scope.post('/connect/owner/sign-out', (request, reply) => {
    const session = sessions.open(request.cookies[sessionCookie], context.now());
    if (session === null || !csrfMatches(session, field(request.body, 'csrf'))) return flows.invalidFlow(reply);
    reply.clearCookie(sessionCookie, cookieOptions);
    return reply.redirect(`${base}/connect/owner`, 303);
  });
}
