/** @module The make's sign-in form: email or phone and password, checked against the provider's accounts. */
import type { FlowState } from '../../../connect/flow-state.js';
import { escapeHtml } from '../../html.js';
import { flowFields, renderPage } from './layout.js';

export function renderLoginPage(basePath: string, flow: FlowState, makeName: string, problem: string | null, username: string): string {
  const make = escapeHtml(makeName);
  const testNote = flow.mode === 'live' ? '' : `<p class="muted">${flow.mode === 'test' ? 'Test mode' : 'Simulated mode'}: any email and password sign in.</p>`;
  const alert = problem === null ? '' : `<div class="alert" role="alert" id="sign-in-error">${escapeHtml(problem)}</div>`;
  return renderPage({
    basePath,
    title: `Sign in to ${makeName}`,
    content: `<h1>Sign in to ${make}</h1>
<p>Use the account of your ${make} app. Carport never shows your password to the application.</p>
${testNote}${alert}
<form method="post" action="${escapeHtml(basePath)}/connect/login">
${flowFields(flow.flowId, flow.csrf)}
<label for="username">Email or phone number</label>
<input type="text" id="username" name="username" value="${escapeHtml(username)}" autocomplete="username" required${problem === null ? '' : ' aria-describedby="sign-in-error"'}>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit" id="sign-in-button" class="primary">Sign in</button>
</form>`,
  });
}
