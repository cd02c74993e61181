/**
 * Slow and stalled clients cannot hold a connection: headers and whole requests have deadlines
 * (answered in the catalog's shape), idle keep-alive connections close, and a connection carries a
 * bounded number of requests. Raw sockets on loopback against a listening server, with small timeouts.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import { validationBody } from '../helpers/error-bodies.js';
import { seedWorld } from '../helpers/test-world.js';
import { CapturedLog, testConfig, uuidV4 } from '../helpers/test-app.js';

const headersTimeoutMs = 300;
const requestTimeoutMs = 1_000;
const keepAliveTimeoutMs = 400;
/** Far below Node's own defaults (60 s for headers, no limit at all for a request under Fastify's). */
const patienceMs = 6_000;

interface Exchange {
  /** Everything the server sent before it closed the connection. */
  readonly answer: string;
  /** Milliseconds from connecting until the server closed the connection, or undefined if it never did. */
  readonly closedAfterMs: number | undefined;
}

describe('slow clients', () => {
  let server: RunningServer;
  const log = new CapturedLog();
  beforeAll(async () => {
    const config = testConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      CARPORT_DEMO_APP: 'false',
      CARPORT_HEADERS_TIMEOUT_MS: String(headersTimeoutMs),
      CARPORT_REQUEST_TIMEOUT_MS: String(requestTimeoutMs),
      CARPORT_KEEP_ALIVE_TIMEOUT_MS: String(keepAliveTimeoutMs),
      CARPORT_CONNECTION_TIMEOUT_MS: '20000',
      CARPORT_MAX_REQUESTS_PER_SOCKET: '2',
    });
    server = await startServer(config, { logger: createLogger('info', log.stream) }, { print: () => undefined, warn: () => undefined });
  });
  afterAll(async () => {
    await server.app.close();
  });

  /** Connects, sends `chunks` one every `everyMs`, and reads until the server closes (or `patienceMs` passes). */
  function exchange(chunks: readonly string[], everyMs = 0): Promise<Exchange> {
    const url = new URL(server.address);
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const received: Buffer[] = [];
      const socket = connect(Number(url.port), url.hostname);
      const timers = [setTimeout(() => socket.destroy(), patienceMs)];
      let closedAfterMs: number | undefined;
      socket.on('connect', () => {
        chunks.forEach((chunk, index) => timers.push(setTimeout(() => socket.writable && socket.write(chunk), index * everyMs)));
      });
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      socket.on('end', () => {
        closedAfterMs = Date.now() - started;
      });
      socket.on('error', reject);
      socket.on('close', () => {
        for (const timer of timers) clearTimeout(timer);
        resolve({ answer: Buffer.concat(received).toString('utf8'), closedAfterMs });
      });
    });
  }

  /** Asserts the server's answer is exactly the catalog's VALIDATION answer to a request not received in time. */
  function expectTimeoutAnswer(answer: string): void {
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    const [statusLine, ...headers] = head.split('\r\n');
    const requestId = /^SC-Request-Id: (.+)$/m.exec(head)?.[1];
    expect(requestId).toMatch(uuidV4);
    expect(statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(headers).toEqual(['Content-Type: application/json; charset=utf-8', `Content-Length: ${Buffer.byteLength(body)}`, `SC-Request-Id: ${requestId ?? ''}`, 'Connection: close']);
    expect(JSON.parse(body)).toEqual(validationBody(requestId, 'request', 'The request was not received in time.'));
  }

  it('sets every deadline on the listening server', () => {
    const { timeout, keepAliveTimeout, requestTimeout, headersTimeout, maxRequestsPerSocket } = server.app.server;
    expect({ timeout, keepAliveTimeout, requestTimeout, headersTimeout, maxRequestsPerSocket }).toEqual({
      timeout: 20_000,
      keepAliveTimeout: keepAliveTimeoutMs,
      requestTimeout: requestTimeoutMs,
      headersTimeout: headersTimeoutMs,
      maxRequestsPerSocket: 2,
    });
  });

  it('closes a connection that never sends a byte, without an answer', async () => {
    const { answer, closedAfterMs } = await exchange([]);
    expect(answer).toBe('');
    expect(closedAfterMs).toBeGreaterThanOrEqual(headersTimeoutMs - 50);
    expect(closedAfterMs).toBeLessThan(patienceMs);
  });

  it('answers headers trickled a byte at a time once the headers deadline passes, and closes', async () => {
    const trickle = ['GET /v2.0/vehicles HTTP/1.1\r\n', 'Host: x\r\n', 'X-Slow: ', ...Array.from({ length: 60 }, () => 'a')];
    const { answer, closedAfterMs } = await exchange(trickle, 50);
    expectTimeoutAnswer(answer);
    expect(closedAfterMs).toBeGreaterThanOrEqual(headersTimeoutMs - 50);
    expect(closedAfterMs).toBeLessThan(patienceMs);
  });

  it('answers a body that never completes once the request deadline passes, and closes', async () => {
    const grant = await seedWorld(server.app.carport.repositories, { permissions: ['control_charge'] });
    const request = [
      `POST /v2.0/vehicles/${grant.vehicleIds[0] ?? ''}/charge/limit HTTP/1.1`,
      'Host: x',
      `Authorization: Bearer ${grant.accessToken}`,
      'Content-Type: application/json',
      'Content-Length: 100',
      '',
      '{"limit": 0.',
    ].join('\r\n');
    const { answer, closedAfterMs } = await exchange([request]);
    expectTimeoutAnswer(answer);
    expect(closedAfterMs).toBeGreaterThanOrEqual(requestTimeoutMs - 50);
    expect(closedAfterMs).toBeLessThan(patienceMs);
    // The abandoned body is the client's failure: nothing is logged as a server error.
    expect(log.lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
  });

  it('closes an idle keep-alive connection after the keep-alive timeout', async () => {
    const { answer, closedAfterMs } = await exchange(['GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n']);
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer).toContain('\r\nConnection: keep-alive\r\n');
    expect(answer.endsWith('\r\n\r\n{"status":"ok"}')).toBe(true);
    expect(closedAfterMs).toBeGreaterThanOrEqual(keepAliveTimeoutMs - 50);
    expect(closedAfterMs).toBeLessThan(patienceMs);
  });

  it('asks the client to reconnect after the most requests one connection may carry', async () => {
    const healthz = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
    const { answer } = await exchange([healthz + healthz]);
    const heads = answer.split('{"status":"ok"}').filter((part) => part !== '');
    expect(heads).toHaveLength(2);
    expect(heads[0]).toContain('\r\nConnection: keep-alive\r\n');
    expect(heads[1]).toContain('\r\nConnection: close\r\n');
  });
});
