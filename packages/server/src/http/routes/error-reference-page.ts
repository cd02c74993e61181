/** @module `GET /docs/errors`: the error catalog as a page, the target of every error body's `docURL`. */
import { errorCatalog } from '../../catalog/errors.js';
import { errorAnchor } from '../../catalog/error-body.js';
import type { CarportModule } from '../carport-module.js';
import { escapeHtml } from '../html.js';

/** Rendered once: the catalog is constant for the life of the process. */
function renderPage(): string {
  const types = [...new Set(errorCatalog.map((entry) => entry.type))];
  const sections = types.map((type) => {
    const rows = errorCatalog
      .filter((entry) => entry.type === type)
      .map(
        (entry) =>
          `<tr id="${escapeHtml(errorAnchor(entry.type, entry.code))}"><td><code>${escapeHtml(entry.code ?? 'null')}</code></td>` +
          `<td>${entry.statusCode}</td><td>${escapeHtml(entry.description)}</td>` +
          `<td>${escapeHtml(entry.resolution ?? 'none')}</td><td>${escapeHtml(entry.suggestedUserMessage)}</td></tr>`,
      )
      .join('\n');
    return `<section><h2><code>${escapeHtml(type)}</code></h2>
<table><thead><tr><th scope="col">code</th><th scope="col">status</th><th scope="col">description</th><th scope="col">resolution</th><th scope="col">suggested user message</th></tr></thead>
<tbody>${rows}</tbody></table></section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Carport API errors</title><link rel="icon" href="data:,">
<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#111;line-height:1.45}
table{border-collapse:collapse;width:100%;margin-bottom:2rem}th,td{border:1px solid #bbb;padding:.4rem;text-align:left;vertical-align:top}
tr:target{background:#fff3b0}code{font-size:.95em}</style></head>
<body><main><h1>Carport API errors</h1>
<p>Every error body carries <code>type</code>, <code>code</code>, <code>description</code>, <code>docURL</code> (a link to its row here), <code>statusCode</code>, <code>requestId</code>, <code>resolution.type</code> and <code>suggestedUserMessage</code>; validation errors add <code>detail</code>.</p>
${sections.join('\n')}</main></body></html>`;
}

export const errorReferencePage: CarportModule = {
  name: 'error-reference-page',
  register(app) {
    const page = renderPage();
    app.get('/docs/errors', { schema: { hide: true } }, (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
  },
};
