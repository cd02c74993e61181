/** @module Renders the permission and make reference (docs/permissions.md) from the catalogs. */
import { makeCatalog } from '../catalog/makes.js';
import { dataPackageCatalog, permissionCatalog } from '../catalog/permissions.js';
import type { Region } from '../catalog/types.js';

/** The Makes page's order and headings. */
const regionTitles: readonly (readonly [Region, string])[] = [
  ['US', 'United States'],
  ['EUROPE', 'Europe'],
  ['CA', 'Canada'],
];

/** A pipe would end a Markdown table cell early. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function dataPackageSections(): string[] {
  return dataPackageCatalog.flatMap((dataPackage) => [
    `### ${dataPackage.title} (\`${dataPackage.id}\`)`,
    '',
    dataPackage.description,
    '',
    '| permission | kind | description |',
    '| --- | --- | --- |',
    ...permissionCatalog
      .filter((permission) => permission.dataPackage === dataPackage.id)
      .map((permission) => `| \`${permission.name}\` | ${permission.kind} | ${cell(permission.description)} |`),
    '',
  ]);
}

function regionSections(): string[] {
  return regionTitles.flatMap(([region, title]) => [
    `### ${title} (\`${region}\`)`,
    '',
    '| make | id | path segment | also found as | WMIs |',
    '| --- | --- | --- | --- | --- |',
    ...makeCatalog
      .filter((make) => make.regions.includes(region))
      .map((make) => {
        const aliases = make.aliases.length === 0 ? '' : make.aliases.map(cell).join(', ');
        const wmis = make.wmis.map((wmi) => `\`${wmi}\``).join(', ');
        return `| ${cell(make.displayName)} | \`${make.id}\` | \`${make.pathSegment}\` | ${aliases} | ${wmis} |`;
      }),
    '',
  ]);
}

/**
 * The permission reference as Markdown: the data packages an owner consents to, each with its
 * permissions, then the makes that can be connected in each region. Deterministic.
 */
export function renderPermissionReference(): string {
  return [
    '# Permissions, data packages and makes',
    '',
    '<!-- Generated from packages/server/src/catalog/permissions.ts and makes-data.ts by `npm run docs`; do not edit by hand. -->',
    '',
    '## Data packages',
    '',
    'Owners consent to data packages, not to single permissions: Connect shows each package an application',
    'asks for with the permissions it contains. Add `required:` before a permission in the Connect `scope`',
    'to make it mandatory.',
    '',
    ...dataPackageSections(),
    '## Makes by region',
    '',
    'Use the id for Connect\'s `make` parameter and compatibility requests, and the lower-case path segment',
    'in make-specific paths such as `/vehicles/{id}/tesla/charge`.',
    '',
    ...regionSections(),
  ].join('\n');
}
