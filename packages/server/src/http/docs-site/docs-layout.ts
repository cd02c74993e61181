/**
 * @module The frame of Carport's documentation pages (`/`, `/docs`, `/docs/errors`, the guides): one
 * look, readable from a 390 px phone to a desktop, with no script so the strict CSP holds as it is.
 */
import { html, SafeHtml } from '../html.js';

export interface DocsFrame {
  /** Path prefix Carport is served under (from PUBLIC_URL), '' at the root. */
  readonly basePath: string;
  /** The page's `<title>`, also its first heading unless the body brings its own. */
  readonly title: string;
  readonly body: SafeHtml;
}

/**
 * Inline styles: the CSP allows them (`style-src 'unsafe-inline'`), and one small block spares a
 * request. Long code and tables wrap or stack on narrow screens instead of widening the page.
 */
const stylesheet = `
:root{color-scheme:light;--ink:#14181f;--muted:#4a5361;--line:#c9ced6;--accent:#0b5cad;--page:#f2f4f7;--surface:#fff;--code:#eef1f5}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--page)}
a{color:var(--accent)}
a:focus-visible,summary:focus-visible{outline:3px solid #f0b400;outline-offset:2px}
.site-header{background:#14181f;color:#fff;padding:.75rem 1rem}
.site-header nav{max-width:64rem;margin:0 auto;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;align-items:baseline}
.site-header a{color:#fff}
.site-name{font-weight:700;text-decoration:none;margin-right:auto}
main{display:block;max-width:64rem;margin:0 auto;padding:1.5rem 1rem 3rem;overflow-wrap:break-word}
h1{font-size:1.75rem;line-height:1.25;margin:0 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem}
h3{font-size:1.05rem;margin:1.5rem 0 .5rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;background:var(--code);padding:.05rem .25rem;border-radius:.2rem;overflow-wrap:anywhere}
pre{background:var(--code);border:1px solid var(--line);border-radius:.4rem;padding:.75rem;white-space:pre-wrap;overflow-wrap:anywhere}
pre code{background:none;padding:0}
table{border-collapse:collapse;width:100%;margin:0 0 1.5rem;background:var(--surface)}
th,td{border:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
tr:target{background:#fff3b0}
.table-scroll{overflow-x:auto;margin:0 0 1.5rem}
.table-scroll table{margin:0}
.table-scroll:focus-visible{outline:3px solid #f0b400}
.card{background:var(--surface);border:1px solid var(--line);border-radius:.6rem;padding:1rem 1.25rem;margin:0 0 1rem}
.muted{color:var(--muted)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;min-width:0}
.method{display:inline-block;min-width:4.2rem;text-align:center;font:700 .8rem/1.6 ui-monospace,monospace;color:#fff;background:#1f5f2f;border-radius:.25rem;padding:0 .4rem;margin-right:.4rem}
.method-post{background:#0b4f8f}.method-put,.method-patch{background:#6b4400}.method-delete{background:#9b1c1c}
.operation{background:var(--surface);border:1px solid var(--line);border-radius:.6rem;padding:.75rem 1rem;margin:0 0 .75rem}
.operation h3{margin:.75rem 0 .25rem;font-size:1rem}
.operation>summary{color:var(--ink);overflow-wrap:anywhere}
.operation[open]>summary{margin-bottom:.5rem}
details>summary{cursor:pointer;color:var(--accent)}
@media (max-width:40rem){
  main{padding:1rem .75rem 2rem}
  h1{font-size:1.45rem}
  dl.facts{grid-template-columns:1fr}
  dl.facts dd{margin-bottom:.4rem}
  table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
  table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
  table.stack tr{border:1px solid var(--line);border-radius:.4rem;margin-bottom:.75rem}
  table.stack td{border:0;border-top:1px solid var(--line)}
  table.stack td:first-child{border-top:0}
  table.stack td[data-label]::before{content:attr(data-label);display:block;font-weight:600;color:var(--muted);font-size:.85rem}
}
`;

/** Renders a whole documentation page around `body` (already safe markup). */
export function renderDocsPage(frame: DocsFrame): string {
  const base = frame.basePath;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title}</title>
<link rel="icon" href="data:,">
<style>${new SafeHtml(stylesheet)}</style>
</head>
<body>
<header class="site-header"><nav aria-label="Carport">
<a class="site-name" href="${base}/">Carport</a>
<a href="${base}/docs">API reference</a>
<a href="${base}/docs/errors">Errors</a>
<a href="${base}/docs/guides">Guides</a>
</nav></header>
<main>
${frame.body}
</main>
</body>
</html>`;
  return page.value;
}
