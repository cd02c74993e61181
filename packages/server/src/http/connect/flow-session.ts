/** @module Reading and writing a flow's cookie, and the `configuration_error` page for requests without a valid flow. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/load-config.js';
import { errorRedirect } from '../../connect/connect-redirect.js';
import { csrfMatches, flowCookieLifetimeMs, flowCookieName, type FlowSealer, type FlowState } from '../../connect/flow-state.js';
import { renderErrorPage } from './pages/error-page.js';
import { renderExpiredFlowPage } from './pages/expired-flow-page.js';

/** Path prefix from PUBLIC_URL ('' when Carport is served at the root). */
export function basePathOf(config: Config): string {
  return new URL(config.publicUrl).pathname.replace(/\/+$/, '');
}

/** A form or query field as one string (repeated fields are ignored here; vehicle lists use `fieldList`). */
export function field(source: unknown, name: string): string | undefined {
  if (source === null || typeof source !== 'object') return undefined;
  const value = (source as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** A repeated form field (checkboxes) as a list. */
export function fieldList(source: unknown, name: string): string[] {
  if (source === null || typeof source !== 'object') return [];
  const value = (source as Record<string, unknown>)[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Cookie and page plumbing shared by the flow's routes. */
export class FlowSession {
  readonly #sealer: FlowSealer;
  readonly #config: Config;
  readonly #basePath: string;
  /** The flow each request read, so its page may send forms on to the flow's redirect URI. */
  readonly #flowOfRequest = new WeakMap<FastifyRequest, FlowState>();
  /** The authentic but expired flow a request named, so the owner can still be sent back. */
  readonly #expiredFlowOfRequest = new WeakMap<FastifyRequest, FlowState>();

  constructor(sealer: FlowSealer, config: Config) {
    this.#sealer = sealer;
    this.#config = config;
    this.#basePath = basePathOf(config);
  }

  get basePath(): string {
    return this.#basePath;
  }

  /** The flow named by the request's `flow` field, when its cookie is present, intact and unexpired. */
  read(request: FastifyRequest, flowId: string | undefined, now: Date): FlowState | null {
    if (flowId === undefined || !/^[A-Za-z0-9_-]{16,64}$/.test(flowId)) return null;
    const opened = this.#sealer.inspect(request.cookies[flowCookieName(flowId)], now);
    if (opened?.value.flowId !== flowId) return null;
    if (opened.expired) {
      this.#expiredFlowOfRequest.set(request, opened.value);
      return null;
    }
    this.#flowOfRequest.set(request, opened.value);
    return opened.value;
  }

  /** Where forms on this request's page may lead: the redirect URI of the flow it read (live or expired). */
  redirectUriOf(request: FastifyRequest): string | undefined {
    return (this.#flowOfRequest.get(request) ?? this.#expiredFlowOfRequest.get(request))?.redirectUri;
  }

  /** The flow of a form POST, which must also carry the flow's CSRF token. */
  readPosted(request: FastifyRequest, now: Date): FlowState | null {
    const flow = this.read(request, field(request.body, 'flow'), now);
    return flow !== null && csrfMatches(flow, field(request.body, 'csrf')) ? flow : null;
  }

  save(reply: FastifyReply, flow: FlowState): void {
    reply.setCookie(flowCookieName(flow.flowId), this.#sealer.seal(flow), {
      path: `${this.#basePath}/`,
      httpOnly: true,
      // Lax: the flow starts with a top-level navigation from the application's site.
      sameSite: 'lax',
      secure: this.#config.publicUrl.startsWith('https:'),
      maxAge: Math.floor(flowCookieLifetimeMs / 1000),
    });
  }

  clear(reply: FastifyReply, flow: FlowState): void {
    reply.clearCookie(flowCookieName(flow.flowId), { path: `${this.#basePath}/` });
  }

  /**
   * Jumping to a later step without a valid flow (or with a forged form) is a configuration error. A
   * flow that merely expired tells the owner so and offers the way back to the application.
   */
  invalidFlow(reply: FastifyReply): FastifyReply {
    const expired = this.#expiredFlowOfRequest.get(reply.request);
    if (expired !== undefined) {
      const back = errorRedirect(expired.redirectUri, 'user_manually_returned_to_application', expired.state);
      this.clear(reply, expired);
      return reply.code(400).type('text/html; charset=utf-8').send(renderExpiredFlowPage(this.#basePath, back));
    }
    return reply
      .code(400)
      .type('text/html; charset=utf-8')
      .send(renderErrorPage(this.#basePath, 'This Connect session is missing, has expired, or the form was not sent by this page. Start again from the application.', 'configuration_error'));
  }

  /** Ends the flow with a redirect to the application. */
  finish(reply: FastifyReply, flow: FlowState, location: string): FastifyReply {
    this.clear(reply, flow);
    return reply.redirect(location, 303);
  }
}
