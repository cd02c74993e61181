/** @module The page for a Connect session that expired: it says so and links back to the application. */
import { escapeHtml } from '../../html.js';
import { renderPage } from './layout.js';

/** `backUrl` is the application's redirect URI carrying `error=user_manually_returned_to_application`. */
export function renderExpiredFlowPage(basePath: string, backUrl: string): string {
  return renderPage({
    basePath,
    title: 'This session has expired',
    content: `<h1>This session has expired</h1>
<div class="alert" role="alert">Connect sessions last 30 minutes. Return to the application and start again.</div>
<p><a class="button primary" id="back-to-application" href="${escapeHtml(backUrl)}">Return to the application</a></p>`,
  });
}
