/**
 * @module The OpenAPI document an instance serves is the catalog's pure rendering for its public URL:
 * `/openapi.json` and the `/docs` page read it, and every operation it lists is a route the instance serves.
 */
import type { HTTPMethods } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { renderOpenApiDocument, type JsonObject } from '../../src/docs/render-openapi-document.js';
import { renderApiReference } from '../../src/http/docs-site/api-reference-page.js';
import { loadGuides } from '../../src/http/docs-site/guides.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const publicUrl = 'https://carport.example.test/fleet-api';
const adminToken = 'admin-token-for-the-openapi-test';

let harness: TestApp | undefined;

afterEach(async () => {
  await harness?.app.close();
  harness = undefined;
});

async function servedDocument(env: Record<string, string>): Promise<{ readonly app: TestApp['app']; readonly document: unknown }> {
  harness = await buildTestApp({ env: { PUBLIC_URL: publicUrl, ...env } });
  const response = await harness.app.inject({ method: 'GET', url: '/openapi.json' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  return { app: harness.app, document: response.json() };
}

const httpMethods: readonly HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Every `[METHOD, Fastify URL]` the document lists. */
function documentedRoutes(document: JsonObject): [HTTPMethods, string][] {
  const paths = document.paths;
  if (typeof paths !== 'object' || paths === null || Array.isArray(paths)) throw new Error('the document has no paths');
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.keys(typeof item === 'object' && item !== null ? item : {}).map((key): [HTTPMethods, string] => {
      const method = httpMethods.find((candidate) => candidate === key.toUpperCase());
      if (method === undefined) throw new Error(`${path} lists ${key}, which is no HTTP method`);
      return [method, path.replace(/\{(\w+)\}/g, ':$1')];
    }),
  );
}

describe('the served OpenAPI document', () => {
  it('is the pure rendering for the instance’s public URL', async () => {
    const { document } = await servedDocument({});
    expect(document).toEqual(renderOpenApiDocument(publicUrl, { adminApi: false }));
    expect(document).toMatchObject({ servers: [{ url: publicUrl }] });
  });

  it('lists the admin API’s fleet and lifecycle routes exactly when the instance serves them', async () => {
    const { document } = await servedDocument({ CARPORT_ADMIN_TOKEN: adminToken });
    const withAdmin = renderOpenApiDocument(publicUrl, { adminApi: true });
    expect(document).toEqual(withAdmin);
    expect(documentedRoutes(withAdmin).filter(([, url]) => url.startsWith('/admin/'))).toEqual([
      ['GET', '/admin/fleet'],
      ['GET', '/admin/fleet/accounts'],
      ['GET', '/admin/fleet/vehicles/:vehicle'],
      ['POST', '/admin/fleet/advance'],
      ['POST', '/admin/fleet/vehicles/:vehicle/plug'],
      ['POST', '/admin/fleet/vehicles/:vehicle/unplug'],
      ['POST', '/admin/fleet/vehicles/:vehicle/fault'],
      ['DELETE', '/admin/fleet/vehicles/:vehicle/fault'],
      ['POST', '/admin/fleet/vehicles/:vehicle/swap'],
      ['GET', '/admin/upstream-budgets'],
      ['GET', '/admin/applications'],
      ['GET', '/admin/applications/:client_id/lifecycle'],
      ['POST', '/admin/applications/:client_id/lifecycle/:action'],
    ]);
    expect(documentedRoutes(renderOpenApiDocument(publicUrl, { adminApi: false })).filter(([, url]) => url.startsWith('/admin/'))).toEqual([]);
  });

  it('lists only routes the instance serves', async () => {
    const { app } = await servedDocument({ CARPORT_ADMIN_TOKEN: adminToken });
    const routes = documentedRoutes(renderOpenApiDocument(publicUrl, { adminApi: true }));
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.filter(([method, url]) => !app.hasRoute({ method, url }))).toEqual([]);
  });

  it('is the document the /docs page renders', async () => {
    const { app } = await servedDocument({});
    const page = await app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toBe(renderApiReference('/fleet-api', renderOpenApiDocument(publicUrl, { adminApi: false }), loadGuides()));
  });
});
