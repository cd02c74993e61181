/** @module `GET /docs/guides` and `/docs/guides/<slug>`: the repository's Markdown guides as pages, rendered once at start. */
import { basename } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { html, SafeHtml } from '../html.js';
import { renderDocsPage } from './docs-layout.js';
import type { Guide } from './guides.js';
import { createMarkdownRenderer } from './markdown.js';

const htmlType = 'text/html; charset=utf-8';

/** The guide list, shared by `/docs/guides` and the API reference. */
export function renderGuideList(basePath: string, guides: readonly Guide[]): SafeHtml {
  const items = guides.map((guide) => {
    const sections = (guide.sections ?? []).map((section) => html`<li><a href="${basePath}/docs/guides/${guide.slug}#${section.anchor}">${section.title}</a></li>`);
    return html`<li><a href="${basePath}/docs/guides/${guide.slug}">${guide.title}</a>: ${guide.summary}${sections.length === 0 ? '' : html`<ul>${sections}</ul>`}</li>`;
  });
  return html`<ul class="guides">${items}</ul>`;
}

/** Registers the guide list and one page per guide. */
export function registerGuidePages(app: FastifyInstance, basePath: string, guides: readonly Guide[]): void {
  const slugOfFile = new Map(guides.map((guide) => [basename(guide.file).toLowerCase(), guide.slug]));
  const markdown = createMarkdownRenderer((file) => {
    const slug = slugOfFile.get(file.toLowerCase());
    return slug === undefined ? undefined : `${basePath}/docs/guides/${slug}`;
  });
  const index = renderDocsPage({
    basePath,
    title: 'Carport guides',
    body: html`<h1>Carport guides</h1>${renderGuideList(basePath, guides)}<p>The API reference is at <a href="${basePath}/docs">/docs</a>, every error at <a href="${basePath}/docs/errors">/docs/errors</a>.</p>`,
  });
  app.get('/docs/guides', (_request, reply) => reply.type(htmlType).send(index));
  for (const guide of guides) {
    // Rendered on first request: most apps (every test builds several) never serve a guide.
    let page: string | undefined;
    app.get(`/docs/guides/${guide.slug}`, (_request, reply) => {
      // markdown-it escapes all text and drops raw HTML (`html: false`): its output is safe markup.
      page ??= renderDocsPage({ basePath, title: `${guide.title} · Carport`, body: new SafeHtml(markdown.render(guide.markdown)) });
      return reply.type(htmlType).send(page);
    });
  }
}
