/**
 * @module The dashboard's sign-in state on a request: the session cookie (an opaque random id,
 * HttpOnly, SameSite=Lax, Secure on https), the session and account it names, and the CSRF binding.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { dashboardSessionLifetimes, mfaPendingLifetimes } from '../../accounts/index.js';
import type { AppContext } from '../../app/services.js';
import type { DashboardSessionRecord, DeveloperAccountRecord, SessionStage } from '../../store/index.js';

export const SESSION_COOKIE = 'carport_dashboard';
export const CSRF_COOKIE = 'carport_dashboard_csrf';

/** The session a request carries, with its account. */
export interface SignedInState {
  readonly id: string;
  readonly session: DashboardSessionRecord;
  readonly account: DeveloperAccountRecord;
}

export interface CookieOptions {
  readonly path: string;
  readonly httpOnly: true;
  readonly sameSite: 'lax';
  readonly secure: boolean;
}

/** The cookies' attributes: scoped to the dashboard's path, Secure whenever the public URL is https. */
export function dashboardCookieOptions(basePath: string, publicUrl: string): CookieOptions {
  return { path: `${basePath}/dashboard`, httpOnly: true, sameSite: 'lax', secure: publicUrl.startsWith('https:') };
}

function lifetimesOf(stage: SessionStage): typeof dashboardSessionLifetimes {
  return stage === 'signed-in' ? dashboardSessionLifetimes : mfaPendingLifetimes;
}

/** Reads and maintains the session cookie. */
export class DashboardSessions {
  readonly #context: AppContext;
  readonly #cookie: CookieOptions;

  constructor(context: AppContext, cookie: CookieOptions) {
    this.#context = context;
    this.#cookie = cookie;
  }

  /** The live session the request's cookie names, or null (an unknown or expired id is cleared). */
  async load(request: FastifyRequest, reply: FastifyReply): Promise<SignedInState | null> {
    const id = request.cookies[SESSION_COOKIE];
    if (id === undefined || id === '') return null;
    const repositories = this.#context.repositories;
    const session = await repositories.dashboardSessions.resume(id, lifetimesOf);
    const account = session === null ? null : await repositories.developerAccounts.findById(session.accountId);
    if (session === null || account === null) {
      reply.clearCookie(SESSION_COOKIE, this.#cookie);
      return null;
    }
    return { id, session, account };
  }

  /**
   * Starts a fresh session for the account, ending the one the request carried: every sign-in step
   * issues a new id, so an id planted in a browser before sign-in is never signed in.
   */
  async begin(reply: FastifyReply, previous: SignedInState | null, accountId: string, stage: SessionStage): Promise<void> {
    if (previous !== null) await this.#context.repositories.dashboardSessions.end(previous.id);
    const { id } = await this.#context.repositories.dashboardSessions.create(accountId, stage, lifetimesOf(stage));
    reply.setCookie(SESSION_COOKIE, id, this.#cookie);
  }

  async end(reply: FastifyReply, state: SignedInState | null): Promise<void> {
    if (state !== null) await this.#context.repositories.dashboardSessions.end(state.id);
    reply.clearCookie(SESSION_COOKIE, this.#cookie);
  }
}
