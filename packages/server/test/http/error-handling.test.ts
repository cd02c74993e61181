import { Type } from '@sinclair/typebox';
import { afterEach, describe, expect, it } from 'vitest';
import { findError } from '../../src/catalog/errors.js';
import type { CarportModule } from '../../src/http/carport-module.js';
import { ApiError } from '../../src/catalog/api-error.js';
import { buildTestApp, uuidV4, type TestApp } from '../helpers/test-app.js';

/** A module standing in for later capabilities: proves modules plug in and exercises the error paths. */
const probeModule: CarportModule = {
  name: 'probe',
  register(app) {
    app.post('/v2.0/probe/echo', { schema: { body: Type.Object({ limit: Type.Number({ minimum: 0.5, maximum: 1 }), name: Type.String() }) } }, (request) => ({
      received: request.body ?? null,
    }));
    app.post('/v2.0/probe/action', () => ({ done: true }));
    app.delete('/v2.0/probe/action', () => ({ done: true }));
    app.get('/v2.0/probe/crash', () => {
      throw new Error('secret internal detail: connection string postgres://admin:pw@db');
    });
    app.get('/v2.0/probe/state', () => {
      throw new ApiError('VEHICLE_STATE', 'IN_MOTION', { headers: { 'Retry-After': '30' } });
    });
    app.get('/v2.0/probe/uncatalogued', () => {
      // A pair outside the catalog cannot compile; force one to prove the handler still answers safely.
      throw new ApiError('NOT_A_TYPE' as unknown as 'SERVER', 'NOPE' as unknown as 'INTERNAL');
    });
  },
};

function expectedBody(type: string, code: string | null, requestId: string, extra: Record<string, unknown> = {}) {
  const definition = findError(type, code);
  if (definition === undefined) throw new Error(`${type}:${code ?? 'null'} missing from the catalog`);
  return {
    type,
    code,
    description: definition.description,
    docURL: `http://carport.test/docs/errors#${`${type}${code === null ? '' : `-${code}`}`.toLowerCase()}`,
    statusCode: definition.statusCode,
    requestId,
    resolution: { type: definition.resolution },
    suggestedUserMessage: definition.suggestedUserMessage,
    ...extra,
  };
}

describe('error handling', () => {
  let harness: TestApp;
  afterEach(async () => {
    await harness.app.close();
  });

  it('answers an unknown path with RESOURCE_NOT_FOUND:PATH and a request id', async () => {
    harness = await buildTestApp();
    const response = await harness.app.inject({ method: 'GET', url: '/v2.0/no-such-thing' });
    const requestId = response.headers['sc-request-id'];
    expect(requestId).toMatch(uuidV4);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.json()).toEqual(expectedBody('RESOURCE_NOT_FOUND', 'PATH', String(requestId)));
  });

  it('points docURL at CARPORT_ERROR_DOCS_URL when it is set', async () => {
    harness = await buildTestApp({ env: { CARPORT_ERROR_DOCS_URL: 'https://docs.example.com/carport/errors' } });
    const response = await harness.app.inject({ method: 'GET', url: '/v2.0/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      ...expectedBody('RESOURCE_NOT_FOUND', 'PATH', String(response.headers['sc-request-id'])),
      docURL: 'https://docs.example.com/carport/errors#resource_not_found-path',
    });
  });

  it.each(['/v1.0/vehicles', '/v9/vehicles', '/v2/vehicles', '/v3.1'])('answers %s with RESOURCE_NOT_FOUND:VERSION', async (url) => {
    harness = await buildTestApp();
    const response = await harness.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual(expectedBody('RESOURCE_NOT_FOUND', 'VERSION', String(response.headers['sc-request-id'])));
  });

  it('answers a known path asked with another method with 405 RESOURCE_NOT_FOUND:METHOD and Allow', async () => {
    harness = await buildTestApp({ modules: [probeModule] });
    const response = await harness.app.inject({ method: 'PUT', url: '/v2.0/probe/action?x=1' });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('DELETE, POST');
    expect(response.json()).toEqual({
      ...expectedBody('RESOURCE_NOT_FOUND', 'METHOD', String(response.headers['sc-request-id'])),
      description: '/v2.0/probe/action does not accept PUT; it accepts DELETE, POST.',
    });
  });

  it('answers 405 for a catalog endpoint asked with the wrong method, listing GET and HEAD', async () => {
    harness = await buildTestApp();
    const response = await harness.app.inject({ method: 'POST', url: '/v2.0/vehicles/0b8f2d1c-1d5e-4c3a-9f1e-6a7b8c9d0e1f/odometer' });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
    expect(response.json()).toEqual({
      ...expectedBody('RESOURCE_NOT_FOUND', 'METHOD', String(response.headers['sc-request-id'])),
      description: '/v2.0/vehicles/0b8f2d1c-1d5e-4c3a-9f1e-6a7b8c9d0e1f/odometer does not accept POST; it accepts GET, HEAD.',
    });
  });

  it.each([
    ['/v2.0/vehicles/0b8f2d1c-1d5e-4c3a-9f1e-6a7b8c9d0e1f/odometr', '/v2.0/vehicles/0b8f2d1c-1d5e-4c3a-9f1e-6a7b8c9d0e1f/odometer'],
    ['/v2.0/vehicle/0b8f2d1c-1d5e-4c3a-9f1e-6a7b8c9d0e1f/battery', '/v2.0/vehicles/0b8f2d1c-1d5e-4c3a-9f1e-6a7b8c9d0e1f/battery'],
    ['/v2.0/vehicles/abc/tesla/chrge', '/v2.0/vehicles/abc/tesla/charge'],
  ])('suggests the served path one typo away from GET %s', async (url, suggestion) => {
    harness = await buildTestApp();
    const response = await harness.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      ...expectedBody('RESOURCE_NOT_FOUND', 'PATH', String(response.headers['sc-request-id'])),
      description: `No endpoint at GET ${url}. Did you mean GET ${suggestion}?`,
    });
  });

  it('suggests nothing for a path that is no near miss', async () => {
    harness = await buildTestApp();
    const response = await harness.app.inject({ method: 'GET', url: '/v2.0/vehicles/abc/teleport' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual(expectedBody('RESOURCE_NOT_FOUND', 'PATH', String(response.headers['sc-request-id'])));
  });

  it('gives every response its own UUID v4 request id, also in the log lines', async () => {
    harness = await buildTestApp();
    const first = await harness.app.inject({ method: 'GET', url: '/healthz' });
    const second = await harness.app.inject({ method: 'GET', url: '/healthz' });
    expect(first.headers['sc-request-id']).toMatch(uuidV4);
    expect(second.headers['sc-request-id']).toMatch(uuidV4);
    expect(first.headers['sc-request-id']).not.toBe(second.headers['sc-request-id']);
    const logged = harness.log.lines.filter((line) => line.requestId === first.headers['sc-request-id']);
    expect(logged.map((line) => line.msg)).toEqual(['request completed']);
  });

  it('accepts trailing slashes', async () => {
    harness = await buildTestApp();
    const response = await harness.app.inject({ method: 'GET', url: '/healthz/' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('accepts Content-Type: application/json with an empty body on POST, GET and DELETE', async () => {
    harness = await buildTestApp({ modules: [probeModule] });
    const post = await harness.app.inject({ method: 'POST', url: '/v2.0/probe/action', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(post.statusCode).toBe(200);
    expect(post.json()).toEqual({ done: true });
    const noHeader = await harness.app.inject({ method: 'POST', url: '/v2.0/probe/action' });
    expect(noHeader.statusCode).toBe(200);
    const get = await harness.app.inject({ method: 'GET', url: '/healthz', headers: { 'content-type': 'application/json' } });
    expect(get.statusCode).toBe(200);
    const del = await harness.app.inject({ method: 'DELETE', url: '/v2.0/probe/action/', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(del.statusCode).toBe(200);
    expect(del.json()).toEqual({ done: true });
  });

  it('still validates a body that an endpoint requires', async () => {
    harness = await buildTestApp({ modules: [probeModule] });
    const response = await harness.app.inject({ method: 'POST', url: '/v2.0/probe/echo', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(
      expectedBody('VALIDATION', null, String(response.headers['sc-request-id']), {
        detail: [
          { field: 'body.limit', message: "must have required property 'limit'" },
          { field: 'body.name', message: "must have required property 'name'" },
        ],
      }),
    );
  });

  it('answers malformed JSON with VALIDATION and a detail naming the body', async () => {
    harness = await buildTestApp({ modules: [probeModule] });
    const response = await harness.app.inject({ method: 'POST', url: '/v2.0/probe/echo', headers: { 'content-type': 'application/json' }, payload: '{"limit":' });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ detail: { field: string; message: string }[] }>();
    expect(body).toEqual(
      expectedBody('VALIDATION', null, String(response.headers['sc-request-id']), {
        description: 'The request body is not valid JSON.',
        detail: [{ field: 'body', message: body.detail[0]?.message }],
      }),
    );
    expect(body.detail[0]?.message).toMatch(/^Malformed JSON: /);
  });

  it('answers a schema violation with VALIDATION listing every offending field', async () => {
    harness = await buildTestApp({ modules: [probeModule] });
    const response = await harness.app.inject({ method: 'POST', url: '/v2.0/probe/echo', payload: { limit: 2 } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(
      expectedBody('VALIDATION', null, String(response.headers['sc-request-id']), {
        detail: [
          { field: 'body.name', message: "must have required property 'name'" },
          { field: 'body.limit', message: 'must be <= 1' },
        ],
      }),
    );
  });

  it('answers an unsupported content type with VALIDATION', async () => {
    harness = await buildTestApp({ modules: [probeModule] });
    const response = await harness.app.inject({ method: 'POST', url: '/v2.0/probe/echo', headers: { 'content-type': 'text/csv' }, payload: 'a,b' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(
      expectedBody('VALIDATION', null, String(response.headers['sc-request-id']), {
        detail: [{ field: 'headers.content-type', message: 'Unsupported Content-Type; send application/json.' }],
      }),
    );
  });

  it('turns an unexpected exception into SERVER:INTERNAL without leaking it, and logs it with the request id', async () => {
    harness = await buildTestApp({ modules: [probeModule] });
    const response = await harness.app.inject({ method: 'GET', url: '/v2.0/probe/crash' });
    const requestId = String(response.headers['sc-request-id']);
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual(expectedBody('SERVER', 'INTERNAL', requestId));
    expect(response.body).not.toContain('secret internal detail');
    expect(response.body).not.toContain('postgres://');
    const errorLine = harness.log.lines.find((line) => line.msg === 'unhandled error');
    expect(errorLine).toMatchObject({ level: 50, requestId });
  });

  it('sends catalog errors with their status and extra headers', async () => {
    harness = await buildTestApp({ modules: [probeModule] });
    const response = await harness.app.inject({ method: 'GET', url: '/v2.0/probe/state' });
    expect(response.statusCode).toBe(409);
    expect(response.headers['retry-after']).toBe('30');
    expect(response.json()).toEqual(expectedBody('VEHICLE_STATE', 'IN_MOTION', String(response.headers['sc-request-id'])));
  });

  it('answers an error missing from the catalog as SERVER:INTERNAL and logs the bug', async () => {
    harness = await buildTestApp({ modules: [probeModule] });
    const response = await harness.app.inject({ method: 'GET', url: '/v2.0/probe/uncatalogued' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual(expectedBody('SERVER', 'INTERNAL', String(response.headers['sc-request-id'])));
    expect(harness.log.lines.some((line) => line.msg === 'error not in the catalog')).toBe(true);
  });

  it('sets security headers on every response', async () => {
    harness = await buildTestApp();
    const response = await harness.app.inject({ method: 'GET', url: '/docs/errors' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
  });
});
