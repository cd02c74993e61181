/** @module Every generated document, keyed by its path under `docs/`; the generator script writes them and a test checks the committed copies are current. */
import { renderConfigurationReference } from '../config/render-configuration-reference.js';
import { renderErrorReference } from './render-error-reference.js';
import { renderOpenApiDocument } from './render-openapi-document.js';
import { renderPermissionReference } from './render-permission-reference.js';

/** The public URL the committed OpenAPI document names as its server: a default instance's. */
export const documentedPublicUrl = 'http://localhost:8080';

/** Renders every generated document: path relative to `docs/` → content. Pure: no app, no database. */
export function renderGeneratedDocs(): Readonly<Record<string, string>> {
  return {
    'configuration.md': renderConfigurationReference(),
    'errors.md': renderErrorReference(),
    'permissions.md': renderPermissionReference(),
    // A default instance leaves the admin API off (no `CARPORT_ADMIN_TOKEN`).
    'openapi.json': `${JSON.stringify(renderOpenApiDocument(documentedPublicUrl, { adminApi: false }), null, 2)}\n`,
  };
}
