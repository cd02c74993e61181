/** @module Renders the API error reference (docs/errors.md) from the error catalog. */
import { errorCatalog } from '../catalog/errors.js';
import type { ErrorDefinition } from '../catalog/types.js';

/**
 * The stable anchor of one error's row, which every error body's `docURL` points at: the type and code
 * in lower case joined by a hyphen, or the type alone for a null code. Codes never contain a hyphen,
 * so no two pairs share an anchor.
 * @example errorAnchor('VEHICLE_STATE', 'IN_MOTION') // 'vehicle_state-in_motion'
 * @example errorAnchor('AUTHENTICATION', null) // 'authentication'
 */
export function errorAnchor(type: string, code: string | null): string {
  return (code === null ? type : `${type}-${code}`).toLowerCase();
}

/** A pipe would end a Markdown table cell early. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function row(entry: ErrorDefinition): string {
  const cells = [
    `<a id="${errorAnchor(entry.type, entry.code)}"></a>\`${entry.code ?? 'null'}\``,
    String(entry.statusCode),
    cell(entry.description),
    entry.resolution === null ? 'none' : `\`${entry.resolution}\``,
    cell(entry.suggestedUserMessage),
  ];
  return `| ${cells.join(' | ')} |`;
}

/**
 * The error reference as Markdown: one section per type, in catalog order, each with a table of its
 * codes. Deterministic, so a test can compare it with the committed copy.
 */
export function renderErrorReference(): string {
  const types = [...new Set(errorCatalog.map((entry) => entry.type))];
  const sections = types.flatMap((type) => [
    // "errors" keeps the heading's generated anchor apart from the row anchor of a null code.
    `## ${type} errors`,
    '',
    '| code | status | description | resolution | suggested user message |',
    '| --- | --- | --- | --- | --- |',
    ...errorCatalog.filter((entry) => entry.type === type).map(row),
    '',
  ]);
  return [
    '# API errors',
    '',
    '<!-- Generated from packages/server/src/catalog/errors.ts by `npm run docs`; do not edit by hand. -->',
    '',
    'Every error body carries `type`, `code`, `description`, `docURL` (a link to the row below),',
    '`statusCode`, `requestId`, `resolution.type` and `suggestedUserMessage`; validation errors add `detail`.',
    'A resolution of `none` means retrying, reconnecting or contacting support will not help: the request',
    'or the owner\'s account has to change first.',
    '',
    ...types.map((type) => `- [${type}](#${type.toLowerCase()}-errors)`),
    '',
    ...sections,
  ].join('\n');
}
