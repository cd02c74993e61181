/** @module Reading and writing a flow's cookie, ending a flow exactly once, and the pages for requests without a live flow. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/load-config.js';
import { errorRedirect } from '../../connect/connect-redirect.js';
import { csrfMatches, flowCookieLifetimeMs, flowCookieName, lastCookieArrival, type FlowSealer, type FlowState } from '../../connect/flow-state.js';
import type { FinishedFlowRepository } from '../../store/index.js';
import { renderErrorPage } from './pages/error-page.js';
import { renderExpiredFlowPage } from './pages/expired-flow-page.js';
import { renderFinishedFlowPage } from './pages/finished-flow-page.js';

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

/** An authentic flow a request named that can no longer go on, and why. */
interface EndedFlow {
  readonly flow: FlowState;
  readonly why: 'expired' | 'finished';
}

/** Cookie and page plumbing shared by the flow's routes. */
export class FlowSession {
  readonly #sealer: FlowSealer;
  readonly #config: Config;
  readonly #finishedFlows: FinishedFlowRepository;
  readonly #basePath: string;
  /** The flow each request read, so its page may send forms on to the flow's redirect URI. */
  readonly #flowOfRequest = new WeakMap<FastifyRequest, FlowState>();
  /** The authentic but ended flow a request named, so the owner is told what happened to it. */
  readonly #endedFlowOfRequest = new WeakMap<FastifyRequest, EndedFlow>();

  constructor(sealer: FlowSealer, config: Config, finishedFlows: FinishedFlowRepository) {
    this.#sealer = sealer;
    this.#config = config;
    this.#finishedFlows = finishedFlows;
    this.#basePath = basePathOf(config);
  }

  get basePath(): string {
    return this.#basePath;
  }

  /** The flow named by the request's `flow` field, when its cookie is present, intact and unexpired, and the flow has not ended. */
  async read(request: FastifyRequest, flowId: string | undefined, now: Date): Promise<FlowState | null> {
    if (flowId === undefined || !/^[A-Za-z0-9_-]{16,64}$/.test(flowId)) return null;
    const opened = this.#sealer.inspect(request.cookies[flowCookieName(flowId)], now);
    if (opened?.value.flowId !== flowId) return null;
    // The cookie of an ended flow stays authentic (a copy, the back button): only the store knows it ended.
    const why = (await this.#finishedFlows.isFinished(flowId)) ? 'finished' : opened.expired ? 'expired' : null;
    if (why !== null) {
      this.#endedFlowOfRequest.set(request, { flow: opened.value, why });
      return null;
    }
    this.#flowOfRequest.set(request, opened.value);
    return opened.value;
  }

  /** The flow this request read (live or ended), if any: where forms on its page may lead follows from it. */
  flowOf(request: FastifyRequest): FlowState | undefined {
    return this.#flowOfRequest.get(request) ?? this.#endedFlowOfRequest.get(request)?.flow;
  }

  /** The flow of a form POST, which must also carry the flow's CSRF token. */
  async readPosted(request: FastifyRequest, now: Date): Promise<FlowState | null> {
    const flow = await this.read(request, field(request.body, 'flow'), now);
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
   * flow that merely expired tells the owner so and offers the way back to the application; one that
   * already ended says so.
   */
  invalidFlow(reply: FastifyReply): FastifyReply {
    const ended = this.#endedFlowOfRequest.get(reply.request);
    if (ended?.why === 'finished') return this.alreadyFinished(reply, ended.flow);
    if (ended?.why === 'expired') {
      const back = errorRedirect(ended.flow.redirectUri, 'user_manually_returned_to_application', ended.flow.state);
      this.clear(reply, ended.flow);
      return reply.code(400).type('text/html; charset=utf-8').send(renderExpiredFlowPage(this.#basePath, back));
    }
    return reply
      .code(400)
      .type('text/html; charset=utf-8')
      .send(renderErrorPage(this.#basePath, 'This Connect session is missing, has expired, or the form was not sent by this page. Start again from the application.', 'configuration_error'));
  }

  /**
   * Ends the flow with a redirect to the application. A flow ends once: when a replay of the same form
   * ended it first, the owner gets the finished page and the application no second answer.
   */
  async finish(reply: FastifyReply, flow: FlowState, location: string): Promise<FastifyReply> {
    if (!(await this.#finishedFlows.finish(flow.flowId, lastCookieArrival(flow)))) return this.alreadyFinished(reply, flow);
    return this.leave(reply, flow, location);
  }

  /** The redirect that ends a flow the caller already marked finished (approval marks it in the transaction that issues the code). */
  leave(reply: FastifyReply, flow: FlowState, location: string): FastifyReply {
    this.clear(reply, flow);
    return reply.redirect(location, 303);
  }

  /** The answer to a form of a flow that has already ended. */
  alreadyFinished(reply: FastifyReply, flow: FlowState): FastifyReply {
    this.clear(reply, flow);
    return reply.code(400).type('text/html; charset=utf-8').send(renderFinishedFlowPage(this.#basePath));
  }
}
