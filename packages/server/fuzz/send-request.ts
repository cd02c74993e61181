/** @module Sends one fuzzed request with `app.inject` and waits no longer than the deadline for its answer. */
import type { FastifyInstance } from 'fastify';
import type { FuzzRequest } from './request-arbitrary.js';

export type Sent =
  | { readonly kind: 'answered'; readonly statusCode: number; readonly headers: Readonly<Record<string, string | string[] | number | undefined>>; readonly body: string; readonly elapsedMs: number }
  /** No answer by the deadline; the request may still be running. */
  | { readonly kind: 'timeout' }
  /** `inject` could not build the request (a URL it cannot parse); nothing reached the app. */
  | { readonly kind: 'unsendable'; readonly reason: string };

export async function sendRequest(app: FastifyInstance, request: FuzzRequest, timeoutMs: number): Promise<Sent> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      resolve('timeout');
    }, timeoutMs);
  });
  try {
    const response = await Promise.race([app.inject({ method: request.method, url: request.url, headers: request.headers, payload: request.payload }), deadline]);
    if (response === 'timeout') return { kind: 'timeout' };
    return { kind: 'answered', statusCode: response.statusCode, headers: response.headers, body: response.body, elapsedMs: performance.now() - started };
  } catch (error) {
    return { kind: 'unsendable', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
