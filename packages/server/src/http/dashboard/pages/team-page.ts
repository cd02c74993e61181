/** @module The team page: members and their roles, invitations, and the team's sign-in rule. */
import { can } from '../../../accounts/index.js';
import { teamRoleDescriptions, teamRoles, type TeamRole } from '../../../catalog/team-roles.js';
import type { FieldProblems } from '../../../accounts/index.js';
import type { PendingInvitation, TeamMember, TeamRecord } from '../../../store/index.js';
import { html, type SafeHtml } from '../../html.js';
import { csrfField, errorSummary, field, notice } from './form-parts.js';
import { renderDashboardPage, type Viewer } from './layout.js';

export interface TeamPageInput {
  readonly basePath: string;
  readonly viewer: Viewer;
  readonly accountId: string;
  readonly team: TeamRecord;
  readonly role: TeamRole;
  readonly members: readonly TeamMember[];
  readonly invitations: readonly PendingInvitation[];
  readonly problems?: FieldProblems;
  readonly message?: string;
  /** The link of the invitation just created, shown once so it can be passed on by hand. */
  readonly invitationLink?: string;
}

function roleSelect(name: string, id: string, selected: TeamRole): SafeHtml {
  return html`<select name="${name}" id="${id}">${teamRoles.map((role) => html`<option value="${role}"${role === selected ? html` selected` : html``}>${role}</option>`)}</select>`;
}

function memberRow(input: TeamPageInput, member: TeamMember, index: number): SafeHtml {
  const base = `${input.basePath}/dashboard/team/members/${member.accountId}`;
  const manage = can(input.role, 'manage-members');
  const csrf = csrfField(input.viewer.csrfToken);
  const you = member.accountId === input.accountId ? ' (you)' : '';
  const roleCell = manage
    ? html`<form method="post" action="${base}/role" class="inline-form">${csrf}<label class="visually-hidden" for="role-${index}">Role of ${member.email}</label>${roleSelect('role', `role-${index}`, member.role)}<button type="submit">Change</button></form>`
    : html`${member.role}`;
  const actions = manage
    ? html`<form method="post" action="${base}/remove" class="inline-form">${csrf}<button type="submit" class="danger">Remove<span class="visually-hidden"> ${member.email}</span></button></form>`
    : html``;
  return html`<tr><td data-label="Member">${member.email}${you}</td><td data-label="Role">${roleCell}</td><td data-label="Two-step">${member.mfaEnabled ? 'on' : 'off'}</td><td>${actions}</td></tr>`;
}

export function teamPage(input: TeamPageInput): string {
  const base = `${input.basePath}/dashboard/team`;
  const problems = input.problems ?? {};
  const csrf = csrfField(input.viewer.csrfToken);
  const invite = can(input.role, 'invite-members')
    ? html`<section class="card" aria-labelledby="invite-heading"><h2 id="invite-heading">Invite a member</h2>
${input.invitationLink === undefined ? html`` : html`<div class="notice" role="status">Invitation created. Send this link to the person invited: <code class="secret" id="invitation-link">${input.invitationLink}</code></div>`}
<form method="post" action="${base}/invitations" novalidate>${csrf}
${field({ name: 'email', label: 'Email address', type: 'email', autocomplete: 'off' }, problems)}
<label for="invite-role">Role</label>${roleSelect('role', 'invite-role', 'developer')}
<ul class="muted">${teamRoles.map((role) => html`<li><strong>${role}</strong>: ${teamRoleDescriptions[role]}</li>`)}</ul>
<button type="submit" class="primary">Create invitation</button></form>
${input.invitations.length === 0 ? html`` : html`<h3>Pending invitations</h3><ul>${input.invitations.map((invitation) => html`<li>${invitation.email} as ${invitation.role}, until <time datetime="${invitation.expiresAt}">${invitation.expiresAt.slice(0, 10)}</time></li>`)}</ul>`}
</section>`
    : html``;
  const settings = can(input.role, 'manage-team-settings')
    ? html`<section class="card" aria-labelledby="rules-heading"><h2 id="rules-heading">Sign-in rule</h2>
<form method="post" action="${base}/mfa" novalidate>${csrf}
<input type="hidden" name="required" value="${input.team.mfaRequired ? 'false' : 'true'}">
<p>${input.team.mfaRequired ? 'Every member must use two-step verification.' : 'Two-step verification is optional for members.'}</p>
<button type="submit">${input.team.mfaRequired ? 'Make two-step verification optional' : 'Require two-step verification'}</button></form></section>`
    : html``;
  return renderDashboardPage({
    basePath: input.basePath,
    title: `Team ${input.team.name}`,
    viewer: input.viewer,
    section: 'team',
    body: html`<h1>Team ${input.team.name}</h1>
<p class="muted">Your role: ${input.role}. ${teamRoleDescriptions[input.role]}</p>
${notice(input.message)}${errorSummary(problems)}
<section class="card" aria-labelledby="members-heading"><h2 id="members-heading">Members</h2>
<div class="table-scroll"><table class="stack"><thead><tr><th scope="col">Member</th><th scope="col">Role</th><th scope="col">Two-step</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody>${input.members.map((member, index) => memberRow(input, member, index))}</tbody></table></div>
<form method="post" action="${base}/leave" class="inline-form leave">${csrf}<button type="submit" class="danger">Leave team</button></form>
</section>
${invite}${settings}`,
  });
}
