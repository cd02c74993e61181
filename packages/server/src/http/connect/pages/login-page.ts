/** @module The make's sign-in form: the login the make's accounts use and a password, checked against the provider's accounts. */
import { signInLabel } from '../../../catalog/sign-in-identifiers.js';
import { documentedTestLogins } from '../../../catalog/test-mode-logins.js';
import type { MakeDefinition } from '../../../catalog/types.js';
import type { FlowState } from '../../../connect/flow-state.js';
import { escapeHtml } from '../../html.js';
import { flowFields, renderPage } from './layout.js';

/** Test mode lists its documented logins, so a developer needs no other page to try each outcome. */
function testModeHint(): string {
  const items = documentedTestLogins.map((entry) => `<li><code>${escapeHtml(entry.login)}</code>: ${escapeHtml(entry.outcome)}</li>`).join('\n');
  return `<div class="muted" id="test-mode-hint"><p>Test mode: any login and password sign in.</p>
<ul>
${items}
</ul></div>`;
}

function modeNote(flow: FlowState): string {
  if (flow.mode === 'test') return testModeHint();
  if (flow.mode === 'simulated') return '<p class="muted">Simulated mode: any login and password sign in.</p>';
  return '';
}

export function renderLoginPage(basePath: string, flow: FlowState, make: MakeDefinition, problem: string | null, username: string): string {
  const name = escapeHtml(make.displayName);
  const alert = problem === null ? '' : `<div class="alert" role="alert" id="sign-in-error">${escapeHtml(problem)}</div>`;
  // A brand chosen by the application cannot be changed here, so back leads to the first page instead.
  const backStep = flow.makeLocked ? 'preamble' : 'brands';
  const back = `<a class="back-link" id="back-link" href="${escapeHtml(basePath)}/connect/${backStep}?flow=${escapeHtml(encodeURIComponent(flow.flowId))}">← Back${flow.makeLocked ? '' : ' to brands'}</a>`;
  return renderPage({
    basePath,
    title: `Sign in to ${make.displayName}`,
    content: `${back}
<h1>Sign in to ${name}</h1>
<p>Use the account of your ${name} app. Carport never shows your password to the application.</p>
${modeNote(flow)}${alert}
<form method="post" action="${escapeHtml(basePath)}/connect/login">
${flowFields(flow.flowId, flow.csrf)}
<label for="username">${escapeHtml(signInLabel(make))}</label>
<input type="text" id="username" name="username" value="${escapeHtml(username)}" autocomplete="username" required${problem === null ? '' : ' aria-describedby="sign-in-error"'}>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit" id="sign-in-button" class="primary">Sign in</button>
</form>`,
  });
}
