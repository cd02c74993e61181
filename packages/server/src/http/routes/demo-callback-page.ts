/** @module `GET /demo/callback`: where the demo application's Connect flow lands; shows the code and how to exchange it. */
import type { CarportModule } from '../carport-module.js';
import { basePathOf } from '../connect/flow-session.js';
import { renderPage } from '../connect/pages/layout.js';
import { escapeHtml } from '../html.js';

function text(query: unknown, name: string): string | undefined {
  const value = query !== null && typeof query === 'object' ? (query as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

export const demoCallbackPage: CarportModule = {
  name: 'demo-callback-page',
  register(app, context) {
    const basePath = basePathOf(context.config);
    const redirectUri = `${context.config.publicUrl}/demo/callback`;
    app.get('/demo/callback', (request, reply) => {
      const code = text(request.query, 'code');
      const error = text(request.query, 'error');
      const content =
        code !== undefined
          ? `<h1>Connected</h1>
<p>Connect redirected here with an authorization code (valid 10 minutes, single use):</p>
<p><code id="authorization-code">${escapeHtml(code)}</code></p>
<p>Exchange it for tokens with the demo application's credentials:</p>
<pre id="exchange-command">curl -u "$CLIENT_ID:$CLIENT_SECRET" \\
  -d grant_type=authorization_code \\
  -d code=${escapeHtml(code)} \\
  -d redirect_uri=${escapeHtml(redirectUri)} \\
  ${escapeHtml(context.config.publicUrl)}/oauth/token</pre>
<p>Then call <code>GET ${escapeHtml(context.config.publicUrl)}/v2.0/vehicles</code> with <code>Authorization: Bearer &lt;access_token&gt;</code>.</p>`
          : `<h1>Connect ended without a code</h1>
<div class="alert" role="alert"><code id="connect-error">${escapeHtml(error ?? 'no code')}</code>: ${escapeHtml(text(request.query, 'error_description') ?? 'Connect returned no authorization code.')}</div>`;
      return reply.type('text/html; charset=utf-8').send(renderPage({ basePath, title: code === undefined ? 'Connect ended' : 'Connected', content }));
    });
  },
};
