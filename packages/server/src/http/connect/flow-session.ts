/** @module Reading and writing a flow's cookie, and the `configuration_error` page for requests without a valid flow. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/load-config.js';
import { csrfMatches, flowCookieName, flowLifetimeMs, type FlowSealer, type FlowState } from '../../connect/flow-state.js';
import { renderErrorPage } from './pages/error-page.js';

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
    const flow = this.#sealer.open(request.cookies[flowCookieName(flowId)], now);
    return flow?.flowId === flowId ? flow : null;
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
      maxAge: Math.floor(flowLifetimeMs / 1000),
    });
  }

  clear(reply: FastifyReply, flow: FlowState): void {
    reply.clearCookie(flowCookieName(flow.flowId), { path: `${this.#basePath}/` });
  }

  /** Jumping to a later step without a valid flow (or with a forged form) is a configuration error. */
  invalidFlow(reply: FastifyReply): FastifyReply {
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
