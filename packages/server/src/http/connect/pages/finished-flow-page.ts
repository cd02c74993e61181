/** @module The page for a Connect session that already ended, reached by replaying one of its forms (the browser's back button, a resubmission). */
import { renderPage } from './layout.js';

/**
 * No link back: the application already received the session's answer (a code or an error), and a
 * second redirect would hand it a contradicting one.
 */
export function renderFinishedFlowPage(basePath: string): string {
  return renderPage({
    basePath,
    title: 'This session has already finished',
    content: `<h1>This session has already finished</h1>
<div class="alert" role="alert">This Connect session has ended and the application has its answer. To connect a vehicle again, start again from the application.</div>`,
  });
}
