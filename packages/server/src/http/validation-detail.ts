/** @module Turns schema-validator issues into one readable `detail` entry per offending field. */
import type { ValidationDetail } from './api-error.js';

/** The parts of an Ajv issue the detail needs. */
export interface ValidationIssue {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

function fieldOf(issue: ValidationIssue, context: string): string {
  const missing = typeof issue.params.missingProperty === 'string' ? `/${issue.params.missingProperty}` : '';
  const path = `${issue.instancePath}${missing}`.replace(/^\//, '').replaceAll('/', '.');
  const prefix = context === 'querystring' ? 'query' : context;
  return path === '' ? prefix : `${prefix}.${path}`;
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
    if (isUnion && alternatives.length > 0 && alternatives.every((issue) => issue.keyword === 'const')) {
      return { field, message: `must be one of ${alternatives.map((issue) => String(issue.params.allowedValue)).join(', ')}` };
    }
    const messages = [...new Set(alternatives.map((issue) => issue.message ?? 'is invalid'))];
    return { field, message: messages.length === 0 ? 'is invalid' : messages.join(isUnion ? ' or ' : '; ') };
  });
}
