/** @module First page: which application asks, and what it will access. */
import type { FlowState } from '../../../connect/flow-state.js';
import { escapeHtml } from '../../html.js';
import { renderDataPackages } from './data-packages.js';
import { flowFields, renderPage } from './layout.js';

export function renderPreamblePage(basePath: string, flow: FlowState, applicationName: string): string {
  const name = escapeHtml(applicationName);
  return renderPage({
    basePath,
    title: `${applicationName} wants to connect to your vehicle`,
    content: `<h1>${name} wants to connect to your vehicle</h1>
<p>You will sign in with your vehicle brand's account and choose which vehicles to share. ${name} is asking for:</p>
${renderDataPackages(flow.scope)}
<p class="muted">You can revoke this access at any time from Carport's owner pages.</p>
<form method="post" action="${escapeHtml(basePath)}/connect/preamble">
${flowFields(flow.flowId, flow.csrf)}
<button type="submit" id="continue-button" class="primary" name="action" value="continue">Continue</button>
<button type="submit" id="back-button" class="secondary" name="action" value="back">Back to ${name}</button>
</form>`,
  });
}
