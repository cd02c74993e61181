/** @module The dashboard's home: the applications of the signed-in member’s team, with the way to apply for another. */
import type { ApplicationRecord, TeamRecord } from '../../../store/index.js';
import { html } from '../../html.js';
import { renderDashboardPage, type Viewer } from './layout.js';

export interface HomePageInput {
  readonly basePath: string;
  readonly viewer: Viewer;
  /** Null for an operator who belongs to no team. */
  readonly team: TeamRecord | null;
  readonly applications: readonly ApplicationRecord[];
  /** Whether the member's role may apply for a new application. */
  readonly canApply: boolean;
}

export function homePage(input: HomePageInput): string {
  const list =
    input.applications.length === 0
      ? html`<p id="no-applications">Your team has no applications yet. Applications created with <code>npx carport apps create</code> belong to no team.</p>`
      : html`<div class="table-scroll"><table class="stack"><thead><tr><th scope="col">Name</th><th scope="col">Client id</th><th scope="col">State</th><th scope="col">Created</th></tr></thead><tbody>
${input.applications.map((application) => html`<tr><td data-label="Name"><a href="${input.basePath}/dashboard/applications/${application.clientId}">${application.name}</a></td><td data-label="Client id"><code>${application.clientId}</code></td><td data-label="State">${application.lifecycleState.replace('_', ' ')}</td><td data-label="Created"><time datetime="${application.createdAt}">${application.createdAt.slice(0, 10)}</time></td></tr>`)}
</tbody></table></div>`;
  return renderDashboardPage({
    basePath: input.basePath,
    title: 'Applications',
    viewer: input.viewer,
    section: 'applications',
    body: html`<h1>Applications</h1>
${input.team === null ? html`<p class="muted">You belong to no team. Operators review applications in the <a href="${input.basePath}/dashboard/review">review queue</a>.</p>` : html`<p class="muted">Team ${input.team.name}</p>`}
<section class="card" aria-labelledby="apps-heading"><h2 id="apps-heading">Your team’s applications</h2>${list}
${input.canApply ? html`<p><a class="button" href="${input.basePath}/dashboard/applications/new">Apply for an application</a></p>` : html``}</section>`,
  });
}
