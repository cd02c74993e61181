/** @module The `scope` parameter: space-separated permissions, `required:` marking the ones a vehicle must support. */
import { isPermissionName } from '../catalog/permissions.js';

/** Permissions an application asks for, in the order asked, and which of them are mandatory. */
export interface RequestedScope {
  readonly permissions: readonly string[];
  readonly required: readonly string[];
}

export type ScopeParse = { readonly ok: true; readonly scope: RequestedScope } | { readonly ok: false; readonly unknown: readonly string[] };

const requiredPrefix = 'required:';

/** Parses a scope string; every name must be a catalog permission. Duplicates collapse, `required` wins. */
export function parseScope(text: string): ScopeParse {
  const permissions: string[] = [];
  const required = new Set<string>();
  const unknown: string[] = [];
  for (const item of text.split(/[\s+]+/).filter((part) => part !== '')) {
    const isRequired = item.startsWith(requiredPrefix);
    const name = isRequired ? item.slice(requiredPrefix.length) : item;
    if (!isPermissionName(name)) {
      unknown.push(item);
      continue;
    }
    if (!permissions.includes(name)) permissions.push(name);
    if (isRequired) required.add(name);
  }
  if (unknown.length > 0) return { ok: false, unknown };
  return { ok: true, scope: { permissions, required: permissions.filter((name) => required.has(name)) } };
}

/** Connect's sentence for scope items that are not catalog permissions (also what `carport apps create` says). */
export function unknownPermissionsMessage(unknown: readonly string[]): string {
  return `Unknown permission in scope: ${unknown.join(', ')}.`;
}

/** The scope string of a parsed scope (for logs and the code record). */
export function formatScope(scope: RequestedScope): string {
  return scope.permissions.map((name) => (scope.required.includes(name) ? `${requiredPrefix}${name}` : name)).join(' ');
}
