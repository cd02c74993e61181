/** @module Escaping for server-rendered pages: every interpolated value goes through `escapeHtml`. */

const replacements: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => replacements[character] ?? character);
}

/** Markup that is safe as it is: built by {@link html}, so interpolating it does not escape it again. */
export class SafeHtml {
  constructor(readonly value: string) {}
}

/** What {@link html} interpolates: text and numbers are escaped, {@link SafeHtml} (or a list of it) is kept. */
export type HtmlValue = string | number | SafeHtml | readonly SafeHtml[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return escapeHtml(String(value));
  return value.map((item) => item.value).join('');
}

/** A template that escapes every interpolated value unless it is already {@link SafeHtml}: escaping by default, not by remembering. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, part, index) => out + part + (index < values.length ? render(values[index] as HtmlValue) : ''), ''));
}
