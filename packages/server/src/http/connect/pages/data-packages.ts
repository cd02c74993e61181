/** @module The requested permissions as the owner reads them: grouped by data package, required ones marked. */
import { groupByDataPackage } from '../../../catalog/permissions.js';
import type { RequestedScope } from '../../../connect/requested-scope.js';
import { escapeHtml } from '../../html.js';

/** A list of data packages with the plain descriptions of the `offered` permissions (by default every requested one). */
export function renderDataPackages(scope: RequestedScope, offered: readonly string[] = scope.permissions): string {
  const items = groupByDataPackage(offered).map((group) => {
    const required = group.permissions.some((permission) => scope.required.includes(permission.name));
    const permissions = group.permissions
      .map((permission) => `<li>${escapeHtml(permission.description)}${scope.required.includes(permission.name) ? '<span class="badge">required</span>' : ''}</li>`)
      .join('');
    return `<li><strong>${escapeHtml(group.dataPackage.title)}</strong>${required ? '<span class="badge">required</span>' : ''}
<div class="muted">${escapeHtml(group.dataPackage.description)}</div><ul class="permissions">${permissions}</ul></li>`;
  });
  return `<ul class="packages">${items.join('\n')}</ul>`;
}
