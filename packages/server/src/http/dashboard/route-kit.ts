/** @module What every dashboard route shares: the accounts layer, the sign-in state, CSRF tokens, page answers and the member guard. */
import type {} from '@fastify/csrf-protection';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DeveloperAccounts } from '../../accounts/index.js';
import type { AppContext } from '../../app/services.js';
import type { Membership } from '../../store/index.js';
import type { DashboardSessions, SignedInState } from './dashboard-session.js';
import type { Viewer } from './pages/layout.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The dashboard session the request carries (set by the dashboard's first hook). */
    dashboardState: SignedInState | null;
  }
}

/** A signed-in member on a page that needs one: the session, and the team they act in (null for an operator of none). */
export interface MemberContext {
  readonly state: SignedInState;
  readonly membership: Membership | null;
  readonly viewer: Viewer;
}

export class RouteKit {
  readonly context: AppContext;
  readonly basePath: string;
  readonly accounts: DeveloperAccounts;
  readonly sessions: DashboardSessions;

  constructor(parts: { context: AppContext; basePath: string; accounts: DeveloperAccounts; sessions: DashboardSessions }) {
    this.context = parts.context;
    this.basePath = parts.basePath;
    this.accounts = parts.accounts;
    this.sessions = parts.sessions;
  }

  /** A dashboard path with the public URL's prefix. */
  path(path: string): string {
    return `${this.basePath}/dashboard${path}`;
  }

  /** A CSRF token for this request's forms, bound to its session (or to none before sign-in). */
  csrfToken(request: FastifyRequest, reply: FastifyReply): string {
    return reply.generateCsrf({ userInfo: csrfBindingOf(request) });
  }

  viewerOf(request: FastifyRequest, reply: FastifyReply, state: SignedInState): Viewer {
    return { email: state.account.email, isOperator: state.account.isOperator, csrfToken: this.csrfToken(request, reply) };
  }

  page(reply: FastifyReply, body: string, statusCode = 200): FastifyReply {
    return reply.code(statusCode).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body);
  }

  /** After a form that changed something: the browser loads the next page with GET. */
  seeOther(reply: FastifyReply, path: string): FastifyReply {
    return reply.redirect(this.path(path), 303);
  }

  /**
   * The signed-in member, or undefined once the answer is sent: to sign-in without a full session,
   * to the account page while the team requires a second factor the account lacks (unless
   * `enrolling`, the pages that set it up).
   */
  async member(request: FastifyRequest, reply: FastifyReply, options: { readonly enrolling?: boolean } = {}): Promise<MemberContext | undefined> {
    const state = request.dashboardState;
    if (state === null || state.session.stage !== 'signed-in') {
      await this.seeOther(reply, '/sign-in');
      return undefined;
    }
    const memberships = await this.context.repositories.teams.membershipsOf(state.account.id);
    const membership = memberships[0] ?? null;
    if (options.enrolling !== true && state.account.mfaEnabledAt === null && memberships.some((entry) => entry.team.mfaRequired)) {
      await this.seeOther(reply, '/account');
      return undefined;
    }
    return { state, membership, viewer: this.viewerOf(request, reply, state) };
  }
}

/** What a CSRF token is bound to: the session's id hash, or a fixed value before sign-in. */
export function csrfBindingOf(request: FastifyRequest): string {
  return request.dashboardState?.session.idHash ?? 'signed-out';
}

/** A form field as one string ('' when absent or repeated). */
export function formField(body: unknown, name: string): string {
  if (body === null || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

/** A form field that may repeat (checkboxes), as a list; empty when absent. */
export function formList(body: unknown, name: string): string[] {
  if (body === null || typeof body !== 'object') return [];
  const value = (body as Record<string, unknown>)[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}
