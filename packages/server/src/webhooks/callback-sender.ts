/** @module Sends one POST to a callback URL safely: URL and address checks, a deadline, no redirects, and a capped response read. */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
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

/** Marks an attempt that failed on a reused, already closed keep-alive connection. */
const STALE_CONNECTION = Symbol('stale keep-alive connection');

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

function describeError(error: unknown): string {
  if (error instanceof RefusedAddressError) return `refused: ${error.message}`;
  const code = errorCode(error);
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name did not resolve';
  if (code === 'ECONNRESET') return 'connection reset by the receiver';
  return error instanceof Error ? error.message : 'request failed';
}

/**
 * Sends callback requests over keep-alive connections (one pool per process, so a busy receiver is
 * not re-handshaken for every event). Never follows redirects: a 3xx is a failed attempt.
 */
export class CallbackSender {
  readonly #settings: Pick<WebhookSettings, 'timeoutMs' | 'allowedAddressClasses' | 'maxResponseBytes' | 'concurrency'>;
  readonly #lookup: LookupFunction;
  readonly #httpAgent: http.Agent;
  readonly #httpsAgent: https.Agent;

  /** `resolve` replaces the system resolver (tests map names to loopback without a DNS server). */
  constructor(settings: Pick<WebhookSettings, 'timeoutMs' | 'allowedAddressClasses' | 'maxResponseBytes' | 'concurrency'>, resolve?: HostResolver) {
    this.#settings = settings;
    this.#lookup = safeLookup(settings.allowedAddressClasses, resolve);
    this.#httpAgent = new http.Agent({ keepAlive: true, maxSockets: settings.concurrency });
    this.#httpsAgent = new https.Agent({ keepAlive: true, maxSockets: settings.concurrency });
  }

  /** POSTs `request.body`; never rejects (every failure becomes an outcome with `error`). */
  async post(request: CallbackRequest): Promise<CallbackOutcome> {
    const checked = checkCallbackUrl(request.url, request.mode, this.#settings.allowedAddressClasses);
    if (!checked.ok) return { statusCode: null, latencyMs: 0, error: `callback URL ${checked.problem}`, responseBody: '' };
    const url = new URL(checked.url);
    const first = await this.#send(url, request);
    if (first !== STALE_CONNECTION) return first;
    // A pooled keep-alive connection the receiver closed meanwhile fails at once, before the
    // request reached anyone: send again (on a fresh connection) instead of counting a failure.
    const second = await this.#send(url, request);
    return second === STALE_CONNECTION ? { statusCode: null, latencyMs: 0, error: describeError({ code: 'ECONNRESET' }), responseBody: '' } : second;
  }

  #send(url: URL, request: CallbackRequest): Promise<CallbackOutcome | typeof STALE_CONNECTION> {
    const secure = url.protocol === 'https:';
    const { timeoutMs, maxResponseBytes } = this.#settings;
    const started = performance.now();
    return new Promise((resolve) => {
      let settled = false;
      const chunks: Buffer[] = [];
      let received = 0;
      let statusCode: number | null = null;
      let location: string | undefined;
      let timedOut = false;
      const finish = (failure: string | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        // Whatever the sockets report after the deadline, the reason is the deadline.
        const error = timedOut ? `no complete answer within ${timeoutMs} ms` : failure;
        const redirect = error === null && statusCode !== null && statusCode >= 300 && statusCode < 400;
        resolve({
          statusCode,
          latencyMs: performance.now() - started,
          error: redirect ? `redirect${location === undefined ? '' : ` to ${location}`} not followed` : error,
          responseBody: Buffer.concat(chunks).toString('utf8'),
        });
      };
      const options: https.RequestOptions = {
        method: 'POST',
        agent: secure ? this.#httpsAgent : this.#httpAgent,
        lookup: this.#lookup,
        headers: {
          ...request.headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(request.body, 'utf8')),
          'user-agent': USER_AGENT,
        },
      };
      const outgoing = (secure ? https : http).request(url, options, (response) => {
        statusCode = response.statusCode ?? null;
        location = response.headers.location;
        response.on('data', (chunk: Buffer) => {
          const room = maxResponseBytes - received;
          chunks.push(chunk.subarray(0, Math.max(room, 0)));
          received += chunk.length;
          // Enough has been read: stop here rather than let a receiver stream without end.
          if (received >= maxResponseBytes) {
            finish(null);
            response.destroy();
          }
        });
        response.on('end', () => {
          finish(null);
        });
        response.on('error', (error) => {
          finish(describeError(error));
        });
        response.on('close', () => {
          finish(response.complete ? null : 'the response ended early');
        });
      });
      const timer = setTimeout(() => {
        timedOut = true;
        outgoing.destroy(new Error('timeout'));
      }, timeoutMs);
      outgoing.on('error', (error) => {
        if (!settled && statusCode === null && outgoing.reusedSocket && errorCode(error) === 'ECONNRESET') {
          settled = true;
          clearTimeout(timer);
          resolve(STALE_CONNECTION);
          return;
        }
        finish(describeError(error));
      });
      outgoing.end(request.body);
    });
  }

  /** Closes pooled connections (at shutdown). */
  close(): void {
    this.#httpAgent.destroy();
    this.#httpsAgent.destroy();
  }
}
