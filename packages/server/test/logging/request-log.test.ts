import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/build-app.js';
import { bufferedDestination, createLogger } from '../../src/logging/logger.js';
import { seedWorld } from '../helpers/test-world.js';
import { buildTestApp, testConfig, type TestApp } from '../helpers/test-app.js';
import type { FastifyInstance } from 'fastify';

/** Raw text written to a log destination. */
class CapturedText {
  text = '';
  readonly stream = new Writable({
    write: (chunk: Buffer, _encoding, callback) => {
      this.text += chunk.toString('utf8');
      callback();
    },
  });
}

describe('the request log', () => {
  let harness: TestApp | undefined;
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await harness?.app.close();
    await app?.close();
    harness = undefined;
    app = undefined;
  });

  it('writes one JSON line per request with method, path, status, duration, application and error', async () => {
    harness = await buildTestApp();
    const grant = await seedWorld(harness.app.carport.repositories, { permissions: ['read_odometer'] });
    const refused = await harness.app.inject({ method: 'GET', url: `/v2.0/vehicles/${grant.vehicleIds[0] ?? ''}/vin`, headers: { authorization: `Bearer ${grant.accessToken}` } });
    expect(refused.statusCode).toBe(403);
    const lines = harness.log.lines.filter((line) => line.requestId === refused.headers['sc-request-id']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual({
      level: 30,
      time: expect.any(String) as unknown,
      service: 'carport',
      requestId: refused.headers['sc-request-id'],
      req: { method: 'GET', url: `/v2.0/vehicles/${grant.vehicleIds[0] ?? ''}/vin`, route: '/v2.0/vehicles/:id/vin', remoteAddress: '127.0.0.1' },
      res: { statusCode: 403 },
      responseTime: expect.any(Number) as unknown,
      applicationId: grant.applicationId,
      vehicleId: grant.vehicleIds[0],
      error: { type: 'PERMISSION', code: null },
      msg: 'request completed',
    });
  });

  it('leaves the application and error out of a successful anonymous request', async () => {
    harness = await buildTestApp();
    const ok = await harness.app.inject({ method: 'GET', url: '/healthz' });
    const [line, ...more] = harness.log.lines.filter((entry) => entry.requestId === ok.headers['sc-request-id']);
    expect(more).toEqual([]);
    expect(line).not.toHaveProperty('applicationId');
    expect(line).not.toHaveProperty('vehicleId');
    expect(line).not.toHaveProperty('error');
    expect(line).toMatchObject({ req: { method: 'GET', url: '/healthz', route: '/healthz' }, res: { statusCode: 200 }, msg: 'request completed' });
  });

  it('leaves the route out of a request no route matched', async () => {
    harness = await buildTestApp();
    const missing = await harness.app.inject({ method: 'GET', url: '/no-such-page' });
    const [line, ...more] = harness.log.lines.filter((entry) => entry.requestId === missing.headers['sc-request-id']);
    expect(more).toEqual([]);
    expect(line).toMatchObject({ req: { method: 'GET', url: '/no-such-page', remoteAddress: '127.0.0.1' }, res: { statusCode: 404 } });
    expect(line?.req).not.toHaveProperty('route');
  });

  it('has written the last request line by the time the app has closed, though the destination buffers lines', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'carport-log-'));
    const file = join(directory, 'carport.log');
    // A flush interval far beyond the test, so only the close can have written the line.
    const destination = bufferedDestination(file, 600_000);
    try {
      app = await buildApp(testConfig(), { logger: createLogger('info', destination) });
      const health = await app.inject({ method: 'GET', url: '/healthz' });
      const requestId = String(health.headers['sc-request-id']);
      expect(existsSync(file) ? readFileSync(file, 'utf8') : '').not.toContain(requestId);
      await app.close();
      app = undefined;
      const lines = readFileSync(file, 'utf8')
        .split('\n')
        .filter((text) => text.includes(requestId))
        .map((text) => JSON.parse(text) as Record<string, unknown>);
      expect(lines).toEqual([expect.objectContaining({ requestId, msg: 'request completed', res: { statusCode: 200 } })]);
    } finally {
      destination.end();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('writes one readable line per request in the pretty format, with the request id only on failures', async () => {
    const captured = new CapturedText();
    app = await buildApp(testConfig(), { logger: createLogger('info', captured.stream, 'pretty') });
    const grant = await seedWorld(app.carport.repositories, { permissions: ['read_odometer'] });
    const vehicleId = grant.vehicleIds[0] ?? '';
    const denied = await app.inject({ method: 'GET', url: `/v2.0/vehicles/${vehicleId}/vin`, headers: { authorization: `Bearer ${grant.accessToken}` } });
    await app.inject({ method: 'GET', url: '/healthz' });
    const requestLines = captured.text.split('\n').filter((line) => / (GET|POST) \//.test(line));
    expect(requestLines).toHaveLength(2);
    const [deniedLine, healthLine] = requestLines;
    const time = String.raw`\d{2}:\d{2}:\d{2}\.\d{3}`;
    const ms = String.raw`\d+\.\d ms`;
    expect(deniedLine).toMatch(new RegExp(`^\\[${time}\\] INFO: GET /v2\\.0/vehicles/${vehicleId}/vin 403 ${ms} app ${grant.applicationId} PERMISSION \\[${String(denied.headers['sc-request-id'])}\\]$`));
    expect(healthLine).toMatch(new RegExp(`^\\[${time}\\] INFO: GET /healthz 200 ${ms}$`));
  });
});
