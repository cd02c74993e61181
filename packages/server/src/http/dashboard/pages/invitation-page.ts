/** @module Accepting an invitation: signed in as the invited email, one button; otherwise create the account or sign in first. */
import type { FieldProblems } from '../../../accounts/index.js';
import type { TeamInvitation } from '../../../store/index.js';
import { html } from '../../html.js';
import { csrfField, errorSummary, field } from './form-parts.js';
import { renderDashboardPage, type Viewer } from './layout.js';

export interface InvitationPageInput {
  readonly basePath: string;
  readonly token: string;
  readonly invitation: TeamInvitation;
  readonly csrfToken: string;
  /** The signed-in account, when there is one. */
  readonly viewer?: Viewer;
  readonly problems?: FieldProblems;
}

export function invitationPage(input: InvitationPageInput): string {
  const base = `${input.basePath}/dashboard`;
  const action = `${base}/invitations/${input.token}`;
  const problems = input.problems ?? {};
  const { invitation } = input;
  const intro = html`<p>You are invited to join the team <strong>${invitation.team.name}</strong> as ${invitation.role}.</p>`;
  if (input.viewer !== undefined) {
    const matches = input.viewer.email === invitation.email;
    return renderDashboardPage({
      basePath: input.basePath,
      title: 'Accept invitation',
      viewer: input.viewer,
      body: html`<h1>Join ${invitation.team.name}</h1>${errorSummary(problems)}<div class="card">${intro}
${matches
  ? html`<form method="post" action="${action}">${csrfField(input.csrfToken)}<button type="submit" class="primary">Join the team</button></form>`
  : html`<p>This invitation is for ${invitation.email}, and you are signed in as ${input.viewer.email}. Sign out, then open the link again.</p>`}</div>`,
    });
  }
  return renderDashboardPage({
    basePath: input.basePath,
    title: 'Accept invitation',
    body: html`<h1>Join ${invitation.team.name}</h1>
${errorSummary(problems)}
<div class="card">${intro}<p>Already have an account for ${invitation.email}? <a href="${base}/sign-in">Sign in</a>, then open this link again.</p></div>
<form method="post" action="${action}" class="card" novalidate>
<h2>Create your account</h2>
${csrfField(input.csrfToken)}
${field({ name: 'email', label: 'Email address', type: 'email', autocomplete: 'email', value: invitation.email, readonly: true }, problems)}
${field({ name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', hint: 'At least 12 characters, and not your email address.' }, problems)}
<button type="submit" class="primary">Create account and join</button>
</form>`,
  });
}
