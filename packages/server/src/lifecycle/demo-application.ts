/**
 * @module First start: a demo application, so a new user has credentials and a Connect URL at once.
 * Later starts keep its Connect URL's scope current, so the README's walkthroughs work on an
 * install created by an older version.
 */
import type { PermissionName } from '../catalog/permissions.js';
import type { AppContext } from '../http/app-context.js';
import { DEFAULT_PLAN, DEVELOPMENT_PLAN } from '../limits/plans.js';
import type { ApplicationRecord } from '../store/repositories/application-repository.js';

/**
 * Permissions the demo application asks for: enough for the README's walkthroughs on a simulated
 * EV: data reads, commands, and the charging events its Webhooks walkthrough subscribes to.
 */
export const demoScope = [
  'read_vehicle_info',
  'read_vin',
  'read_odometer',
  'read_location',
  'read_battery',
  'read_charge',
  'read_charge_events',
  'read_security',
  'control_charge',
  'control_security',
] as const satisfies readonly PermissionName[];

const DEMO_NAME = 'Demo application';
const DEMO_CALLBACK_PATH = '/demo/callback';
const DEMO_MODE = 'simulated';

/** Credentials shown once, right after the demo application is created. */
export interface DemoApplication {
  readonly name: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly managementToken: string;
  readonly redirectUri: string;
  readonly connectUrl: string;
}

/** Builds the Connect URL an owner opens to connect vehicles to `clientId` (`make` skips brand selection). */
export function connectUrl(publicUrl: string, clientId: string, redirectUri: string, scope: readonly string[], mode: string, options: { readonly make?: string } = {}): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: scope.join(' '),
    mode,
    ...(options.make === undefined ? {} : { make: options.make }),
    state: 'demo',
  });
  return `${publicUrl}/oauth/authorize?${query.toString()}`;
}

/**
 * Creates the demo application when the database has no application yet; returns its one-time
 * credentials, or undefined when applications already exist (secrets are never shown twice).
 */
export async function ensureDemoApplication(context: Pick<AppContext, 'config' | 'repositories'>): Promise<DemoApplication | undefined> {
  const existing = await context.repositories.applications.list();
  if (existing.length > 0) return undefined;
  const redirectUri = `${context.config.publicUrl}${DEMO_CALLBACK_PATH}`;
  const created = await context.repositories.applications.createApplication({
    name: DEMO_NAME,
    redirectUris: [redirectUri],
    defaultScope: [...demoScope],
    plan: DEVELOPMENT_PLAN,
  });
  return {
    name: created.application.name,
    clientId: created.application.clientId,
    clientSecret: created.clientSecret,
    managementToken: created.managementToken,
    redirectUri,
    connectUrl: connectUrl(context.config.connectUrl, created.application.clientId, redirectUri, demoScope, DEMO_MODE),
  };
}

/** The demo application as the first start created it (its name and Carport's own callback page). */
function isDemoApplication(application: ApplicationRecord): boolean {
  return application.name === DEMO_NAME && demoRedirectUri(application) !== undefined;
}

function demoRedirectUri(application: ApplicationRecord): string | undefined {
  return application.redirectUris.find((uri) => uri.endsWith(DEMO_CALLBACK_PATH));
}

/**
 * On a later start: when the stored demo application's default scope lacks permissions the demo
 * now asks for (an install created by an older version), adds them (keeping any the operator
 * added) and returns the Connect URL to use from now on; undefined when nothing changed. The URL
 * printed on the first start carries the old scope in its query, so the new one must be shown.
 */
export async function refreshDemoApplicationScope(context: Pick<AppContext, 'config' | 'repositories'>): Promise<string | undefined> {
  const demo = (await context.repositories.applications.list()).find(isDemoApplication);
  if (demo === undefined) return undefined;
  const missing = demoScope.filter((permission) => !demo.defaultScope.includes(permission));
  if (missing.length === 0) return undefined;
  const scope = [...demo.defaultScope, ...missing];
  await context.repositories.applications.update(demo.id, { defaultScope: scope });
  return connectUrl(context.config.connectUrl, demo.clientId, demoRedirectUri(demo) ?? `${context.config.publicUrl}${DEMO_CALLBACK_PATH}`, scope, DEMO_MODE);
}

/**
 * On a later start: moves a demo application still on the default plan (created before the demo
 * had a plan of its own) to the development plan, so exploring locally does not meet the default
 * plan's per-vehicle bucket after a few reads. A demo application an operator moved to any other
 * plan is left where it is. Returns whether it moved.
 */
export async function moveDemoApplicationToDevelopmentPlan(context: Pick<AppContext, 'repositories'>): Promise<boolean> {
  const demo = (await context.repositories.applications.list()).find(isDemoApplication);
  if (demo === undefined || demo.plan !== DEFAULT_PLAN) return false;
  await context.repositories.applications.update(demo.id, { plan: DEVELOPMENT_PLAN });
  return true;
}

/** What a later start prints when the demo application's Connect URL changed (it holds no secret). */
export function formatDemoScopeNotice(url: string): string {
  return ['', 'Carport demo application: its Connect URL now asks for more permissions; use this one:', `  Connect URL:      ${url}`, ''].join('\n');
}

/** The banner printed to standard output on first start (not through the logger, which redacts secrets). */
export function formatDemoBanner(demo: DemoApplication): string {
  return [
    '',
    '================ Carport demo application (shown once) ================',
    `  name:             ${demo.name}`,
    `  client id:        ${demo.clientId}`,
    `  client secret:    ${demo.clientSecret}`,
    `  management token: ${demo.managementToken}`,
    `  redirect URI:     ${demo.redirectUri}`,
    `  Connect URL:      ${demo.connectUrl}`,
    '  Lost them? `npx carport apps rotate-secret <client id>` issues a new secret.',
    '=======================================================================',
    '',
  ].join('\n');
}
