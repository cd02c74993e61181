/** @module The emulated NIO sign-in and consent page: the owner's NIO ID and password, and the data packages the application asks for. */
import { escapeHtml } from '../http-io.js';
import { nioScopeTitles, type NioScope } from './nio-scopes.js';

export interface NioAuthorizePageInput {
  /** The authorization request's own parameters, carried through the form unchanged. */
  readonly request: Readonly<Record<string, string>>;
  readonly scopes: readonly NioScope[];
  readonly clientId: string;
  readonly problem: string | null;
  readonly email: string;
}

export function renderNioAuthorizePage(input: NioAuthorizePageInput): string {
  const hidden = Object.entries(input.request)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n      ');
  const packages = input.scopes.map((scope) => `<li data-scope="${scope}">${escapeHtml(nioScopeTitles[scope])}</li>`).join('\n        ');
  const problem = input.problem === null ? '' : `<p role="alert" class="problem">${escapeHtml(input.problem)}</p>`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>NIO ID (emulated)</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}label{display:block;margin:.75rem 0 .25rem}input[type=email],input[type=password]{width:100%;padding:.5rem}.problem{color:#b00020}button{margin:1rem .5rem 0 0;padding:.5rem 1rem}</style></head>
<body>
  <h1>Sign in with your NIO ID</h1>
  <p>Emulated NIO open platform. <strong>${escapeHtml(input.clientId)}</strong> asks you to share these data packages:</p>
  <ul>
        ${packages}
  </ul>
  ${problem}
  <form method="post" action="authorize">
      ${hidden}
    <label for="identity">Email</label>
    <input id="identity" type="email" name="identity" autocomplete="username" value="${escapeHtml(input.email)}" required>
    <label for="credential">Password</label>
    <input id="credential" type="password" name="credential" autocomplete="current-password" required>
    <button type="submit" name="decision" value="allow" id="allow">Agree and share</button>
    <button type="submit" name="decision" value="deny" id="deny" formnovalidate>Decline</button>
  </form>
</body>
</html>
`;
}
