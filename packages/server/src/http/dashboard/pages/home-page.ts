/** @module The dashboard's home: the applications of the signed-in member's team, read-only for now. */
import type { ApplicationRecord, TeamRecord } from '../../../store/index.js';
import { html } from '../../html.js';
import { renderDashboardPage, type Viewer } from './layout.js';

export interface HomePageInput {
  readonly basePath: string;
  readonly viewer: Viewer;
  /** Null for an operator who belongs to no team. */
  readonly team: TeamRecord | null;
  readonly applications: readonly ApplicationRecord[];
}

export function homePage(input: HomePageInput): string {
  const list =
    input.applications.length === 0
      ? html`<p id="no-applications">Your team has no applications yet. Applications created with <code>npx carport apps create</code> belong to no team.</p>`
      : html`<div class="table-scroll"><table class="stack"><thead><tr><th scope="col">Name</th><th scope="col">Client id</th><th scope="col">Plan</th><th scope="col">Created</th></tr></thead><tbody>
${input.applications.map((application) => html`<tr><td data-label="Name">${application.name}</td><td data-label="Client id"><code>${application.clientId}</code></td><td data-label="Plan">${application.plan}</td><td data-label="Created"><time datetime="${application.createdAt}">${application.createdAt.slice(0, 10)}</time></td></tr>`)}
</tbody></table></div>`;
  return renderDashboardPage({
    basePath: input.basePath,
    title: 'Applications',
    viewer: input.viewer,
    section: 'applications',
    body: html`<h1>Applications</h1>
${input.team === null ? html`<p class="muted">You belong to no team. Operator pages come here later.</p>` : html`<p class="muted">Team ${input.team.name}</p>`}
<section class="card" aria-labelledby="apps-heading"><h2 id="apps-heading">Your team’s applications</h2>${list}</section>`,
  });
}
