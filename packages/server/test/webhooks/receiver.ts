/** @module A webhook receiver on loopback for tests: answers challenges and checks every delivery with the official SDK. */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { hmacHex, verifyTimestampedSignature } from '../../src/webhooks/signing.js';
import { smartcar } from './official-sdk.js';

/** One request the receiver got, with what it concluded about the signatures. */
export interface ReceivedRequest {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
  readonly body: Record<string, unknown>;
  /** The official SDK's `verifyPayload(token, SC-Signature, parsed body)`. */
  readonly sdkVerified: boolean;
  /** `SC-Signature` equals HMAC-SHA256 of the raw bytes. */
  readonly rawSignatureValid: boolean;
  /** The `Carport-Signature` header verifies against the raw bytes at the time of receipt. */
  readonly timestampedSignatureValid: boolean;
}

/** How to answer one request; undefined falls back to the default (answer challenges, 200 otherwise). */
export interface Answer {
  readonly status: number;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly delayMs?: number;
  /** Answer only once this settles: the test holds the response open until it decides to release it. */
  readonly until?: Promise<unknown>;
}

export type Responder = (request: ReceivedRequest, index: number) => Answer | undefined;

/** A started receiver; `close()` it after the test. */
export class TestReceiver {
  readonly requests: ReceivedRequest[] = [];
  token = '';
  responder: Responder = () => undefined;
  /** The receiver's clock for the timestamped signature check (tests on a hand-driven clock set it). */
  nowSeconds: () => number = () => Date.now() / 1000;
  readonly #server: Server | TlsServer;
  readonly #scheme: 'http' | 'https';
  readonly #waiters: (() => void)[] = [];

  private constructor(server: Server | TlsServer, scheme: 'http' | 'https') {
    this.#server = server;
    this.#scheme = scheme;
  }

  /** Starts listening on 127.0.0.1 (a free port); over HTTPS with `tls` (live-mode webhooks need it). */
  static async start(tls?: { readonly key: string; readonly cert: string }): Promise<TestReceiver> {
    const server = tls === undefined ? createServer() : createTlsServer({ key: tls.key, cert: tls.cert });
    const receiver = new TestReceiver(server, tls === undefined ? 'http' : 'https');
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        void receiver.#answer(request.url ?? '', request.headers, Buffer.concat(chunks).toString('utf8'), response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  /** The receiver's URL at `path`. */
  url(path = '/hooks'): string {
    return `${this.#scheme}://127.0.0.1:${(this.#server.address() as AddressInfo).port}${path}`;
  }

  /** Everything but verification challenges. */
  deliveries(): ReceivedRequest[] {
    return this.requests.filter((request) => request.body.eventName !== 'verify');
  }

  /** Waits until `count` deliveries (challenges excluded) arrived. */
  async waitForDeliveries(count: number, timeoutMs = 10_000): Promise<ReceivedRequest[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.deliveries().length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} deliveries, got ${this.deliveries().length}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.deliveries();
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => {
      this.#server.close(() => {
        resolve();
      });
    });
  }

  async #answer(url: string, headers: IncomingHttpHeaders, rawBody: string, response: ServerResponse): Promise<void> {
    const body = JSON.parse(rawBody) as Record<string, unknown>;
    const signature = String(headers['sc-signature'] ?? '');
    const received: ReceivedRequest = {
      url,
      headers,
      rawBody,
      body,
      sdkVerified: smartcar.verifyPayload(this.token, signature, body),
      rawSignatureValid: signature === hmacHex(this.token, rawBody),
      timestampedSignatureValid: verifyTimestampedSignature(this.token, rawBody, headers['carport-signature'] as string | undefined, { nowSeconds: this.nowSeconds() }),
    };
    const index = this.requests.push(received) - 1;
    for (const wake of this.#waiters.splice(0)) wake();
    const answer = this.responder(received, index) ?? this.#defaultAnswer(received);
    if (answer.delayMs !== undefined) await sleep(answer.delayMs);
    if (answer.until !== undefined) await answer.until;
    if (response.destroyed) return;
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(answer.body ?? '');
  }

  #defaultAnswer(request: ReceivedRequest): Answer {
    if (request.body.eventName !== 'verify') return { status: 200, body: '{"received":true}' };
    const payload = request.body.payload as { challenge: string };
    return { status: 200, body: JSON.stringify({ challenge: smartcar.hashChallenge(this.token, payload.challenge) }) };
  }
}
