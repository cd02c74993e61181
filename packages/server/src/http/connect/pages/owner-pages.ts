/** @module The owner's pages: sign in with a make's account, then see and revoke what each application holds. */
import type { MakeDefinition } from '../../../catalog/types.js';
import { groupByDataPackage } from '../../../catalog/permissions.js';
import type { OwnerGrant } from '../../../connect/owner-access.js';
import { escapeHtml } from '../../html.js';
import { renderPage } from './layout.js';

const modeLabels = { live: 'My vehicle account', test: 'Test mode account', simulated: 'Simulated vehicle account' } as const;

export function renderOwnerSignInPage(basePath: string, csrf: string, makes: readonly MakeDefinition[], problem: string | null, chosen: { make: string; mode: string; username: string }): string {
  const base = escapeHtml(basePath);
  const options = makes
    .map((make) => `<option value="${escapeHtml(make.id)}"${make.id === chosen.make ? ' selected' : ''}>${escapeHtml(make.displayName)}</option>`)
    .join('');
  const modes = Object.entries(modeLabels)
    .map(([mode, label]) => `<option value="${mode}"${mode === chosen.mode ? ' selected' : ''}>${escapeHtml(label)}</option>`)
    .join('');
  const alert = problem === null ? '' : `<div class="alert" role="alert" id="owner-sign-in-error">${escapeHtml(problem)}</div>`;
  return renderPage({
    basePath,
    title: 'Manage connected applications',
    content: `<h1>Manage the applications connected to your vehicles</h1>
<p>Sign in with your vehicle brand's account to see which applications can access which data, and to revoke access.</p>
${alert}<form method="post" action="${base}/connect/owner/sign-in">
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<label for="owner-make">Vehicle brand</label>
<select id="owner-make" name="make" required>${options}</select>
<label for="owner-mode">Account type</label>
<select id="owner-mode" name="mode">${modes}</select>
<label for="username">Email or phone number</label>
<input type="text" id="username" name="username" value="${escapeHtml(chosen.username)}" autocomplete="username" required>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit" id="sign-in-button" class="primary">Sign in</button>
</form>`,
  });
}

function vehicleText(grant: OwnerGrant): string {
  const name = [grant.vehicle.year, grant.vehicle.model].filter((part) => part !== null).join(' ') || 'Vehicle';
  return grant.vehicle.vin === null ? name : `${name} (VIN ending ${grant.vehicle.vin.slice(-6)})`;
}

export function renderOwnerGrantsPage(basePath: string, csrf: string, accountLabel: string, grants: readonly OwnerGrant[], notice: string | null): string {
  const base = escapeHtml(basePath);
  const rows = grants
    .map((grant) => {
      const packages = groupByDataPackage(grant.permissions)
        .map((group) => escapeHtml(group.dataPackage.title))
        .join('<br>');
      return `<tr><td data-label="Application">${escapeHtml(grant.applicationName)}</td><td data-label="Vehicle">${escapeHtml(vehicleText(grant))}</td><td data-label="Data packages">${packages}</td><td data-label="Since"><time datetime="${escapeHtml(grant.connectedAt)}">${escapeHtml(grant.connectedAt.slice(0, 10))}</time></td>
<td><form method="post" action="${base}/connect/owner/revoke"><input type="hidden" name="csrf" value="${escapeHtml(csrf)}"><input type="hidden" name="connection" value="${escapeHtml(grant.connectionId)}">
<button type="submit" class="secondary revoke-button" aria-label="Revoke ${escapeHtml(grant.applicationName)}'s access to ${escapeHtml(vehicleText(grant))}">Revoke</button></form></td></tr>`;
    })
    .join('\n');
  const table =
    grants.length === 0
      ? '<p id="no-grants">No application has access to your vehicles.</p>'
      : `<table class="grants"><caption class="visually-hidden">Applications with access</caption><thead><tr><th scope="col">Application</th><th scope="col">Vehicle</th><th scope="col">Data packages</th><th scope="col">Since</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead><tbody>${rows}</tbody></table>`;
  return renderPage({
    basePath,
    title: 'Connected applications',
    wide: true,
    content: `<h1>Connected applications</h1>
<p class="muted">Signed in as ${escapeHtml(accountLabel)}.</p>
${notice === null ? '' : `<p role="status" id="owner-notice">${escapeHtml(notice)}</p>`}
${table}
<form method="post" action="${base}/connect/owner/sign-out"><input type="hidden" name="csrf" value="${escapeHtml(csrf)}"><button type="submit" class="secondary" id="sign-out-button">Sign out</button></form>`,
  });
}
