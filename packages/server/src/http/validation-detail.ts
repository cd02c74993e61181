/** @module Turns schema-validator issues into one readable `detail` entry per offending field. */
import type { ValidationDetail } from '../catalog/api-error.js';

/** The parts of an Ajv issue the detail needs. */
export interface ValidationIssue {
  readonly keyword: string;
  readonly instancePath: string;
  /** Where in the schema the issue arose, e.g. `#/properties/action/anyOf/0/const`. */
  readonly schemaPath?: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

function fieldOf(issue: ValidationIssue, context: string): string {
  const missing = typeof issue.params.missingProperty === 'string' ? `/${issue.params.missingProperty}` : '';
  const path = `${issue.instancePath}${missing}`.replace(/^\//, '').replaceAll('/', '.');
  const prefix = context === 'querystring' ? 'query' : context;
  return path === '' ? prefix : `${prefix}.${path}`;
}

/** The union alternative an issue belongs to: its schema path without the failing keyword. */
function alternativeOf(issue: ValidationIssue): string | undefined {
  return issue.schemaPath?.replace(/\/[^/]*$/, '');
}

/**
 * Whether every failed alternative of a union was a constant. A value of another type fails a
 * constant twice (its `type` and its `const`), and is still best told the constants it may be.
 */
function isChoiceOfConstants(alternatives: readonly ValidationIssue[]): boolean {
  const constants = new Set(alternatives.filter((issue) => issue.keyword === 'const').map(alternativeOf));
  return constants.size > 0 && alternatives.every((issue) => issue.keyword === 'const' || (alternativeOf(issue) !== undefined && constants.has(alternativeOf(issue))));
}

/**
 * One entry per field, in the order first reported. A union (`anyOf`) of constants reads
 * "must be one of A, B"; other unions list what each alternative wanted.
 */
export function validationDetail(issues: readonly ValidationIssue[], context: string): ValidationDetail[] {
  const byField = new Map<string, ValidationIssue[]>();
  for (const issue of issues) {
    const field = fieldOf(issue, context);
    byField.set(field, [...(byField.get(field) ?? []), issue]);
  }
  return [...byField].map(([field, fieldIssues]) => {
    const alternatives = fieldIssues.filter((issue) => issue.keyword !== 'anyOf' && issue.keyword !== 'oneOf');
    const isUnion = alternatives.length < fieldIssues.length;
    if (isUnion && isChoiceOfConstants(alternatives)) {
      const allowed = alternatives.filter((issue) => issue.keyword === 'const').map((issue) => String(issue.params.allowedValue));
      return { field, message: `must be one of ${allowed.join(', ')}` };
    }
    const messages = [...new Set(alternatives.map((issue) => issue.message ?? 'is invalid'))];
    return { field, message: messages.length === 0 ? 'is invalid' : messages.join(isUnion ? ' or ' : '; ') };
  });
}
