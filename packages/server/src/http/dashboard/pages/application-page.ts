/**
 * @module One application's lifecycle page: state, last reason, timeline, checklist and the request.
 * Members of its team see it with resubmission; operators see it with the review actions.
 */
import type { FieldProblems } from '../../../accounts/index.js';
import { describeAction, reasonRequired, type LifecycleAction } from '../../../catalog/application-lifecycle.js';
import type { LifecycleView } from '../../../partner-lifecycle/lifecycle-view.js';
import { html, type SafeHtml } from '../../html.js';
import { requestFields, type ApplyForm } from './apply-page.js';
import { csrfField, errorSummary, notice } from './form-parts.js';
import { renderDashboardPage, type DashboardSection, type Viewer } from './layout.js';
import { checklistList, requestDetails, stateBadge, timelineTable } from './lifecycle-parts.js';

/** What the viewer may do on the page. */
export type ApplicationPageMode =
  | { readonly kind: 'member'; readonly canResubmit: boolean; readonly form: ApplyForm }
  | { readonly kind: 'operator' };

export interface ApplicationPageInput {
  readonly basePath: string;
  readonly viewer: Viewer;
  readonly lifecycle: LifecycleView;
  /** The timeline's actors as people read them. */
  readonly actorNames: ReadonlyMap<string, string>;
  readonly mode: ApplicationPageMode;
  readonly problems?: FieldProblems;
  readonly message?: string;
}

function actionForm(input: ApplicationPageInput, action: LifecycleAction, index: number): SafeHtml {
  const label = describeAction(action);
  const required = reasonRequired(action);
  return html`<form method="post" action="${input.basePath}/dashboard/review/${input.lifecycle.clientId}/${action}" class="action-form" novalidate>${csrfField(input.viewer.csrfToken)}
<label for="reason-${index}">Reason for “${label}”${required ? '' : ' (optional)'}</label>
<input id="reason-${index}" name="reason" type="text" autocomplete="off"${required ? html` required` : html``}>
${action === 'release' ? html`<div class="check"><input type="checkbox" id="force-${index}" name="force" value="true"><label for="force-${index}">Release although the checklist is open</label></div>` : html``}
<button type="submit"${action === 'reject' || action === 'revoke' || action === 'suspend' ? html` class="danger"` : html``}>${label.charAt(0).toUpperCase()}${label.slice(1)}</button></form>`;
}

function sideForms(input: ApplicationPageInput): SafeHtml {
  const mode = input.mode;
  if (mode.kind === 'operator') {
    const actions = input.lifecycle.nextActions.filter((action) => action !== 'resubmit');
    return html`<section class="card" aria-labelledby="actions-heading"><h2 id="actions-heading">Decide</h2>
${actions.length === 0 ? html`<p>This state is final: no action leaves it.</p>` : actions.map((action, index) => actionForm(input, action, index))}</section>`;
  }
  if (!mode.canResubmit || input.lifecycle.state !== 'changes_requested') return html``;
  return html`<section class="card" aria-labelledby="resubmit-heading"><h2 id="resubmit-heading">Change the request and submit it again</h2>
<form method="post" action="${input.basePath}/dashboard/applications/${input.lifecycle.clientId}/resubmit" novalidate>${csrfField(input.viewer.csrfToken)}
${requestFields(mode.form, input.problems ?? {})}
<button type="submit" class="primary">Resubmit</button></form></section>`;
}

export function applicationPage(input: ApplicationPageInput): string {
  const lifecycle = input.lifecycle;
  const section: DashboardSection = input.mode.kind === 'operator' ? 'review' : 'applications';
  return renderDashboardPage({
    basePath: input.basePath,
    title: lifecycle.name,
    viewer: input.viewer,
    section,
    body: html`<h1>${lifecycle.name}</h1>
<p>Client id <code>${lifecycle.clientId}</code></p>
${notice(input.message)}${errorSummary(input.problems ?? {})}
<section class="card" aria-labelledby="state-heading"><h2 id="state-heading">State</h2>
<p id="state">${stateBadge(lifecycle.state)}</p>
${lifecycle.reason === null ? html`` : html`<p id="state-reason"><strong>Reason:</strong> ${lifecycle.reason}</p>`}
${lifecycle.approvedDataPackages.length === 0 ? html`` : html`<p>Approved data packages: ${lifecycle.approvedDataPackages.join(', ')}</p>`}
</section>
${sideForms(input)}
<section class="card" aria-labelledby="checklist-heading"><h2 id="checklist-heading">Joint-testing checklist</h2>${checklistList(lifecycle.checklist)}</section>
<section class="card" aria-labelledby="timeline-heading"><h2 id="timeline-heading">Timeline</h2>${timelineTable(lifecycle.timeline, input.actorNames)}</section>
<section class="card" aria-labelledby="request-heading"><h2 id="request-heading">Request</h2>${requestDetails(lifecycle.request)}</section>`,
  });
}
