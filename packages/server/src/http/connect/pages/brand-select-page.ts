/** @module Brand selection: a searchable list of the makes this mode can connect. */
import type { MakeDefinition } from '../../../catalog/types.js';
import type { FlowState } from '../../../connect/flow-state.js';
import { escapeHtml } from '../../html.js';
import { flowFields, renderPage } from './layout.js';

export function renderBrandSelectPage(basePath: string, flow: FlowState, makes: readonly MakeDefinition[], query: string): string {
  const buttons = makes
    .map((make) => {
      const search = [make.displayName, make.id.replace(/_/g, ' '), ...make.aliases].join(' ').toLowerCase();
      return `<button type="submit" name="make" value="${escapeHtml(make.id)}" id="${escapeHtml(make.id)}" class="brand-list-item" data-search="${escapeHtml(search)}">${escapeHtml(make.displayName)}</button>`;
    })
    .join('\n');
  const base = escapeHtml(basePath);
  return renderPage({
    basePath,
    title: 'Select your vehicle brand',
    content: `<h1>Select your vehicle brand</h1>
<form method="get" action="${base}/connect/brands" role="search">
<input type="hidden" name="flow" value="${escapeHtml(flow.flowId)}">
<label for="brand-search">Search brands</label>
<input type="search" id="brand-search" name="q" value="${escapeHtml(query)}" placeholder="e.g. VW, Chevy, Mercedes" autocomplete="off" aria-describedby="brand-search-status">
<button type="submit" class="visually-hidden">Search</button>
</form>
<p id="brand-search-status" class="muted" aria-live="polite">${makes.length} ${makes.length === 1 ? 'brand' : 'brands'}</p>
<form method="post" action="${base}/connect/brands">
${flowFields(flow.flowId, flow.csrf)}
<div class="brand-list">
${buttons}
</div>
</form>`,
  });
}
