/** @module Carport's documentation site: the API reference at `/docs` and the guides under `/docs/guides`. */
import type { CarportModule } from '../carport-module.js';
import { openApiDocumentOf } from '../openapi.js';
import { basePathOf } from '../connect/flow-session.js';
import { renderApiReference } from './api-reference-page.js';
import { registerGuidePages } from './guide-pages.js';
import { loadGuides } from './guides.js';

export const docsSiteModule: CarportModule = {
  name: 'docs-site',
  register(app, context) {
    const basePath = basePathOf(context.config);
    const guides = loadGuides();
    registerGuidePages(app, basePath, guides);
    // Rendered on first request, from the same document `/openapi.json` serves.
    const document = openApiDocumentOf(context);
    let reference: string | undefined;
    app.get('/docs', (_request, reply) => {
      reference ??= renderApiReference(basePath, document(), guides);
      return reply.type('text/html; charset=utf-8').send(reference);
    });
  },
};
