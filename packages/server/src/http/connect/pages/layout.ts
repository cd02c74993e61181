/** @module The frame every Connect page shares: language, viewport, stylesheet, one main landmark. */
import { escapeHtml } from '../../html.js';

export interface PageFrame {
  /** Path prefix Carport is served under (from PUBLIC_URL), '' at the root. */
  readonly basePath: string;
  readonly title: string;
  /** Already-escaped HTML for the content card. */
  readonly content: string;
  /** Tables (the owner's grants) need more width than forms. */
  readonly wide?: boolean;
}

/** Renders a full page; `content` must be built from escaped parts. */
export function renderPage(frame: PageFrame): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(frame.title)} · Carport Connect</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${escapeHtml(frame.basePath)}/connect/assets/connect.css">
<script src="${escapeHtml(frame.basePath)}/connect/assets/connect.js" defer></script>
</head>
<body>
<main class="page${frame.wide === true ? ' wide' : ''}">
<div class="masthead" aria-hidden="true">Carport Connect</div>
<div class="page-content">
${frame.content}
</div>
</main>
</body>
</html>`;
}

/** Hidden fields every flow form posts back: the flow id and its CSRF token. */
export function flowFields(flowId: string, csrf: string): string {
  return `<input type="hidden" name="flow" value="${escapeHtml(flowId)}"><input type="hidden" name="csrf" value="${escapeHtml(csrf)}">`;
}
