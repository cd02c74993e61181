/** @module `GET /docs/errors`: the error catalog as a page, the target of every error body's `docURL`. */
import { errorCatalog } from '../../catalog/errors.js';
import { errorAnchor } from '../../catalog/error-body.js';
import type { CarportModule } from '../carport-module.js';
import { basePathOf } from '../connect/flow-session.js';
import { renderDocsPage } from '../docs-site/docs-layout.js';
import { html } from '../html.js';

/**
 * Rendered once: the catalog is constant for the life of the process. Each cell carries its column's
 * name, so on a phone the table stacks into one card per error (`table.stack`) and stays readable.
 */
function renderPage(basePath: string): string {
  const types = [...new Set(errorCatalog.map((entry) => entry.type))];
  const sections = types.map((type) => {
    const rows = errorCatalog
      .filter((entry) => entry.type === type)
      .map(
        (entry) => html`<tr id="${errorAnchor(entry.type, entry.code)}"><td data-label="code"><code>${entry.code ?? 'null'}</code></td>
<td data-label="status">${entry.statusCode}</td><td data-label="description">${entry.description}</td>
<td data-label="resolution">${entry.resolution ?? 'none'}</td><td data-label="suggested user message">${entry.suggestedUserMessage}</td></tr>`,
      );
    return html`<section aria-labelledby="type-${type}"><h2 id="type-${type}"><code>${type}</code></h2>
<table class="stack"><thead><tr><th scope="col">code</th><th scope="col">status</th><th scope="col">description</th><th scope="col">resolution</th><th scope="col">suggested user message</th></tr></thead>
<tbody>${rows}</tbody></table></section>`;
  });
  return renderDocsPage({
    basePath,
    title: 'Carport API errors',
    body: html`<h1>Carport API errors</h1>
<p>Every error body carries <code>type</code>, <code>code</code>, <code>description</code>, <code>docURL</code> (a link to its row here), <code>statusCode</code>, <code>requestId</code>, <code>resolution.type</code> and <code>suggestedUserMessage</code>; validation errors add <code>detail</code>.</p>
${sections}`,
  });
}

export const errorReferencePage: CarportModule = {
  name: 'error-reference-page',
  register(app, context) {
    const page = renderPage(basePathOf(context.config));
    app.get('/docs/errors', (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
  },
};
