/** @module Sends one POST to a callback URL safely: URL and address checks, a deadline, no redirects, and a capped response read, over keep-alive connections pooled per callback origin. */
import { performance } from 'node:perf_hooks';
import { Agent, errors as undiciErrors, request as undiciRequest } from 'undici';
import type { VehicleMode } from '../store/index.js';
import { checkCallbackUrl } from './callback-url-policy.js';
import { RefusedAddressError, safeLookup, type HostResolver } from './safe-lookup.js';
import type { WebhookSettings } from './webhook-settings.js';

/** One callback request. */
export interface CallbackRequest {
  readonly url: string;
  /** The webhook's mode: live callbacks must be HTTPS. */
  readonly mode: VehicleMode;
  /** The exact bytes to send (and that the signatures cover). */
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** What came back. `error` is set whenever the attempt did not complete normally. */
export interface CallbackOutcome {
  /** Null when no response arrived (refused, unreachable, timed out before the headers). */
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
  /** The response body as text, at most `maxResponseBytes` of it. */
  readonly responseBody: string;
}

/** Whether an outcome acknowledges the delivery: a 2xx answer, received completely within the deadline. */
export function isAcknowledged(outcome: CallbackOutcome): boolean {
  return outcome.error === null && outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
}

const USER_AGENT = 'Carport-Webhooks/2.0';

/** What the sender reads from the webhook settings. */
export type CallbackSenderSettings = Pick<WebhookSettings, 'timeoutMs' | 'allowedAddressClasses' | 'maxResponseBytes' | 'connectionsPerOrigin'>;

/** How long an idle pooled connection stays open when the receiver does not say (undici honours its `Keep-Alive: timeout`). */
const IDLE_CONNECTION_MS = 4_000;

/** Marks an attempt that failed because the connection closed before any answer came. */
const CLOSED_BEFORE_ANSWER = Symbol('connection closed before an answer');

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/** The error a socket reported, under undici's wrapper when it has one. */
function rootCause(error: unknown): unknown {
  return error instanceof Error && error.cause !== undefined && !(error instanceof RefusedAddressError) && errorCode(error).startsWith('UND_ERR') ? error.cause : error;
}

function describeError(error: unknown): string {
  const cause = rootCause(error);
  if (cause instanceof RefusedAddressError) return `refused: ${cause.message}`;
  const code = errorCode(cause);
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name did not resolve';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset by the receiver';
  return cause instanceof Error ? cause.message : 'request failed';
}

/** A connection that closed before any byte of an answer: the request may never have reached the receiver. */
function closedBeforeAnswer(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || error instanceof undiciErrors.SocketError;
}

/**
 * Sends callback requests over keep-alive connections: an undici pool per callback origin, at most
 * `connectionsPerOrigin` connections each, so a busy receiver is not re-handshaken for every event.
 * Every new connection resolves its host through the safe lookup, so the address checks apply to
 * each connection a pool opens. Never follows redirects: a 3xx is a failed attempt.
 */
export class CallbackSender {
  readonly #settings: CallbackSenderSettings;
  readonly #agent: Agent;

  /** `resolve` replaces the system resolver (tests map names to loopback without a DNS server). */
  constructor(settings: CallbackSenderSettings, resolve?: HostResolver) {
    this.#settings = settings;
    this.#agent = new Agent({
      connections: settings.connectionsPerOrigin,
      pipelining: 1,
      keepAliveTimeout: IDLE_CONNECTION_MS,
      // The request's own deadline bounds everything; these only stop undici's defaults cutting in first.
      headersTimeout: settings.timeoutMs,
      bodyTimeout: settings.timeoutMs,
      connect: { lookup: safeLookup(settings.allowedAddressClasses, resolve), timeout: settings.timeoutMs },
    });
  }

  /** POSTs `request.body`; never rejects (every failure becomes an outcome with `error`). */
  async post(request: CallbackRequest): Promise<CallbackOutcome> {
    const checked = checkCallbackUrl(request.url, request.mode, this.#settings.allowedAddressClasses);
    if (!checked.ok) return { statusCode: null, latencyMs: 0, error: `callback URL ${checked.problem}`, responseBody: '' };
    const first = await this.#send(checked.url, request);
    if (first !== CLOSED_BEFORE_ANSWER) return first;
    // Usually a pooled keep-alive connection the receiver closed meanwhile: send once more, on a
    // fresh connection, instead of counting a failure. Should the first request have arrived after
    // all, the receiver sees it twice, which at-least-once delivery allows (it de-duplicates on eventId).
    const second = await this.#send(checked.url, request);
    return second === CLOSED_BEFORE_ANSWER ? { statusCode: null, latencyMs: 0, error: describeError({ code: 'ECONNRESET' }), responseBody: '' } : second;
  }

  async #send(url: string, request: CallbackRequest): Promise<CallbackOutcome | typeof CLOSED_BEFORE_ANSWER> {
    const { timeoutMs, maxResponseBytes } = this.#settings;
    const started = performance.now();
    const deadline = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort();
    }, timeoutMs);
    let statusCode: number | null = null;
    const chunks: Buffer[] = [];
    const outcome = (failure: string | null, location?: string): CallbackOutcome => {
      // Whatever the socket reports after the deadline, the reason is the deadline.
      const error = timedOut ? `no complete answer within ${timeoutMs} ms` : failure;
      const redirect = error === null && statusCode !== null && statusCode >= 300 && statusCode < 400;
      return {
        statusCode,
        latencyMs: performance.now() - started,
        error: redirect ? `redirect${location === undefined ? '' : ` to ${location}`} not followed` : error,
        responseBody: Buffer.concat(chunks).toString('utf8'),
      };
    };
    try {
      const response = await undiciRequest(url, {
        method: 'POST',
        dispatcher: this.#agent,
        signal: deadline.signal,
        headers: {
          ...request.headers,
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
        },
        body: request.body,
      });
      statusCode = response.statusCode;
      const location = response.headers.location;
      let received = 0;
      try {
        for await (const chunk of response.body as AsyncIterable<Buffer>) {
          const room = maxResponseBytes - received;
          chunks.push(chunk.subarray(0, Math.max(room, 0)));
          received += chunk.length;
          // Enough has been read: stop here rather than let a receiver stream without end.
          if (received >= maxResponseBytes) {
            response.body.destroy();
            break;
          }
        }
      } catch (error) {
        return outcome(timedOut ? null : `the response ended early (${describeError(error)})`);
      }
      return outcome(null, Array.isArray(location) ? location[0] : location);
    } catch (error) {
      if (!timedOut && statusCode === null && closedBeforeAnswer(error)) return CLOSED_BEFORE_ANSWER;
      return outcome(describeError(error));
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes pooled connections (at shutdown). */
  async close(): Promise<void> {
    await this.#agent.destroy();
  }
}
