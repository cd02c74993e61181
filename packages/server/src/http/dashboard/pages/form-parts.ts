/** @module Form pieces every dashboard form uses: labelled fields with their error, an error summary, the CSRF field. */
import type { FieldProblems } from '../../../accounts/index.js';
import { html, type SafeHtml } from '../../html.js';

export interface FieldSpec {
  readonly name: string;
  readonly label: string;
  readonly type: 'text' | 'email' | 'password';
  readonly autocomplete: string;
  readonly value?: string;
  readonly hint?: string;
  readonly inputmode?: 'numeric' | 'text';
  readonly readonly?: boolean;
}

/** The hidden field carrying the form's CSRF token. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** A labelled input; with a problem, its message is tied to the input by `aria-describedby`. */
export function field(spec: FieldSpec, problems: FieldProblems = {}): SafeHtml {
  const id = `field-${spec.name}`;
  const problem = problems[spec.name];
  const described = [spec.hint === undefined ? '' : `${id}-hint`, problem === undefined ? '' : `${id}-error`].filter((part) => part !== '').join(' ');
  return html`<label for="${id}">${spec.label}</label>
${spec.hint === undefined ? html`` : html`<span class="hint" id="${id}-hint">${spec.hint}</span>`}
${problem === undefined ? html`` : html`<span class="field-error" id="${id}-error">${problem}</span>`}
<input id="${id}" name="${spec.name}" type="${spec.type}" autocomplete="${spec.autocomplete}" value="${spec.type === 'password' ? '' : (spec.value ?? '')}"${spec.inputmode === undefined ? html`` : html` inputmode="${spec.inputmode}"`}${spec.readonly === true ? html` readonly` : html``}${described === '' ? html`` : html` aria-describedby="${described}"`}${problem === undefined ? html`` : html` aria-invalid="true"`} required>`;
}

/** The list of a form's problems at its top, each linking to its field (empty when there are none). */
export function errorSummary(problems: FieldProblems): SafeHtml {
  const entries = Object.entries(problems).filter((entry): entry is [string, string] => entry[1] !== undefined);
  if (entries.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1"><h2>There is a problem</h2><ul>${entries.map(([name, message]) => html`<li><a href="#field-${name}">${message}</a></li>`)}</ul></div>`;
}

/** A short success message. */
export function notice(message: string | undefined): SafeHtml {
  return message === undefined ? html`` : html`<div class="notice" role="status">${message}</div>`;
}
