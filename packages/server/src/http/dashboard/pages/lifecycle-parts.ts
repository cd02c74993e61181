/** @module How the dashboard shows an application's lifecycle: the state badge, the timeline, the joint-testing checklist, the request. */
import { lifecycleStateDefinition, type LifecycleState } from '../../../catalog/application-lifecycle.js';
import type { Checklist } from '../../../partner-lifecycle/checklist.js';
import type { PartnerRequestRecord, TimelineEntry } from '../../../store/index.js';
import { html, type SafeHtml } from '../../html.js';

/** The state as a labelled badge with its meaning beside it. */
export function stateBadge(state: LifecycleState): SafeHtml {
  return html`<span class="badge" data-state="${state}">${state.replace('_', ' ')}</span> <span class="muted">${lifecycleStateDefinition(state).description}</span>`;
}

/** Every transition, oldest first: when, who, from → to and why. */
export function timelineTable(entries: readonly TimelineEntry[], names: ReadonlyMap<string, string>): SafeHtml {
  return html`<div class="table-scroll"><table class="stack" id="timeline"><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Change</th><th scope="col">Why</th></tr></thead><tbody>
${entries.map((entry) => html`<tr><td data-label="When"><time datetime="${entry.at}">${entry.at.slice(0, 16).replace('T', ' ')}</time></td><td data-label="Who">${names.get(entry.actor) ?? entry.actor}</td><td data-label="Change">${entry.from ?? 'new'} → ${entry.to}</td><td data-label="Why">${entry.reason ?? ''}</td></tr>`)}
</tbody></table></div>`;
}

/** What the platform has seen the application do during joint testing. */
export function checklistList(checklist: Checklist): SafeHtml {
  return html`<p>${checklist.complete ? 'Every item is done: the integration is ready for release.' : 'The platform ticks each item the first time it sees it happen in test mode.'}</p>
<ul class="checklist" id="checklist">${checklist.items.map((item) => html`<li data-done="${item.doneAt === null ? 'false' : 'true'}">${item.doneAt === null ? 'Open' : 'Done'}: ${item.item}${item.doneAt === null ? html`` : html` <span class="muted">(<time datetime="${item.doneAt}">${item.doneAt.slice(0, 16).replace('T', ' ')}</time>)</span>`}</li>`)}</ul>`;
}

/** The partner's request as submitted. */
export function requestDetails(request: PartnerRequestRecord | null): SafeHtml {
  if (request === null) return html`<p>This application was registered without a request for access.</p>`;
  const row = (label: string, value: string): SafeHtml => html`<dt>${label}</dt><dd>${value === '' ? '—' : value}</dd>`;
  return html`<dl class="details">
${row('Company', request.company)}${row('Contact', `${request.contactName} <${request.contactEmail}>`)}${row('Website', request.website ?? '')}
${row('Intended use', request.intendedUse)}${row('Data packages', request.dataPackages.join(', '))}${row('Makes', request.makes.join(', '))}
${row('Regions', request.regions.join(', '))}${row('Privacy policy', request.privacyPolicyUrl ?? '')}
</dl>`;
}
