/** @module The dashboard's stylesheet, served as a file so the CSP needs no inline style or font from elsewhere. */

/** System fonts only (nothing fetched), WCAG AA contrast, a visible focus ring, one column from 390px up. */
export const dashboardStylesheet = `
:root { color-scheme: light; --ink: #14181f; --muted: #4a5361; --line: #c9ced6; --accent: #0b5cad; --accent-ink: #ffffff; --danger: #a11a1a; --surface: #ffffff; --page: #f2f4f7; --ok: #155d2b; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--page); }
a { color: var(--accent); }
.skip { position: absolute; left: -999px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip:focus { left: 1rem; top: 1rem; background: var(--surface); padding: .5rem; z-index: 1; }
header.bar { background: var(--surface); border-bottom: 1px solid var(--line); }
header.bar .inner { max-width: 60rem; margin: 0 auto; padding: .75rem 1rem; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center; }
header.bar .brand { font-weight: 700; color: var(--ink); text-decoration: none; margin-right: auto; }
header.bar nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
header.bar nav a[aria-current=page] { font-weight: 700; color: var(--ink); }
header.bar form { margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
main.narrow { max-width: 30rem; }
.card { background: var(--surface); border: 1px solid var(--line); border-radius: .75rem; padding: 1.25rem; margin-bottom: 1.25rem; }
h1 { font-size: 1.5rem; line-height: 1.3; margin: 0 0 1rem; }
h2 { font-size: 1.15rem; margin: 0 0 .75rem; }
p { margin: 0 0 1rem; }
.muted { color: var(--muted); }
label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
.hint { display: block; color: var(--muted); font-size: .9rem; margin-bottom: .25rem; }
input[type=text], input[type=email], input[type=password], select { width: 100%; font: inherit; padding: .55rem .7rem; border: 1px solid var(--muted); border-radius: .4rem; background: var(--surface); color: var(--ink); }
input[aria-invalid=true] { border: 2px solid var(--danger); }
.field-error { display: block; color: var(--danger); font-weight: 600; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
button { font: inherit; cursor: pointer; border-radius: .5rem; padding: .55rem 1rem; border: 1px solid var(--accent); background: var(--surface); color: var(--accent); }
button.primary { background: var(--accent); color: var(--accent-ink); font-weight: 600; margin-top: 1rem; }
button.link { border: none; padding: 0; color: var(--accent); text-decoration: underline; background: none; }
button.danger { border-color: var(--danger); color: var(--danger); }
.error-summary { border: 3px solid var(--danger); border-radius: .5rem; padding: 1rem; margin-bottom: 1rem; background: var(--surface); }
.error-summary h2 { color: var(--danger); }
.error-summary ul { margin: 0; padding-left: 1.2rem; }
.notice { border-left: 5px solid var(--ok); background: var(--surface); padding: .75rem 1rem; margin-bottom: 1rem; }
code, .secret { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; word-break: break-all; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: .5rem .4rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.table-scroll { overflow-x: auto; }
.inline-form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 0; }
.inline-form select { width: auto; }
.inline-form.leave { margin-top: 1rem; }
textarea { width: 100%; font: inherit; padding: .55rem .7rem; border: 1px solid var(--muted); border-radius: .4rem; background: var(--surface); color: var(--ink); }
textarea:focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
fieldset { border: 1px solid var(--line); border-radius: .5rem; margin: .75rem 0; padding: .5rem 1rem; }
legend { font-weight: 600; padding: 0 .25rem; }
.check { display: flex; gap: .5rem; align-items: baseline; }
.check label { font-weight: 400; margin: .2rem 0; }
.badge { display: inline-block; font-weight: 700; border: 2px solid var(--ink); border-radius: 1rem; padding: 0 .6rem; }
.checklist { list-style: none; padding: 0; }
.checklist li[data-done=true] { color: var(--ok); font-weight: 600; }
.details dt { font-weight: 600; }
.details dd { margin: 0 0 .5rem; }
.action-form { border-top: 1px solid var(--line); padding-top: .5rem; margin-bottom: .75rem; }
a.button { display: inline-block; border-radius: .5rem; padding: .55rem 1rem; background: var(--accent); color: var(--accent-ink); font-weight: 600; text-decoration: none; }
.codes { columns: 2; font-family: ui-monospace, Menlo, monospace; }
@media (max-width: 30rem) {
  table.stack thead { position: absolute; left: -999px; }
  table.stack tr { display: block; border-bottom: 1px solid var(--line); padding: .5rem 0; }
  table.stack td { display: block; border: none; padding: .2rem 0; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
}
`;
