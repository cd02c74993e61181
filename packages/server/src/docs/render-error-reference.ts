/** @module Renders the API error reference (docs/errors.md) from the error catalog and the revocation reasons. */
import { errorCatalog } from '../catalog/errors.js';
import { revocationReasonCatalog } from '../catalog/revocation-reasons.js';
import { errorAnchor } from '../catalog/error-body.js';
import type { ErrorDefinition } from '../catalog/types.js';

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

/** The revocation reasons, as stored and as told in a refused credential's description. */
function revocationSection(): string[] {
  const revokes = { tokens: 'the token pairs of one code exchange', grant: "one vehicle's grant" } as const;
  return [
    '## Why a credential was revoked',
    '',
    'Each revocation stores its reason (`revocation_reason`), and a refusal it causes keeps its type and',
    'code and ends its description with the reason: "The access token has been revoked because …"',
    '(`AUTHENTICATION`), "The refresh token has been revoked because …" (`invalid_grant`), or "This access',
    'token no longer grants access to this vehicle because …" (`PERMISSION`). Revoking a vehicle\'s grant',
    'leaves the tokens working for the owner\'s other vehicles; a reconnection replaces the grant it revokes.',
    '',
    '| reason | revokes | because … |',
    '| --- | --- | --- |',
    ...revocationReasonCatalog.map((entry) => `| \`${entry.reason}\` | ${revokes[entry.revokes]} | ${cell(entry.because)} |`),
    '',
  ];
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
    '- [Why a credential was revoked](#why-a-credential-was-revoked)',
    '',
    ...sections,
    ...revocationSection(),
  ].join('\n');
}
