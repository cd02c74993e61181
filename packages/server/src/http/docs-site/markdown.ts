/**
 * @module Markdown to HTML for the guides, with markdown-it: raw HTML in the source is shown as text
 * (`html: false`), headings get GitHub's anchors so links into a section keep working, and links
 * between the repository's Markdown files point at the served guide pages.
 */
import MarkdownIt from 'markdown-it';

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/**
 * A renderer whose links to `<file>.md` (any directory, optional `#anchor`) become the guide page of
 * that file when `guideOfFile` knows it.
 */
export function createMarkdownRenderer(guideOfFile: (fileName: string) => string | undefined): MarkdownIt {
  const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
  markdown.core.ruler.push('heading_anchors', (state) => {
    const used = new Map<string, number>();
    state.tokens.forEach((token, index) => {
      if (token.type !== 'heading_open') return;
      const inline = state.tokens[index + 1];
      const base = headingAnchor(inline?.content ?? '');
      const count = used.get(base) ?? 0;
      used.set(base, count + 1);
      token.attrSet('id', count === 0 ? base : `${base}-${count}`);
    });
  });
  // An empty header cell names no column (axe: empty-table-header): it is an ordinary cell.
  markdown.core.ruler.push('empty_header_cells', (state) => {
    state.tokens.forEach((token, index) => {
      const inline = state.tokens[index + 1];
      const close = state.tokens[index + 2];
      if (token.type !== 'th_open' || inline?.content.trim() !== '' || close?.type !== 'th_close') return;
      token.tag = 'td';
      close.tag = 'td';
    });
  });
  const renderLink = markdown.renderer.rules.link_open;
  markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
    const token = tokens[index];
    const href = token?.attrGet('href');
    const match = href === null || href === undefined ? null : /^(?:\.{0,2}\/)*(?:[\w.-]+\/)*([\w.-]+\.md)(#[\w-]*)?$/i.exec(href);
    const target = match?.[1] === undefined ? undefined : guideOfFile(match[1]);
    if (token !== undefined && target !== undefined) token.attrSet('href', `${target}${match?.[2] ?? ''}`);
    return renderLink === undefined ? self.renderToken(tokens, index, options) : renderLink(tokens, index, options, env, self);
  };
  // A wide table scrolls inside its own box on a phone instead of widening the page; the box takes
  // focus so keyboard users can scroll it too.
  let tables = 0;
  markdown.renderer.rules.table_open = () => `<div class="table-scroll" tabindex="0" role="region" aria-label="Table ${++tables}">\n<table>\n`;
  markdown.renderer.rules.table_close = () => '</table>\n</div>\n';
  return markdown;
}
