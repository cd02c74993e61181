/** @module OpenAPI 3.1 generated from the registered route schemas, served at `/openapi.json` (rendered at `/docs` by the docs site). */
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';

/** Version of Carport's public API description (the API itself is Smartcar v2.0 compatible). */
export const apiDocumentVersion = '2.0.0';

/**
 * Registers the generator; must run before any route so every route's schema is collected.
 * `GET /openapi.json` and the rendered reference are added by `registerOpenApiRoutes` afterwards.
 */
export async function registerOpenApiGenerator(app: FastifyInstance, publicUrl: string): Promise<void> {
  await app.register(swagger, {
    // Shared schemas keep their `$id` as their component name (`ErrorBody`), not a generated `def-N`.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, index) => (typeof json.$id === 'string' ? json.$id : `def-${index}`) },
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Carport API',
        version: apiDocumentVersion,
        description:
          'Owner-consented access to vehicle data and commands across makes. Compatible with the Smartcar API v2.0.',
      },
      servers: [{ url: publicUrl }],
      components: {
        securitySchemes: {
          vehicleAccessToken: { type: 'http', scheme: 'bearer', description: 'Access token from POST /oauth/token' },
          managementToken: { type: 'http', scheme: 'basic', description: 'Basic base64("default:" + management token)' },
          clientCredentials: { type: 'http', scheme: 'basic', description: 'Basic base64(client_id:client_secret)' },
        },
      },
    },
  });
}

/** Serves the generated document; `/docs` renders it (see `docs-site/api-reference-page.ts`). */
export function registerOpenApiRoutes(app: FastifyInstance): void {
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
}
