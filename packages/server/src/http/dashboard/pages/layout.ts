/** @module The frame every dashboard page shares: skip link, header with navigation and sign-out, one main landmark. */
import { html, type SafeHtml } from '../../html.js';

/** Who is signed in, as the header shows it. */
export interface Viewer {
  readonly email: string;
  readonly isOperator: boolean;
  /** The sign-out form's CSRF token. */
  readonly csrfToken: string;
}

export type DashboardSection = 'applications' | 'review' | 'team' | 'account';

export interface DashboardFrame {
  readonly basePath: string;
  readonly title: string;
  readonly body: SafeHtml;
  /** Absent on the pages before sign-in, which get a narrow column and no navigation. */
  readonly viewer?: Viewer;
  readonly section?: DashboardSection;
}

const sections: readonly { readonly id: DashboardSection; readonly label: string; readonly path: string; readonly operatorOnly?: boolean }[] = [
  { id: 'applications', label: 'Applications', path: '' },
  { id: 'review', label: 'Review queue', path: '/review', operatorOnly: true },
  { id: 'team', label: 'Team', path: '/team' },
  { id: 'account', label: 'Account', path: '/account' },
];

function header(frame: DashboardFrame): SafeHtml {
  const base = `${frame.basePath}/dashboard`;
  const viewer = frame.viewer;
  if (viewer === undefined) {
    return html`<header class="bar"><div class="inner"><a class="brand" href="${base}">Carport dashboard</a></div></header>`;
  }
  const items = sections.filter((section) => section.operatorOnly !== true || viewer.isOperator).map(
    (section) => html`<li><a href="${base}${section.path}"${section.id === frame.section ? html` aria-current="page"` : html``}>${section.label}</a></li>`,
  );
  return html`<header class="bar"><div class="inner">
<a class="brand" href="${base}">Carport dashboard</a>
<nav aria-label="Dashboard"><ul>${items}</ul></nav>
<span class="muted">${viewer.email}${viewer.isOperator ? ' (operator)' : ''}</span>
<form method="post" action="${base}/sign-out"><input type="hidden" name="_csrf" value="${viewer.csrfToken}"><button type="submit">Sign out</button></form>
</div></header>`;
}

/** Renders a whole page. */
export function renderDashboardPage(frame: DashboardFrame): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · Carport dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${frame.basePath}/dashboard/assets/dashboard.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
${header(frame)}
<main id="main"${frame.viewer === undefined ? html` class="narrow"` : html``}>
${frame.body}
</main>
</body>
</html>`.value;
}
