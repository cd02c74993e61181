import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureDemoApplication } from '../../src/app/demo-application.js';
import { htmlContentSecurityPolicy } from '../../src/http/security-headers.js';
import { buildTestApp } from '../helpers/test-app.js';

const htmlHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': htmlContentSecurityPolicy(),
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

describe('the landing page at /', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('shows a developer what is running and how to connect', async () => {
    ({ app } = await buildTestApp({ env: { CARPORT_SIM_FLEET_SIZE: '12' } }));
    const demo = await ensureDemoApplication(app.carport);
    const response = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject(htmlHeaders);
    const body = response.body;
    expect(body).toContain('<title>Carport (development)</title>');
    expect(body).toContain('<h1>Carport is running</h1>');
    expect(body).toContain('<dt>Status</dt><dd id="status">ready</dd>');
    expect(body).toContain('<dt>Version</dt><dd>0.1.0</dd>');
    expect(body).toContain('<dd id="database">in-memory SQLite database</dd>');
    expect(body).toContain('<dt>Simulated fleet</dt><dd>12 live-mode vehicles');
    expect(body).toMatch(/<dt>Simulated clock<\/dt><dd><time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z">/);
    // The Connect URL the start banner prints, HTML-escaped in both the link and the text.
    const escapedUrl = (demo?.connectUrl ?? 'missing').replaceAll('&', '&amp;');
    expect(body).toContain(`<a href="${escapedUrl}" id="demo-connect-link">`);
    expect(body).toContain(`<code id="demo-connect-url">${escapedUrl}</code>`);
    expect(body).toContain(`<code>npx carport apps show ${demo?.clientId ?? 'missing'}</code>`);
    for (const href of ['/docs', '/docs/errors', '/docs/guides', '/connect/owner', '/docs/guides/getting-started#five-minute-walkthrough', '/openapi.json', '/readyz']) {
      expect(body).toContain(`href="${href}"`);
    }
    expect(body).not.toContain(demo?.clientSecret ?? 'missing');
    expect(body).not.toContain(demo?.managementToken ?? 'missing');
  });

  it('names a PostgreSQL database by host and database, never its password', async () => {
    ({ app } = await buildTestApp({ env: { CARPORT_DEMO_APP: 'false' } }));
    // The page reads the configured URL; the in-memory store keeps the test off the network.
    const config = { ...app.carport.config, databaseUrl: 'postgres://carport:s3cret-pw@db.internal:5433/fleet' };
    Object.defineProperty(app.carport, 'config', { value: config });
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<dd id="database">PostgreSQL database fleet at db.internal:5433 (user carport)</dd>');
    expect(response.body).not.toContain('s3cret-pw');
    expect(response.body).toContain('There is no demo application.');
  });

  it('is a plain status page in production: no credentials, no Connect URL, no database', async () => {
    ({ app } = await buildTestApp({ env: { NODE_ENV: 'production' } }));
    const created = await app.carport.repositories.applications.createApplication({ name: 'Demo application', redirectUris: ['http://carport.test/demo/callback'] });
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject(htmlHeaders);
    const body = response.body;
    expect(body).toContain('<title>Carport</title>');
    expect(body).toContain('<dt>Status</dt><dd id="status">ready</dd>');
    expect(body).toContain('<dt>Version</dt><dd>0.1.0</dd>');
    expect(body).toContain('href="/docs"');
    for (const secret of [created.application.clientId, created.clientSecret, created.managementToken, 'oauth/authorize', 'SQLite', 'Simulated', '/connect/owner']) {
      expect(body).not.toContain(secret);
    }
  });

  it.each([
    ['development', {}],
    ['production', { NODE_ENV: 'production' }],
  ])('answers a small JSON status to Accept: application/json (%s)', async (_mode, env) => {
    ({ app } = await buildTestApp({ env }));
    const response = await app.inject({ method: 'GET', url: '/', headers: { accept: 'application/json' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-security-policy']).toBeUndefined();
    expect(response.json()).toEqual({ name: 'Carport', version: '0.1.0', status: 'ready', docs: 'http://carport.test/docs' });
  });

  it('says unavailable when the database does not answer', async () => {
    ({ app } = await buildTestApp({ env: { NODE_ENV: 'production' } }));
    Object.defineProperty(app.carport.store, 'ping', { value: () => Promise.reject(new Error('connection refused')) });
    const response = await app.inject({ method: 'GET', url: '/', headers: { accept: 'application/json' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ name: 'Carport', version: '0.1.0', status: 'unavailable', docs: 'http://carport.test/docs' });
  });
});
