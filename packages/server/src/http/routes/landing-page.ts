/**
 * @module `GET /`: what is running here. In development the database, the simulated fleet and its
 * clock, the demo application's Connect URL and where to go next; with `NODE_ENV=production` only
 * name, version, readiness and the documentation (nothing about credentials or where data lives).
 * `Accept: application/json` (without `text/html`) gets the same small status as JSON in both.
 */
import type { FastifyRequest } from 'fastify';
import { findDemoApplication } from '../../app/demo-application.js';
import { serverVersion } from '../../app/server-version.js';
import { FleetOperator, SimulatedVehicleProvider } from '../../providers/simulated/index.js';
import { databaseLocation, describeDatabaseLocation } from '../../store/index.js';
import type { AppContext } from '../../app/services.js';
import type { CarportModule } from '../carport-module.js';
import { basePathOf } from '../connect/flow-session.js';
import { renderDocsPage } from '../docs-site/docs-layout.js';
import { html, type SafeHtml } from '../html.js';

type Readiness = 'ready' | 'unavailable';

/** Whether the database answers; `/readyz` has the full checks and is what supervisors should probe. */
async function readiness(context: AppContext): Promise<Readiness> {
  try {
    await context.store.ping();
    return 'ready';
  } catch {
    return 'unavailable';
  }
}

/** A browser asks for HTML; a client that names JSON and not HTML gets JSON. */
function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

function links(basePath: string, development: boolean): SafeHtml {
  const owner = development ? html`<li><a href="${basePath}/connect/owner">Owner pages</a>: see and revoke what each application can access</li>` : '';
  const walkthrough = development ? html`<li><a href="${basePath}/docs/guides/getting-started#five-minute-walkthrough">Five-minute walkthrough</a>: Connect a simulated vehicle and call the API</li>` : '';
  return html`<h2>Where to go</h2><ul>
<li><a href="${basePath}/dashboard" id="dashboard-link">Developer dashboard</a>: sign up or sign in, manage your team</li>
<li><a href="${basePath}/docs">API reference</a> (OpenAPI at <a href="${basePath}/openapi.json">/openapi.json</a>)</li>
<li><a href="${basePath}/docs/errors">Error reference</a></li>
<li><a href="${basePath}/docs/guides">Guides</a></li>
${walkthrough}${owner}<li><a href="${basePath}/readyz">Readiness checks</a> (JSON)</li>
</ul>`;
}

/** The simulated fleet's size and clock, or undefined when the embedder brought other providers. */
async function fleetFacts(context: AppContext): Promise<SafeHtml | undefined> {
  const simulated = context.providers.all().find((provider) => provider instanceof SimulatedVehicleProvider);
  if (!(simulated instanceof SimulatedVehicleProvider)) return undefined;
  const clock = await new FleetOperator(simulated).clock();
  return html`<dt>Simulated fleet</dt><dd>${context.config.simulatorFleetSize} live-mode vehicles (<code>npx carport fleet list</code>)</dd>
<dt>Simulated clock</dt><dd><time datetime="${clock.simulatedNow}">${clock.simulatedNow}</time> (${clock.accelerationFactor}× real time)</dd>`;
}

async function demoSection(context: AppContext): Promise<SafeHtml> {
  const demo = await findDemoApplication(context);
  if (demo === undefined) {
    return html`<h2>Demo application</h2><p>There is no demo application. Create an application with <code>npx carport apps create</code>, then <code>npx carport apps connect-url CLIENT_ID</code> prints its Connect URL.</p>`;
  }
  return html`<h2>Demo application</h2>
<p>Open its Connect URL to connect a simulated vehicle (any login and password sign in); <code>npx carport apps show ${demo.clientId}</code> shows its credentials.</p>
<p><a href="${demo.connectUrl}" id="demo-connect-link">Connect a vehicle to the demo application</a></p>
<pre><code id="demo-connect-url">${demo.connectUrl}</code></pre>`;
}

async function developmentPage(context: AppContext, basePath: string, status: Readiness): Promise<string> {
  const database = describeDatabaseLocation(databaseLocation(context.config.databaseUrl, context.config.dataDir));
  const fleet = (await fleetFacts(context)) ?? '';
  return renderDocsPage({
    basePath,
    title: 'Carport (development)',
    body: html`<h1>Carport is running</h1>
<p class="muted">Development mode: this page shows where data lives and how to connect. With <code>NODE_ENV=production</code> it shows only the status.</p>
<div class="card"><dl class="facts">
<dt>Status</dt><dd id="status">${status}</dd>
<dt>Version</dt><dd>${serverVersion()}</dd>
<dt>Database</dt><dd id="database">${database}</dd>
${fleet}
</dl></div>
${await demoSection(context)}
${links(basePath, true)}`,
  });
}

function productionPage(basePath: string, status: Readiness): string {
  return renderDocsPage({
    basePath,
    title: 'Carport',
    body: html`<h1>Carport</h1>
<div class="card"><dl class="facts">
<dt>Status</dt><dd id="status">${status}</dd>
<dt>Version</dt><dd>${serverVersion()}</dd>
</dl></div>
${links(basePath, false)}`,
  });
}

export const landingPage: CarportModule = {
  name: 'landing-page',
  register(app, context) {
    const basePath = basePathOf(context.config);
    app.get('/', async (request, reply) => {
      const status = await readiness(context);
      if (wantsJson(request)) return reply.send({ name: 'Carport', version: serverVersion(), status, docs: `${context.config.publicUrl}/docs` });
      const page = context.config.production ? productionPage(basePath, status) : await developmentPage(context, basePath, status);
      return reply.type('text/html; charset=utf-8').send(page);
    });
  },
};
