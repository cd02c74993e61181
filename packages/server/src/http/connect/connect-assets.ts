/** @module The Connect pages' stylesheet and script, served as files so the CSP needs no inline code. */

/** Readable, high-contrast (WCAG AA) and responsive from phone to desktop. */
export const connectStylesheet = `
:root { color-scheme: light; --ink: #14181f; --muted: #4a5361; --line: #c9ced6; --accent: #0b5cad; --accent-ink: #ffffff; --danger: #a11a1a; --surface: #ffffff; --page: #f2f4f7; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--page); }
.page { max-width: 32rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
.page.wide { max-width: 60rem; }
.masthead { font-weight: 700; letter-spacing: .02em; color: var(--muted); margin-bottom: 1rem; }
.page-content { background: var(--surface); border: 1px solid var(--line); border-radius: .75rem; padding: 1.5rem; }
h1 { font-size: 1.4rem; line-height: 1.3; margin: 0 0 1rem; }
h2 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
p { margin: 0 0 1rem; }
.muted { color: var(--muted); font-size: .95rem; }
ul.packages { list-style: none; padding: 0; margin: 0 0 1rem; }
ul.packages > li { border-top: 1px solid var(--line); padding: .75rem 0; }
ul.packages .permissions { margin: .25rem 0 0 1.1rem; padding: 0; color: var(--muted); font-size: .95rem; }
.badge { display: inline-block; font-size: .75rem; font-weight: 700; text-transform: uppercase; border: 1px solid var(--ink); border-radius: .25rem; padding: 0 .3rem; margin-left: .4rem; }
label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
input[type=text], input[type=email], input[type=password], input[type=search] { width: 100%; font: inherit; padding: .6rem .7rem; border: 1px solid var(--muted); border-radius: .4rem; }
input:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
button { font: inherit; cursor: pointer; border-radius: .5rem; padding: .7rem 1rem; border: 1px solid var(--accent); }
button.primary { background: var(--accent); color: var(--accent-ink); width: 100%; font-weight: 600; margin-top: 1rem; }
a.button { display: block; box-sizing: border-box; text-align: center; text-decoration: none; border-radius: .5rem; padding: .7rem 1rem; border: 1px solid var(--accent); }
a.button.primary { background: var(--accent); color: var(--accent-ink); font-weight: 600; margin-top: 1rem; }
button.secondary { background: var(--surface); color: var(--accent); width: 100%; margin-top: .5rem; }
.brand-list { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: .5rem; margin-top: 1rem; }
.brand-list-item { background: var(--surface); color: var(--ink); border: 1px solid var(--line); text-align: left; }
.brand-list-item:hover { border-color: var(--accent); }
.brand-planned-list { list-style: none; padding: 0; margin: .5rem 0 0; }
.brand-planned { color: var(--muted); border: 1px dashed var(--line); border-radius: .5rem; padding: .7rem 1rem; margin-top: .5rem; }
.vehicles { border: 0; padding: 0; margin: 0 0 1rem; }
.vehicle, .choice { display: flex; gap: .6rem; align-items: flex-start; border: 1px solid var(--line); border-radius: .5rem; padding: .6rem; margin-bottom: .5rem; font-weight: 400; }
.vehicle input, .choice input { margin-top: .3rem; width: 1.1rem; height: 1.1rem; }
.vehicle.incompatible { color: var(--muted); }
.pager { margin-top: 1rem; }
.pager p { color: var(--muted); margin: 0 0 .5rem; }
.alert { border-left: 4px solid var(--danger); padding: .5rem .75rem; background: #fdeeee; color: var(--danger); margin-bottom: 1rem; }
table.grants { width: 100%; border-collapse: collapse; font-size: .95rem; }
table.grants th, table.grants td { border-top: 1px solid var(--line); padding: .5rem .25rem; text-align: left; vertical-align: top; }
pre { background: var(--page); border: 1px solid var(--line); border-radius: .4rem; padding: .6rem; white-space: pre-wrap; overflow-wrap: anywhere; }
code { overflow-wrap: anywhere; }
.back-link { display: inline-block; margin-bottom: .75rem; color: var(--accent); }
.actions { position: sticky; bottom: 0; background: var(--surface); border-top: 1px solid var(--line); padding: .25rem 0 .75rem; margin-top: 1rem; }
.actions button.primary { margin-top: .5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; border: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 30rem) {
  .page { padding: .75rem .5rem 2rem; } .page-content { padding: 1rem; }
  table.grants, table.grants tbody, table.grants tr, table.grants td { display: block; width: 100%; }
  table.grants thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.grants tr { border-top: 1px solid var(--line); padding: .5rem 0; }
  table.grants td { border-top: 0; padding: .15rem 0; }
  table.grants td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
}
`;

/**
 * Brand search filters the list as the owner types, and reveals a planned brand only when the query
 * names it (an empty box lists what can be connected); without script the search form filters on the server.
 */
export const connectScript = `
(function () {
  var input = document.getElementById('brand-search');
  if (!input) return;
  var items = Array.prototype.slice.call(document.querySelectorAll('.brand-list-item'));
  var planned = Array.prototype.slice.call(document.querySelectorAll('.brand-planned'));
  var status = document.getElementById('brand-search-status');
  function normalise(text) { return text.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase(); }
  function matches(item, query) { return normalise(item.getAttribute('data-search') || '').indexOf(query) !== -1; }
  input.addEventListener('input', function () {
    var query = normalise(input.value.trim());
    var shown = 0;
    items.forEach(function (item) {
      var match = query === '' || matches(item, query);
      item.hidden = !match;
      if (match) shown += 1;
    });
    planned.forEach(function (item) { item.hidden = query === '' || !matches(item, query); });
    if (status) status.textContent = shown + (shown === 1 ? ' brand' : ' brands');
  });
})();
`;
