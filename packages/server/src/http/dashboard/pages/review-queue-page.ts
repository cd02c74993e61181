/** @module The operator's review queue: every application grouped by lifecycle state, in lifecycle order. */
import { lifecycleStates } from '../../../catalog/application-lifecycle.js';
import type { ApplicationRecord } from '../../../store/index.js';
import { html } from '../../html.js';
import { renderDashboardPage, type Viewer } from './layout.js';
import { stateBadge } from './lifecycle-parts.js';

export interface ReviewQueueInput {
  readonly basePath: string;
  readonly viewer: Viewer;
  readonly applications: readonly ApplicationRecord[];
}

export function reviewQueuePage(input: ReviewQueueInput): string {
  const groups = lifecycleStates
    .map((state) => ({ state, applications: input.applications.filter((application) => application.lifecycleState === state) }))
    .filter((group) => group.applications.length > 0);
  return renderDashboardPage({
    basePath: input.basePath,
    title: 'Review queue',
    viewer: input.viewer,
    section: 'review',
    body: html`<h1>Review queue</h1>
${groups.length === 0 ? html`<p>No applications yet.</p>` : html``}
${groups.map((group) => html`<section class="card" aria-labelledby="state-${group.state}"><h2 id="state-${group.state}">${stateBadge(group.state)}</h2>
<ul>${group.applications.map((application) => html`<li><a href="${input.basePath}/dashboard/review/${application.clientId}">${application.name}</a> <code>${application.clientId}</code>${application.lifecycleReason === null ? html`` : html` — ${application.lifecycleReason}`}</li>`)}</ul></section>`)}`,
  });
}
