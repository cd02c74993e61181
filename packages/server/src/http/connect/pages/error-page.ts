/** @module Carport's own error page, for failures that must not be redirected to an application. */
import { escapeHtml } from '../../html.js';
import { renderPage } from './layout.js';

export function renderErrorPage(basePath: string, message: string, errorCode: string): string {
  return renderPage({
    basePath,
    title: 'Connect cannot continue',
    content: `<h1>Connect cannot continue</h1>
<div class="alert" role="alert">${escapeHtml(message)}</div>
<p class="muted">Error: <code>${escapeHtml(errorCode)}</code>. Return to the application and start again; if this keeps happening, contact its developer.</p>`,
  });
}
