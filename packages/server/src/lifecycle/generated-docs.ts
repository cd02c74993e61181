/** @module Every generated document, keyed by its path under `docs/`; the generator script writes them and a test checks the committed copies are current. */
import { loadConfig } from '../config/load-config.js';
import { renderConfigurationReference } from '../config/render-configuration-reference.js';
import { buildApp } from '../http/build-app.js';
import { createLogger } from '../logging/logger.js';
import { renderErrorReference } from '../docs/render-error-reference.js';
import { renderPermissionReference } from '../docs/render-permission-reference.js';

/** The OpenAPI document as served by a default instance (public URL `http://localhost:8080`). */
export async function renderOpenApiDocument(): Promise<string> {
  const config = loadConfig({
    env: { DATABASE_URL: 'sqlite::memory:', CARPORT_SECRET_KEY: 'document-generation-only-key-0123456789', PUBLIC_URL: 'http://localhost:8080' },
  });
  const app = await buildApp(config, { logger: createLogger('silent') });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

/** Renders every generated document: path relative to `docs/` → content. */
export async function renderGeneratedDocs(): Promise<Readonly<Record<string, string>>> {
  return {
    'configuration.md': renderConfigurationReference(),
    'errors.md': renderErrorReference(),
    'permissions.md': renderPermissionReference(),
    'openapi.json': await renderOpenApiDocument(),
  };
}
