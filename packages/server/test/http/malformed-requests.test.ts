/**
 * Hostile and broken requests answer in the catalog's shape: NUL characters (which PostgreSQL cannot
 * store) in ids, filters and names, URLs Fastify cannot decode, and requests Node's HTTP parser
 * refuses before Fastify sees them.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import { validationBody } from '../helpers/error-bodies.js';
import { seedWorld, type SeededWorld } from '../helpers/test-world.js';
import { buildTestApp, testConfig, uuidV4, type TestApp } from '../helpers/test-app.js';
import { createScratchPostgresDatabase, describePostgres, type ScratchDatabase } from '../store/database-harness.js';

describePostgres('NUL characters on PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let harness: TestApp;
  let grant: SeededWorld;
  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase();
    harness = await buildTestApp({ env: { DATABASE_URL: scratch.url } });
    grant = await seedWorld(harness.app.carport.repositories);
  });
  afterAll(async () => {
    await harness.app.close();
    await scratch.drop();
  });

  it.each([
    ['GET', '/v2.0/vehicles/abc%00def/odometer', 'params.id', 'bearer', undefined],
    ['GET', '/v2.0/management/connections?user_id=a%00b', 'query.user_id', 'management', undefined],
    ['DELETE', '/v2.0/management/connections?vehicle_id=a%00b', 'query.vehicle_id', 'management', undefined],
    ['POST', '/v2.0/management/webhooks', 'body.name', 'management', { name: 'a\u0000b', callbackUrl: 'https://example.com/h', kind: 'eventBased', mode: 'simulated', eventTypes: ['DTC_ACTIVATED'] }],
  ] as const)('%s %s answers 400 naming %s', async (method, url, field, credential, payload) => {
    const authorization = credential === 'bearer' ? `Bearer ${grant.accessToken}` : `Basic ${Buffer.from(`default:${grant.managementToken}`).toString('base64')}`;
    const response = await harness.app.inject({ method, url, headers: { authorization }, ...(payload === undefined ? {} : { payload }) });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(validationBody(response.headers['sc-request-id'], field, 'must not contain NUL characters'));
  });
});

describe('requests Fastify or Node refuse before routing', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(testConfig({ PORT: '0', HOST: '127.0.0.1', CARPORT_DEMO_APP: 'false' }), { logger: createLogger('silent') }, { print: () => undefined, warn: () => undefined });
  });
  afterAll(async () => {
    await server.app.close();
  });

  it('answers a URL with broken percent-encoding in the catalog shape', async () => {
    const response = await fetch(`${server.address}/v2.0/vehicles/%E0%A4%A/odometer`);
    expect(response.status).toBe(400);
    const requestId = response.headers.get('sc-request-id');
    expect(requestId).toMatch(uuidV4);
    expect(await response.json()).toEqual(validationBody(requestId, 'url', 'The request URL is malformed.'));
  });

  /** Sends raw bytes and reads the whole answer (the server closes the connection). */
  function raw(request: string): Promise<string> {
    const url = new URL(server.address);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.end(request));
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
    });
  }

  it.each([
    ['a bare CR inside a header', 'GET /v2.0/vehicles HTTP/1.1\r\nHost: x\r\nX-Bad: a\rb\r\n\r\n', 'A request line or header is not terminated by CRLF.'],
    ['headers larger than the limit', `GET /v2.0/vehicles HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 'The request headers are too large.'],
  ])('answers %s in the catalog shape', async (_name, request, message) => {
    const answer = await raw(request);
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    const requestId = /^SC-Request-Id: (.+)$/m.exec(head)?.[1];
    expect(requestId).toMatch(uuidV4);
    expect(JSON.parse(body)).toEqual(validationBody(requestId, 'request', message));
  });
});
