/**
 * @module `GET /openapi.json`: the OpenAPI document rendered from the catalog's operations (the same
 * pure rendering `npm run docs` commits), naming this instance's public URL as its server.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app/services.js';
import type { ServedParts } from '../catalog/operations/index.js';
import { renderOpenApiDocument, type JsonObject } from '../docs/render-openapi-document.js';
import { adminApiServed } from './admin/admin-module.js';

/** The optional parts this instance serves, which its document lists. */
export function servedParts(context: AppContext): ServedParts {
  return { adminApi: adminApiServed(context) };
}

/** This instance's document, rendered once per app on first use. */
export function openApiDocumentOf(context: AppContext): () => JsonObject {
  let document: JsonObject | undefined;
  return () => (document ??= renderOpenApiDocument(context.config.publicUrl, servedParts(context)));
}

/** Serves the document; `/docs` renders the same one (see `docs-site/api-reference-page.ts`). */
export function registerOpenApiRoutes(app: FastifyInstance, document: () => JsonObject): void {
  app.get('/openapi.json', () => document());
}
