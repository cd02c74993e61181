/** @module The emulated Tesla sign-in and consent page: one form with the account's password and the scopes asked for. */
import { escapeHtml } from '../http-io.js';
import { scopeDescriptions, type TeslaScope } from './tesla-scopes.js';

export interface AuthorizePageInput {
  /** The authorization request's own parameters, carried through the form unchanged. */
  readonly request: Readonly<Record<string, string>>;
  readonly scopes: readonly TeslaScope[];
  readonly clientId: string;
  /** Shown above the form after a failed sign-in. */
  readonly problem: string | null;
  readonly email: string;
}

export function renderAuthorizePage(input: AuthorizePageInput): string {
  const hidden = Object.entries(input.request)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n      ');
  const scopes = input.scopes.map((scope) => `<li><code>${scope}</code>: ${escapeHtml(scopeDescriptions[scope])}</li>`).join('\n        ');
  const problem = input.problem === null ? '' : `<p role="alert" class="problem">${escapeHtml(input.problem)}</p>`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Tesla account (emulated)</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}label{display:block;margin:.75rem 0 .25rem}input[type=email],input[type=password]{width:100%;padding:.5rem}.problem{color:#b00020}button{margin:1rem .5rem 0 0;padding:.5rem 1rem}</style></head>
<body>
  <h1>Sign in to your Tesla account</h1>
  <p>Emulated Tesla authorization server. <strong>${escapeHtml(input.clientId)}</strong> asks for:</p>
  <ul>
        ${scopes}
  </ul>
  ${problem}
  <form method="post" action="authorize">
      ${hidden}
    <label for="identity">Email</label>
    <input id="identity" type="email" name="identity" autocomplete="username" value="${escapeHtml(input.email)}" required>
    <label for="credential">Password</label>
    <input id="credential" type="password" name="credential" autocomplete="current-password" required>
    <button type="submit" name="decision" value="allow" id="allow">Allow</button>
    <button type="submit" name="decision" value="deny" id="deny" formnovalidate>Deny</button>
  </form>
</body>
</html>
`;
}
