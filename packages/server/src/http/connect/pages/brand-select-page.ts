/**
 * @module Brand selection: a searchable list of the makes this mode can connect, and the planned
 * brands a search names, shown as coming soon and not selectable.
 */
import type { MakeDefinition, PlannedMakeDefinition } from '../../../catalog/types.js';
import type { FlowState } from '../../../connect/flow-state.js';
import { escapeHtml } from '../../html.js';
import { flowFields, renderPage } from './layout.js';

/** The planned brands of the page: all of them, so the script can reveal one as the owner types; `shown` are those the query names. */
export interface PlannedBrands {
  readonly all: readonly PlannedMakeDefinition[];
  readonly shown: ReadonlySet<string>;
}

/** What the in-page search matches a brand against. */
function searchText(make: PlannedMakeDefinition): string {
  return [make.displayName, make.id.replace(/_/g, ' '), ...make.aliases].join(' ').toLowerCase();
}

/** A planned brand: a list item, not a button, so it cannot be submitted; hidden until searched for. */
function plannedItem(make: PlannedMakeDefinition, shown: boolean): string {
  return `<li class="brand-planned" data-search="${escapeHtml(searchText(make))}"${shown ? '' : ' hidden'}>${escapeHtml(make.displayName)} — coming soon</li>`;
}

export function renderBrandSelectPage(basePath: string, flow: FlowState, makes: readonly MakeDefinition[], query: string, planned: PlannedBrands): string {
  const buttons = makes
    .map((make) => {
      return `<button type="submit" name="make" value="${escapeHtml(make.id)}" id="${escapeHtml(make.id)}" class="brand-list-item" data-search="${escapeHtml(searchText(make))}">${escapeHtml(make.displayName)}</button>`;
    })
    .join('\n');
  const comingSoon = planned.all.map((make) => plannedItem(make, planned.shown.has(make.id))).join('\n');
  const base = escapeHtml(basePath);
  return renderPage({
    basePath,
    title: 'Select your vehicle brand',
    content: `<a class="back-link" id="back-link" href="${base}/connect/preamble?flow=${escapeHtml(encodeURIComponent(flow.flowId))}">← Back</a>
<h1>Select your vehicle brand</h1>
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
</form>
<ul class="brand-planned-list" aria-label="Brands coming soon">
${comingSoon}
</ul>`,
  });
}
