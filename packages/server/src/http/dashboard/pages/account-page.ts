/** @module Account settings: the second factor (enrol, confirm, disable) and the password. */
import type { FieldProblems } from '../../../accounts/index.js';
import type { DeveloperAccountRecord } from '../../../store/index.js';
import { html, type SafeHtml } from '../../html.js';
import { csrfField, errorSummary, field, notice } from './form-parts.js';
import { renderDashboardPage, type Viewer } from './layout.js';

export interface AccountPageInput {
  readonly basePath: string;
  readonly viewer: Viewer;
  readonly account: DeveloperAccountRecord;
  readonly problems?: FieldProblems;
  readonly message?: string;
  /** Set while an authenticator is being added. */
  readonly enrolment?: { readonly secret: string; readonly uri: string } | null;
  /** Shown once, right after the second factor was enabled. */
  readonly recoveryCodes?: readonly string[];
  /** The team requires a second factor and the account has none: nothing else opens until it has. */
  readonly mfaRequiredByTeam?: boolean;
}

function mfaSection(input: AccountPageInput, base: string, problems: FieldProblems): SafeHtml {
  const csrf = csrfField(input.viewer.csrfToken);
  if (input.recoveryCodes !== undefined) {
    return html`<section class="card" aria-labelledby="mfa-heading"><h2 id="mfa-heading">Two-step verification is on</h2>
<p>Keep these recovery codes somewhere safe. Each signs you in once if you lose your authenticator app; they are not shown again.</p>
<ul class="codes" id="recovery-codes">${input.recoveryCodes.map((code) => html`<li>${code}</li>`)}</ul>
<p><a href="${base}">Continue to the dashboard</a></p></section>`;
  }
  if (input.account.mfaEnabledAt !== null) {
    return html`<section class="card" aria-labelledby="mfa-heading"><h2 id="mfa-heading">Two-step verification</h2>
<p>On since <time datetime="${input.account.mfaEnabledAt}">${input.account.mfaEnabledAt.slice(0, 10)}</time>.</p>
<form method="post" action="${base}/account/mfa/disable" novalidate>${csrf}
${field({ name: 'password', label: 'Current password (to turn it off)', type: 'password', autocomplete: 'current-password' }, problems)}
<button type="submit" class="danger">Turn off two-step verification</button></form></section>`;
  }
  if (input.enrolment !== undefined && input.enrolment !== null) {
    return html`<section class="card" aria-labelledby="mfa-heading"><h2 id="mfa-heading">Add an authenticator app</h2>
<p>Open this link on the device with your authenticator app, or add the account by typing the secret.</p>
<p><a href="${input.enrolment.uri}" id="otpauth-uri">Add to authenticator app</a></p>
<p>Secret: <code class="secret" id="totp-secret">${input.enrolment.secret}</code></p>
<details><summary>Show the otpauth URI</summary><p><code class="secret">${input.enrolment.uri}</code></p></details>
<form method="post" action="${base}/account/mfa" novalidate>${csrf}
${field({ name: 'code', label: 'Code from the app', type: 'text', autocomplete: 'one-time-code', inputmode: 'numeric', hint: 'Enter the 6-digit code to finish.' }, problems)}
<button type="submit" class="primary">Turn on two-step verification</button></form></section>`;
  }
  return html`<section class="card" aria-labelledby="mfa-heading"><h2 id="mfa-heading">Two-step verification</h2>
<p>Off. Add an authenticator app so a stolen password is not enough to sign in.</p>
<form method="post" action="${base}/account/mfa/start">${csrf}<button type="submit" class="primary">Set up two-step verification</button></form></section>`;
}

export function accountPage(input: AccountPageInput): string {
  const base = `${input.basePath}/dashboard`;
  const problems = input.problems ?? {};
  const required = input.mfaRequiredByTeam === true ? html`<div class="notice" role="status">Your team requires two-step verification. Set it up to continue.</div>` : html``;
  return renderDashboardPage({
    basePath: input.basePath,
    title: 'Account',
    viewer: input.viewer,
    section: 'account',
    body: html`<h1>Account</h1>
<p class="muted">Signed in as ${input.account.email}${input.account.isOperator ? ' (operator)' : ''}.</p>
${required}${notice(input.message)}${errorSummary(problems)}
${mfaSection(input, base, problems)}
<section class="card" aria-labelledby="password-heading"><h2 id="password-heading">Change password</h2>
<form method="post" action="${base}/account/password" novalidate>${csrfField(input.viewer.csrfToken)}
${field({ name: 'currentPassword', label: 'Current password', type: 'password', autocomplete: 'current-password' }, problems)}
${field({ name: 'newPassword', label: 'New password', type: 'password', autocomplete: 'new-password', hint: 'At least 12 characters, and not your email address. Your other sessions end.' }, problems)}
<button type="submit">Change password</button></form></section>`,
  });
}
