/**
 * @module `GET /docs`: Carport's API reference, rendered on the server from the same OpenAPI document
 * as `/openapi.json`. Plain HTML with no script: it works offline, under the strict CSP, on a phone,
 * and with assistive technology (stock Swagger UI nests buttons in buttons and fails axe).
 */
import { html, type SafeHtml } from '../html.js';
import { renderDocsPage } from './docs-layout.js';
import type { Guide } from './guides.js';
import { renderGuideList } from './guide-pages.js';

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function objectAt(value: Json, key: string): Json {
  const found = value[key];
  return isObject(found) ? found : {};
}

function listAt(value: Json, key: string): unknown[] {
  const found = value[key];
  return Array.isArray(found) ? found : [];
}

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  readonly method: (typeof methods)[number];
  readonly path: string;
  readonly operation: Json;
}

/** A short type for a parameter's schema: `string`, `integer ≥ 0`, `"A" | "B"`. */
function schemaSummary(schema: Json): string {
  const values = listAt(schema, 'enum');
  if (values.length > 0) return values.map((value) => JSON.stringify(value)).join(' | ');
  const ref = text(schema.$ref);
  if (ref !== '') return ref.slice(ref.lastIndexOf('/') + 1);
  const type = schema.type;
  return Array.isArray(type) ? type.join(' | ') : text(type) || 'any';
}

function renderParameters(operation: Json): SafeHtml | string {
  const parameters = listAt(operation, 'parameters').filter(isObject);
  if (parameters.length === 0) return '';
  const rows = parameters.map(
    (parameter) =>
      html`<dt><code>${text(parameter.name)}</code> <span class="muted">(${text(parameter.in)}${parameter.required === true ? ', required' : ''})</span></dt><dd><code>${schemaSummary(objectAt(parameter, 'schema'))}</code>${text(parameter.description) === '' ? '' : html` ${text(parameter.description)}`}</dd>`,
  );
  return html`<h3>Parameters</h3><dl class="facts">${rows}</dl>`;
}

/** The JSON schema of a body, whole: what a client needs is exact, so it is shown as the document has it. */
function renderSchema(label: string, content: Json): SafeHtml | string {
  const json = objectAt(content, 'application/json');
  if (!isObject(json.schema)) return '';
  const example = json.example === undefined ? '' : html`<p>Example:</p><pre><code>${JSON.stringify(json.example, null, 2)}</code></pre>`;
  return html`<details><summary>${label}</summary><pre><code>${JSON.stringify(json.schema, null, 2)}</code></pre>${example}</details>`;
}

function renderOperation(entry: Operation): SafeHtml {
  const { operation } = entry;
  const id = text(operation.operationId) || `${entry.method}-${entry.path}`;
  const requestBody = renderSchema('Request body schema', objectAt(objectAt(operation, 'requestBody'), 'content'));
  const responses = Object.entries(objectAt(operation, 'responses')).map(([status, response]) => {
    const body = isObject(response) ? response : {};
    return html`<li><strong>${status}</strong> ${text(body.description)}${renderSchema(`${status} body schema`, objectAt(body, 'content'))}</li>`;
  });
  // Collapsed: the page lists 80 operations, and a phone shows the one opened, not all of them at once.
  return html`<details class="operation" id="${id}">
<summary><span class="method method-${entry.method}">${entry.method.toUpperCase()}</span> <code>${entry.path}</code> ${text(operation.summary)}</summary>
${text(operation.description) === '' ? '' : html`<p>${text(operation.description)}</p>`}
${renderParameters(operation)}${requestBody}
<h3>Responses</h3><ul>${responses}</ul>
</details>`;
}

/** Operations by tag, tags in the order they first appear in the document. */
function groupByTag(document: Json): Map<string, Operation[]> {
  const groups = new Map<string, Operation[]>();
  for (const [path, item] of Object.entries(objectAt(document, 'paths'))) {
    if (!isObject(item)) continue;
    for (const method of methods) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const tag = text(listAt(operation, 'tags')[0]) || 'Other';
      groups.set(tag, [...(groups.get(tag) ?? []), { method, path, operation }]);
    }
  }
  return groups;
}

function anchorOf(tag: string): string {
  return `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** The whole reference page for `document` (the generated OpenAPI 3.1 document). */
export function renderApiReference(basePath: string, document: unknown, guides: readonly Guide[]): string {
  const doc = isObject(document) ? document : {};
  const info = objectAt(doc, 'info');
  const groups = [...groupByTag(doc)];
  const contents = groups.map(([tag, operations]) => html`<li><a href="#${anchorOf(tag)}">${tag}</a> <span class="muted">(${operations.length})</span></li>`);
  const sections = groups.map(
    ([tag, operations]) => html`<section aria-labelledby="${anchorOf(tag)}"><h2 id="${anchorOf(tag)}">${tag}</h2>${operations.map(renderOperation)}</section>`,
  );
  const schemes = Object.entries(objectAt(objectAt(doc, 'components'), 'securitySchemes')).map(
    ([name, scheme]) => html`<dt><code>${name}</code></dt><dd>${isObject(scheme) ? text(scheme.description) : ''}</dd>`,
  );
  const guideList = guides.length === 0 ? '' : html`<h2 id="guides">Guides</h2>${renderGuideList(basePath, guides)}`;
  return renderDocsPage({
    basePath,
    title: 'Carport API reference',
    body: html`<h1>Carport API reference</h1>
<p>${text(info.description)} Version ${text(info.version)}. The machine-readable description is <a href="${basePath}/openapi.json">/openapi.json</a> (OpenAPI ${text(doc.openapi)}); every error is explained at <a href="${basePath}/docs/errors">/docs/errors</a>.</p>
<div class="card"><h2 id="authentication">Authentication</h2><dl class="facts">${schemes}</dl></div>
${guideList}
<nav aria-labelledby="contents"><h2 id="contents">Contents</h2><ul>${contents}</ul></nav>
${sections}`,
  });
}
